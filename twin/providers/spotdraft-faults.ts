/** SpotDraft faults (twin/faults/catalogue.ts), each a small hook the SpotDraft module consults at one decision point. */
import { spotdraft } from '../../src/providers/spotdraft.ts';
import type { FaultName } from '../faults/catalogue.ts';
import { accountWithFault, activeFor, activeOnHost, mapObjects, without, type DriftTable } from '../faults/scope.ts';
import type { TwinAccount, TwinContext, TwinRequest, TwinResponse } from '../types.ts';
import { accountByClientId, accountByCredentials } from './accounts.ts';
import { bearerToken, headerValue, httpsUrl, isObject, nonEmptyString } from './http.ts';

const hostOf = (region: string): string => new URL(spotdraft.baseUrls[region]?.uat ?? '').hostname;
const EU_HOST = hostOf('eu');
const US_HOST = hostOf('us');

type Lookup = (ctx: TwinContext, req: TwinRequest, clientId: string | undefined, clientSecret: string | undefined) => TwinAccount | undefined;

/** Faults that let a request through with credentials the documented API refuses: who it is then served as. */
const LENIENT_LOOKUPS: Partial<Record<FaultName, Lookup>> = {
  'spotdraft-missing-client-secret-accepted': (ctx, req, id, secret) =>
    (id && !secret ? accountByClientId(ctx, spotdraft.id, req.host, id) : undefined),
  'spotdraft-missing-client-id-accepted': (ctx, req, id, secret) =>
    (!id && secret ? ctx.accounts.find((a) => a.provider === spotdraft.id && a.host === req.host && a.clientSecret === secret) : undefined),
  'spotdraft-wrong-secret-accepted': (ctx, req, id, secret) => (id && secret ? accountByClientId(ctx, spotdraft.id, req.host, id) : undefined),
  // The EU host also knows the US workspaces: a US credential works there.
  'spotdraft-region-coupling-broken': (ctx, req, id, secret) =>
    (req.host === EU_HOST && id && secret ? accountByCredentials(ctx, spotdraft.id, US_HOST, id, secret) : undefined),
  'spotdraft-bearer-token-accepted': (ctx, req, id, secret) =>
    (!id && !secret && bearerToken(req) ? accountWithFault(ctx, 'spotdraft-bearer-token-accepted', spotdraft.id, req.host) : undefined),
};

export function lenientAccount(ctx: TwinContext, req: TwinRequest, clientId?: string, clientSecret?: string): TwinAccount | undefined {
  for (const [name, lookup] of Object.entries(LENIENT_LOOKUPS) as [FaultName, Lookup][]) {
    const account = lookup(ctx, req, clientId, clientSecret);
    if (account && activeFor(ctx, name, account)) return account;
  }
  return undefined;
}

/** Under `spotdraft-header-names-case-sensitive`, only the lower-case spelling of a credential header counts. */
export function credentialHeadersMisspelt(ctx: TwinContext, req: TwinRequest, account: TwinAccount): boolean {
  if (!activeFor(ctx, 'spotdraft-header-names-case-sensitive', account)) return false;
  const names = req.rawHeaderNames ?? [];
  return names.some((n) => ['client-id', 'client-secret'].includes(n.toLowerCase()) && n !== n.toLowerCase());
}

export type UserContext = { kind: 'none' } | { kind: 'unknown' } | { kind: 'member'; active: boolean };

/** Whether the user context is refused on this endpoint, documented rules first, then the faults that bend them. */
export function userContextRefused(ctx: TwinContext, account: TwinAccount, user: UserContext, endpointId: string): boolean {
  switch (user.kind) {
    case 'none':
      return endpointId === 'contract_types.list' && activeFor(ctx, 'spotdraft-api-credential-context-refused', account);
    case 'unknown':
      return !activeFor(ctx, 'spotdraft-unknown-user-email-accepted', account);
    case 'member':
      return user.active
        ? activeFor(ctx, 'spotdraft-active-user-email-refused', account)
        : !activeFor(ctx, 'spotdraft-inactive-user-email-accepted', account);
  }
}

/** Is the fault active for this caller: its account when the credentials are valid here, else any target on the host. */
export function activeForCaller(ctx: TwinContext, req: TwinRequest, name: FaultName): boolean {
  const clientId = headerValue(req, 'client-id');
  const clientSecret = headerValue(req, 'client-secret');
  const account = clientId && clientSecret ? accountByCredentials(ctx, spotdraft.id, req.host, clientId, clientSecret) : undefined;
  return account ? activeFor(ctx, name, account) : activeOnHost(ctx, name, req.host);
}

/** Where a slash-mismatch redirect points while a fault bends it (the documented Location is the canonical https URL). */
const LOCATION_FAULTS: Partial<Record<FaultName, (req: TwinRequest, canonicalPath: string) => string>> = {
  'spotdraft-slash-redirect-wrong-path': (req, path) => httpsUrl(req, path.replace(/^\/api(?=\/)/, '')),
  'spotdraft-slash-redirect-other-origin': (req, path) => httpsUrl({ ...req, host: 'app.spotdraft.com' }, path),
  'spotdraft-slash-redirect-to-http': (req, path) => httpsUrl(req, path).replace(/^https:/, 'http:'),
};

export function faultyLocation(ctx: TwinContext, req: TwinRequest, canonicalPath: string): string | undefined {
  for (const [name, location] of Object.entries(LOCATION_FAULTS) as [FaultName, (r: TwinRequest, p: string) => string][]) {
    if (activeForCaller(ctx, req, name)) return location(req, canonicalPath);
  }
  return undefined;
}

/**
 * The create body as the counter-party endpoint reads it. Under `spotdraft-counter-party-incomplete-body-accepted` a
 * body without the required `is_individual` is not refused: the flag is guessed from the names it carries.
 */
export function counterPartyBodyAsRead(ctx: TwinContext, account: TwinAccount, body: Record<string, unknown>): Record<string, unknown> {
  if (body.is_individual !== undefined || !activeFor(ctx, 'spotdraft-counter-party-incomplete-body-accepted', account)) return body;
  return { ...body, is_individual: !nonEmptyString(body.organization_name) };
}

/** Under `spotdraft-counter-party-patch-ignored` a valid update is answered 200 but never applied. */
export function counterPartyUpdateDropped(ctx: TwinContext, account: TwinAccount): boolean {
  return activeFor(ctx, 'spotdraft-counter-party-patch-ignored', account);
}

/** Success bodies as a drifting API would send them. */
export const SPOTDRAFT_DRIFT: DriftTable = {
  'spotdraft-contract-type-name-missing': {
    endpoints: ['contract_types.list'],
    transform: (body) => mapObjects(body, (type) => without(type, 'name')),
  },
  'spotdraft-entity-id-string': {
    endpoints: ['entities.list'],
    transform: (body) => mapObjects(body, (entity) => ({ ...entity, id: String(entity.id) })),
  },
  'spotdraft-undocumented-contract-status': {
    endpoints: ['contracts.status'],
    transform: (body) => (isObject(body) ? { ...body, contract_status: 'IN_REVIEW' } : body),
  },
  'spotdraft-contract-page-total-missing': {
    endpoints: ['contracts.list'],
    transform: (body) => without(body, 'total_results'),
  },
  'spotdraft-contract-status-name-missing': {
    endpoints: ['contracts.status'],
    transform: (body) => without(body, 'contract_name'),
  },
  'spotdraft-user-email-missing': {
    endpoints: ['users.list'],
    transform: (body) => (isObject(body) ? {
      ...body,
      results: mapObjects(body.results, (user, index) => (index === 0 ? without(user, 'email') : user)),
    } : body),
  },
  'spotdraft-counter-party-id-missing': {
    endpoints: ['counter_parties.create'],
    transform: (body) => without(body, 'id'),
  },
  'spotdraft-counter-party-page-total-missing': {
    endpoints: ['counter_parties.list'],
    transform: (body) => without(body, 'total_results'),
  },
  'spotdraft-counter-party-status-undocumented': {
    endpoints: ['counter_parties.get'],
    transform: (body) => (isObject(body) ? { ...body, status: 'SUSPENDED' } : body),
  },
};

/** `spotdraft-error-body-without-documented-fields`: every `{detail}` error body becomes `{error}`. */
export function finalizeSpotdraft(req: TwinRequest, res: TwinResponse, ctx: TwinContext): TwinResponse {
  if (res.status < 400 || !isObject(res.body) || typeof res.body.detail !== 'string') return res;
  if (!activeOnHost(ctx, 'spotdraft-error-body-without-documented-fields', req.host)) return res;
  return { ...res, body: { error: res.body.detail } };
}
