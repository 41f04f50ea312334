/** @flow: each round trip a provider documents (its descriptor's `roundTrips`), as one check of named steps. */
import { createReplaceDelete } from '../flows/create-replace-delete.ts';
import { ownedRecord } from '../flows/owned-record.ts';
import { uniqueReference } from '../flows/unique-reference.ts';
import type { ProviderDescriptor, RoundTrip } from '../providers/types.ts';
import { verdict, type Check, type CheckContext, type Verdict } from './check.ts';

function runTrip(trip: RoundTrip, ctx: CheckContext, v: Verdict): Promise<void> {
  switch (trip.kind) {
    case 'create-replace-delete':
      return createReplaceDelete(trip, ctx, v);
    case 'unique-reference':
      return uniqueReference(trip, ctx, v);
    case 'owned-record':
      return ownedRecord(trip, ctx, v);
  }
}

function flowCheck(trip: RoundTrip): Check {
  return {
    id: `flow.${trip.id}`,
    family: 'flow',
    title: trip.title,
    severity: 'critical',
    // Creates and changes records: uat only, or prod with CONTRACT_ALLOW_PROD_WRITES=1.
    mutating: true,
    docs: () => trip.docs,
    appliesTo: (tp) => tp.target.provider.roundTrips.includes(trip),
    run(ctx: CheckContext) {
      return runTrip(trip, ctx, verdict(ctx, this));
    },
  };
}

export function flowChecks(providers: readonly ProviderDescriptor[]): Check[] {
  return providers.flatMap((p) => p.roundTrips.map(flowCheck));
}
