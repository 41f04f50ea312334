/** Spotnana faults (twin/faults/catalogue.ts), each a small hook the Spotnana module consults at one decision point. */
import { randomUUID } from 'node:crypto';
import { spotnana } from '../../src/providers/spotnana.ts';
import type { FaultName } from '../faults/catalogue.ts';
import { activeFor, activeOnHost, mapObjects, without, type DriftTable } from '../faults/scope.ts';
import type { TwinAccount, TwinContext, TwinRequest, TwinResponse } from '../types.ts';
import { accountByClientId, accountByCredentials } from './accounts.ts';
import { isObject } from './http.ts';
import type { SpotnanaUser } from './spotnana-data.ts';

const SANDBOX_HOST = new URL(spotnana.baseUrls.global?.uat ?? '').hostname;
const PRODUCTION_HOST = new URL(spotnana.baseUrls.global?.prod ?? '').hostname;

type Lookup = (ctx: TwinContext, host: string, clientId: string, clientSecret: string) => TwinAccount | undefined;

/** Faults that issue a token for credentials the documented API refuses: whose token it then is. */
const LENIENT_LOOKUPS: Partial<Record<FaultName, Lookup>> = {
  'spotnana-wrong-secret-issues-token': (ctx, host, id) => accountByClientId(ctx, spotnana.id, host, id),
  // Production also knows the sandbox credentials.
  'spotnana-prod-accepts-sandbox-credentials': (ctx, host, id, secret) =>
    (host === PRODUCTION_HOST ? accountByCredentials(ctx, spotnana.id, SANDBOX_HOST, id, secret) : undefined),
};

export function lenientTokenAccount(ctx: TwinContext, host: string, clientId: string, clientSecret: string): TwinAccount | undefined {
  for (const [name, lookup] of Object.entries(LENIENT_LOOKUPS) as [FaultName, Lookup][]) {
    const account = lookup(ctx, host, clientId, clientSecret);
    if (account && activeFor(ctx, name, account)) return account;
  }
  return undefined;
}

/** `spotnana-token-accepts-json`: the JSON body read as if it were the documented form. */
export function jsonBodyAsForm(ctx: TwinContext, req: TwinRequest): URLSearchParams | undefined {
  if (!isObject(req.json)) return undefined;
  const fields = Object.fromEntries(Object.entries(req.json).map(([k, v]) => [k, String(v)]));
  const account = fields.client_id ? accountByClientId(ctx, spotnana.id, req.host, fields.client_id) : undefined;
  const active = account ? activeFor(ctx, 'spotnana-token-accepts-json', account) : activeOnHost(ctx, 'spotnana-token-accepts-json', req.host);
  return active ? new URLSearchParams(fields) : undefined;
}

/**
 * The create-user body as the endpoint reads it. Under `spotnana-user-incomplete-body-accepted` a name without the
 * required `family1` is not refused: it is stored with an empty one.
 */
export function userBodyAsRead(ctx: TwinContext, account: TwinAccount, body: unknown): unknown {
  const personalInfo = isObject(body) ? body.personalInfo : undefined;
  const name = isObject(personalInfo) ? personalInfo.name : undefined;
  if (!isObject(body) || !isObject(personalInfo) || !isObject(name) || name.family1 !== undefined) return body;
  if (!activeFor(ctx, 'spotnana-user-incomplete-body-accepted', account)) return body;
  return { ...body, personalInfo: { ...personalInfo, name: { ...name, family1: '' } } };
}

/** The id a create answers. Under `spotnana-created-user-unreadable` it is not the one the user is stored under. */
export function createdUserIdAnswered(ctx: TwinContext, account: TwinAccount, storedId: string): string {
  return activeFor(ctx, 'spotnana-created-user-unreadable', account) ? randomUUID() : storedId;
}

/** `value` laid over `base`, object by object: what `base` has and `value` leaves out survives (arrays are values). */
function deepMerge(base: Record<string, unknown>, value: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, next] of Object.entries(value)) {
    const previous = merged[key];
    merged[key] = isObject(previous) && isObject(next) ? deepMerge(previous, next) : next;
  }
  return merged;
}

/** What a PUT stores: the replacement, or under `spotnana-user-put-merges` the replacement merged into the stored user. */
export function replacementOf(ctx: TwinContext, account: TwinAccount, stored: SpotnanaUser, replacement: SpotnanaUser): SpotnanaUser {
  return activeFor(ctx, 'spotnana-user-put-merges', account) ? { ...deepMerge(stored, replacement), id: stored.id } : replacement;
}

/** Under `spotnana-deleted-user-readable` a delete is answered 204 but the user is kept. */
export function deletedUserKept(ctx: TwinContext, account: TwinAccount): boolean {
  return activeFor(ctx, 'spotnana-deleted-user-readable', account);
}

/** Success bodies as a drifting API would send them. */
export const SPOTNANA_DRIFT: DriftTable = {
  'spotnana-token-type-not-bearer': {
    endpoints: ['auth.token'],
    transform: (body) => (isObject(body) ? { ...body, token_type: 'MAC' } : body),
  },
  'spotnana-company-list-length-not-integer': {
    endpoints: ['companies.list'],
    transform: (body) => (isObject(body) ? { ...body, length: String(body.length) } : body),
  },
  'spotnana-company-id-bare-string': {
    endpoints: ['companies.get'],
    transform: (body) => (isObject(body) && isObject(body.id) ? { ...body, id: body.id.id } : body),
  },
  'spotnana-legal-entity-id-not-uuid': {
    endpoints: ['legal_entities.list'],
    transform: (body) => (isObject(body) ? { ...body, elements: mapObjects(body.elements, (entity, index) => ({ ...entity, id: 4711 + index })) } : body),
  },
  'spotnana-user-persona-undocumented': {
    endpoints: ['users.list'],
    transform: (body) => (isObject(body) ? { ...body, elements: mapObjects(body.elements, (user) => ({ ...user, persona: 'CONTRACTOR' })) } : body),
  },
  'spotnana-user-tier-undocumented': {
    endpoints: ['users.get'],
    transform: (body) => (isObject(body) ? { ...body, tier: 'PLATINUM' } : body),
  },
  'spotnana-created-user-id-not-uuid': {
    endpoints: ['users.create'],
    transform: (body) => (isObject(body) ? { ...body, id: 4711 } : body),
  },
};

/** `spotnana-error-without-debug-identifier`: every error body loses its debugIdentifier. */
export function finalizeSpotnana(req: TwinRequest, res: TwinResponse, ctx: TwinContext): TwinResponse {
  if (res.status < 400 || !isObject(res.body) || !('debugIdentifier' in res.body)) return res;
  if (!activeOnHost(ctx, 'spotnana-error-without-debug-identifier', req.host)) return res;
  return { ...res, body: without(res.body, 'debugIdentifier') };
}
