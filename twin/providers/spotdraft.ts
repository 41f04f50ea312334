/** SpotDraft twin: client-id/client-secret headers, per-workspace data, documented 302 redirects. */
import { spotdraft } from '../../src/providers/spotdraft.ts';
import { activeOnFaultHost, applyDrift } from '../faults/scope.ts';
import type { Route, TwinAccount, TwinContext, TwinProvider, TwinRecord, TwinRequest, TwinResponse } from '../types.ts';
import { accountByClientId, accountByCredentials } from './accounts.ts';
import { descriptorHosts, descriptorRoute } from './descriptor-paths.ts';
import { headerValue, httpsUrl, isObject, json, positiveIntParam, redirect, safeDecode } from './http.ts';
import {
  counterPartyErrors, counterPartyFrom, counterPartyUpdated, counterPartyUpdateErrors, nameField, nameTaken, type CounterParty,
} from './spotdraft-counter-parties.ts';
import { seedWorkspace, type SpotdraftWorkspace } from './spotdraft-data.ts';
import { webhookHmacKey } from './spotdraft-webhooks.ts';
import {
  activeForCaller, counterPartyBodyAsRead, counterPartyUpdateDropped, credentialHeadersMisspelt, faultyLocation, finalizeSpotdraft, lenientAccount, SPOTDRAFT_DRIFT,
  userContextRefused, type UserContext,
} from './spotdraft-faults.ts';

const MAX_LIMIT = 100;
/** `/api`: the documented base path every SpotDraft path begins with. */
const BASE_PATH = new URL(spotdraft.baseUrls.us?.uat ?? 'https://x/api/').pathname.replace(/\/+$/, '');

interface Caller {
  account: TwinAccount;
  workspace: SpotdraftWorkspace;
}

type CallerHandler = (req: TwinRequest, params: Record<string, string>, caller: Caller, ctx: TwinContext) => TwinResponse;

const detail = (status: number, message: string, auth: 'accepted' | 'rejected' | 'none'): TwinResponse =>
  json(status, { detail: message }, auth);

const notFound = (): TwinResponse => detail(404, 'Not found.', 'none');

/** Field-keyed validation error, e.g. `{"limit": ["..."]}`. */
const fieldError = (field: string, message: string): TwinResponse => json(400, { [field]: [message] }, 'accepted');

function pageParams(req: TwinRequest): { page: number; limit: number } | TwinResponse {
  const page = positiveIntParam(req.query, 'page', 1);
  if (page === undefined) return fieldError('page', 'A valid positive integer is required.');
  const limit = positiveIntParam(req.query, 'limit', 10);
  if (limit === undefined) return fieldError('limit', 'A valid positive integer is required.');
  if (limit > MAX_LIMIT) return fieldError('limit', `Ensure this value is less than or equal to ${MAX_LIMIT}.`);
  return { page, limit };
}

function paginate<T>(items: T[], page: number, limit: number) {
  return { page, limit, total_results: items.length, results: items.slice((page - 1) * limit, page * limit) };
}

function listContractTypes(_req: TwinRequest, _params: Record<string, string>, { workspace }: Caller): TwinResponse {
  return json(200, workspace.contractTypes, 'accepted');
}

function listContracts(req: TwinRequest, _params: Record<string, string>, { workspace }: Caller): TwinResponse {
  const paging = pageParams(req);
  if ('status' in paging) return paging;
  return json(200, paginate(workspace.contracts, paging.page, paging.limit), 'accepted');
}

function contractStatus(_req: TwinRequest, params: Record<string, string>, { workspace }: Caller): TwinResponse {
  const match = /^([TH])-(\d+)$/.exec(safeDecode(params.composite_id ?? ''));
  const pool = match?.[1] === 'T' ? workspace.contracts : match?.[1] === 'H' ? workspace.historicalContracts : [];
  const contract = pool.find((c) => c.id === match?.[2]);
  if (!contract) return detail(404, 'Contract not found.', 'accepted');
  return json(200, { contract_status: contract.contract_status, contract_name: contract.contract_name }, 'accepted');
}

function listUsers(req: TwinRequest, _params: Record<string, string>, { workspace }: Caller): TwinResponse {
  const paging = pageParams(req);
  if ('status' in paging) return paging;
  const email = req.query.get('user_email')?.toLowerCase();
  const members = email ? workspace.members.filter((m) => m.email.toLowerCase() === email) : workspace.members;
  return json(200, paginate(members, paging.page, paging.limit), 'accepted');
}

function listEntities(_req: TwinRequest, _params: Record<string, string>, { workspace }: Caller): TwinResponse {
  return json(200, workspace.entities, 'accepted');
}

const notAnObject = (): TwinResponse => json(400, { detail: 'Request body must be a JSON object.' }, 'accepted');

/** CreateCounterPartyAPIRequest: refused with SpotDraft's field-keyed errors, or created and answered 201. */
function createCounterParty(req: TwinRequest, _params: Record<string, string>, { account, workspace }: Caller, ctx: TwinContext): TwinResponse {
  if (!isObject(req.json)) return notAnObject();
  const body = counterPartyBodyAsRead(ctx, account, req.json);
  const errors = counterPartyErrors(body) ?? nameTaken(workspace.counterParties, String(body[nameField(body)]), nameField(body));
  if (errors) return json(400, errors, 'accepted');
  const counterParty = counterPartyFrom(body, () => workspace.nextCounterPartyId++);
  workspace.counterParties.push(counterParty);
  workspace.createdCounterPartyIds.add(counterParty.id);
  return json(201, counterParty, 'accepted');
}

/** CounterpartyListAPIResponse; `filter__client_email_address` matches the email of any contact exactly. */
function listCounterParties(req: TwinRequest, _params: Record<string, string>, { workspace }: Caller): TwinResponse {
  const paging = pageParams(req);
  if ('status' in paging) return paging;
  const email = req.query.get('filter__client_email_address');
  const matching = email === null ? workspace.counterParties : workspace.counterParties.filter((cp) => cp.contacts.some((c) => c.email === email));
  return json(200, paginate(matching, paging.page, paging.limit), 'accepted');
}

/** The counter party of this workspace with the path's id (an integer, as documented). */
function counterPartyOf(workspace: SpotdraftWorkspace, params: Record<string, string>): CounterParty | undefined {
  const raw = params.counterparty_id ?? '';
  return /^\d+$/.test(raw) ? workspace.counterParties.find((cp) => cp.id === Number(raw)) : undefined;
}

function getCounterParty(_req: TwinRequest, params: Record<string, string>, { workspace }: Caller): TwinResponse {
  const counterParty = counterPartyOf(workspace, params);
  return counterParty ? json(200, counterParty, 'accepted') : detail(404, 'Not found.', 'accepted');
}

/** PatchedExternalCounterpartyUpdateRequest: a partial update, answered with the whole counter party. */
function updateCounterParty(req: TwinRequest, params: Record<string, string>, { account, workspace }: Caller, ctx: TwinContext): TwinResponse {
  const stored = counterPartyOf(workspace, params);
  if (!stored) return detail(404, 'Not found.', 'accepted');
  if (!isObject(req.json)) return notAnObject();
  const body = req.json;
  const errors = counterPartyUpdateErrors(body) ?? (typeof body.name === 'string' ? nameTaken(workspace.counterParties, body.name, 'name', stored.id) : undefined);
  if (errors) return json(400, errors, 'accepted');
  if (counterPartyUpdateDropped(ctx, account)) return json(200, stored, 'accepted');
  // A new object, not a change in place: an answer already given keeps what it said.
  const updated = counterPartyUpdated(stored, body);
  workspace.counterParties[workspace.counterParties.indexOf(stored)] = updated;
  return json(200, updated, 'accepted');
}

/** The counter parties created through the API that every workspace holds. */
function createdCounterParties(workspaces: ReadonlyMap<string, SpotdraftWorkspace>): TwinRecord[] {
  return [...workspaces].flatMap(([target, workspace]) => workspace.counterParties
    .filter((cp) => workspace.createdCounterPartyIds.has(cp.id))
    .map((cp): TwinRecord => ({ target, provider: spotdraft.id, kind: 'counter-party', id: String(cp.id), label: cp.name })));
}

export function createSpotdraftTwin(): TwinProvider {
  const workspaces = new Map<string, SpotdraftWorkspace>();

  const workspaceOf = (account: TwinAccount): SpotdraftWorkspace => {
    let workspace = workspaces.get(account.targetId);
    if (!workspace) {
      workspace = seedWorkspace(account);
      workspaces.set(account.targetId, workspace);
    }
    return workspace;
  };

  const authenticate = (req: TwinRequest, ctx: TwinContext, endpointId: string): Caller | TwinResponse => {
    const clientId = headerValue(req, 'client-id');
    const clientSecret = headerValue(req, 'client-secret');
    // Lookup includes the host: another region's credentials (or any foreign ones) are simply unknown here.
    const account = (clientId && clientSecret ? accountByCredentials(ctx, spotdraft.id, req.host, clientId, clientSecret) : undefined)
      ?? lenientAccount(ctx, req, clientId, clientSecret);
    if (!account || credentialHeadersMisspelt(ctx, req, account)) {
      return clientId && clientSecret && account === undefined
        ? detail(401, 'Invalid client credentials.', 'rejected')
        : detail(401, 'Authentication credentials were not provided.', 'rejected');
    }
    const workspace = workspaceOf(account);
    const userEmail = headerValue(req, 'user-email')?.trim().toLowerCase();
    const member = userEmail ? workspace.members.find((m) => m.email.toLowerCase() === userEmail) : undefined;
    const user: UserContext = !userEmail ? { kind: 'none' } : member ? { kind: 'member', active: member.is_active } : { kind: 'unknown' };
    if (userContextRefused(ctx, account, user, endpointId)) {
      return user.kind === 'none'
        ? detail(403, 'This API requires a user-email of an active workspace member.', 'rejected')
        : detail(403, 'The user-email does not belong to an active member of this workspace.', 'rejected');
    }
    return { account, workspace };
  };

  const route = (endpointId: string, handler: CallerHandler): Route =>
    descriptorRoute(spotdraft, endpointId, (req, params, ctx) => {
      if (activeOnFaultHost(ctx, 'spotdraft-documented-host-not-serving', req.host)) return notFound();
      if (endpointId === 'contracts.status' && activeForCaller(ctx, req, 'spotdraft-canonical-path-redirects')) {
        return redirect(302, httpsUrl(req, `${req.path}/`));
      }
      const caller = authenticate(req, ctx, endpointId);
      if ('status' in caller) return caller;
      return applyDrift(SPOTDRAFT_DRIFT, endpointId, caller.account, ctx, handler(req, params, caller, ctx));
    });

  return {
    id: spotdraft.id,
    hosts: descriptorHosts(spotdraft),
    routes: [
      route('contract_types.list', listContractTypes),
      route('contracts.list', listContracts),
      route('contracts.status', contractStatus),
      route('users.list', listUsers),
      route('entities.list', listEntities),
      route('counter_parties.create', createCounterParty),
      route('counter_parties.list', listCounterParties),
      route('counter_parties.get', getCounterParty),
      route('counter_parties.update', updateCounterParty),
      route('webhooks.hmac_key', webhookHmacKey),
    ],
    records: () => createdCounterParties(workspaces),
    // Documented: a slash mismatch answers 302 to the canonical path, for every method, without processing the body.
    slashMismatch: (req, canonicalPath, ctx, dispatch) => {
      if (req.method === 'POST' && activeForCaller(ctx, req, 'spotdraft-slash-mismatch-post-processed')) return dispatch({ ...req, path: canonicalPath });
      return redirect(302, faultyLocation(ctx, req, canonicalPath) ?? httpsUrl(req, canonicalPath));
    },
    notFound: (req, ctx, dispatch) => {
      if (req.path.startsWith(`${BASE_PATH}${BASE_PATH}`) && activeForCaller(ctx, req, 'spotdraft-doubled-api-path-served')) {
        return dispatch({ ...req, path: req.path.slice(BASE_PATH.length) });
      }
      return notFound();
    },
    plainHttp: (req) => redirect(302, httpsUrl(req, req.path)),
    finalize: finalizeSpotdraft,
    // Documented: 10 requests per second per workspace. [assume] The workspace is the one the client-id header names on
    // this host, counted before the secret is checked (a gateway limits by key id); a request with no or an unknown
    // client-id belongs to no workspace and is not limited (a per-IP limit, if any, is not documented).
    rateLimit: {
      bucket: (req, ctx) => {
        const clientId = headerValue(req, 'client-id');
        return clientId ? accountByClientId(ctx, spotdraft.id, req.host, clientId)?.targetId : undefined;
      },
      refuse: (retryAfterSeconds) => {
        const answer = detail(429, `Request was throttled. Expected available in ${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}.`, 'none');
        return { ...answer, headers: { ...answer.headers, 'retry-after': String(retryAfterSeconds) } };
      },
    },
  };
}
