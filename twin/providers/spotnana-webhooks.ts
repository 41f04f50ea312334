/**
 * Spotnana's webhook subscriptions, one set per environment (PROVIDERS.md), listed by `GET /v3/webhooks/subscriptions`
 * like Spotnana's other lists ([assume] `{length, elements, totalNumResults}`). Each account has one subscription,
 * delivering to its environment's receiver; the signing secret is shown on create only, so never here.
 */
import { activeFor } from '../faults/scope.ts';
import type { TwinAccount, TwinContext, TwinRequest, TwinResponse } from '../types.ts';
import type { EnvironmentName } from '../../src/providers/types.ts';
import { uuidFrom } from './deterministic.ts';
import { json } from './http.ts';

/** The team's receivers, per environment: the committed twin profiles declare the same hosts. */
export const TWIN_RECEIVERS: Record<EnvironmentName, string> = {
  uat: 'hooks-uat.twin-receiver.example',
  prod: 'hooks.twin-receiver.example',
};

function subscription(account: TwinAccount, companyId: string, ctx: TwinContext): Record<string, unknown> {
  // A prod subscription left on the UAT receiver (copied from sandbox, say): prod events go to the wrong place.
  const environment: EnvironmentName = activeFor(ctx, 'spotnana-prod-subscription-on-uat-receiver', account) ? 'uat' : account.environment;
  return {
    id: uuidFrom(`spotnana:${account.targetId}:webhook-subscription:0`),
    name: `Trips and travelers (${account.environment})`,
    subscriberId: companyId,
    eventSource: { scopes: [{ predicates: [{ type: 'COMPANY', values: [companyId] }] }] },
    eventTypes: ['TRIP_DETAILS_V3', 'TRAVELER_V2'],
    url: `https://${TWIN_RECEIVERS[environment]}/webhooks/spotnana`,
    // The only subscription switched off (disabled after failures, say): nothing is delivered at all.
    isActive: !activeFor(ctx, 'spotnana-webhook-subscription-inactive', account),
  };
}

export function listSubscriptions(_req: TwinRequest, _params: Record<string, string>, { company }: { company: { id: string } }, ctx: TwinContext, account: TwinAccount): TwinResponse {
  const elements = [subscription(account, company.id, ctx)];
  return json(200, { length: elements.length, elements, totalNumResults: elements.length }, 'accepted');
}
