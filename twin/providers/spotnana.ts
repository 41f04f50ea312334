/** Spotnana twin: form-encoded client-credentials tokens (opaque), Bearer auth, one company per account. */
import { randomBytes, randomUUID } from 'node:crypto';
import { spotnana } from '../../src/providers/spotnana.ts';
import { accountWithFault, activeOnHost, applyDrift } from '../faults/scope.ts';
import type { Route, TwinAccount, TwinContext, TwinProvider, TwinRequest, TwinResponse } from '../types.ts';
import { accountByCredentials, accountByTargetId } from './accounts.ts';
import { descriptorHosts, descriptorRoute, endpointPath } from './descriptor-paths.ts';
import { bearerToken, emptyResponse, headerValue, httpsUrl, isObject, json, redirect, safeDecode, type AuthDecision } from './http.ts';
import { finalizeSpotnana, jsonBodyAsForm, lenientTokenAccount, SPOTNANA_DRIFT } from './spotnana-faults.ts';
import { seedCompany, seedUsers, userSummary, type Company, type SpotnanaUser } from './spotnana-data.ts';
import { createSpotnanaTokens, TOKEN_LIFETIME_SECONDS } from './spotnana-tokens.ts';

interface AccountState {
  company: Company;
  users: Map<string, SpotnanaUser>;
}

type CallerHandler = (req: TwinRequest, params: Record<string, string>, state: AccountState) => TwinResponse;

function spotnanaError(
  status: number,
  errorCode: string,
  message: string,
  auth: AuthDecision,
  errorParameters?: { name: string; value: string }[],
): TwinResponse {
  const errorMessage = { errorCode, message, ...(errorParameters ? { errorParameters } : {}) };
  return json(status, { debugIdentifier: randomBytes(8).toString('hex'), errorMessages: [errorMessage] }, auth);
}

const validationFailed = (field: string, message: string): TwinResponse =>
  spotnanaError(400, 'API_VALIDATION_FAILED', message, 'accepted', [{ name: field, value: '' }]);
const notFoundFor = (what: string): TwinResponse => spotnanaError(404, 'RESOURCE_NOT_FOUND', `${what} not found`, 'accepted');

function listCompanies(_req: TwinRequest, _params: Record<string, string>, { company }: AccountState): TwinResponse {
  return json(200, { length: 1, elements: [{ id: company.id, name: company.name }], totalNumResults: 1 }, 'accepted');
}

function getCompany(_req: TwinRequest, params: Record<string, string>, { company }: AccountState): TwinResponse {
  if (safeDecode(params.companyId ?? '') !== company.id) return notFoundFor('Company');
  return json(200, { id: { id: company.id }, name: company.name, billingCurrency: company.billingCurrency, isActive: company.isActive }, 'accepted');
}

function listUsers(req: TwinRequest, _params: Record<string, string>, { company, users }: AccountState): TwinResponse {
  const companyId = req.query.get('companyId');
  if (!companyId) return validationFailed('companyId', 'companyId is required');
  if (companyId !== company.id) return notFoundFor('Company');
  const elements = [...users.values()].map(userSummary);
  return json(200, { length: elements.length, elements }, 'accepted');
}

function getUser(_req: TwinRequest, params: Record<string, string>, { users }: AccountState): TwinResponse {
  const user = users.get(safeDecode(params.userId ?? ''));
  return user ? json(200, user, 'accepted') : notFoundFor('User');
}

/** The complete-object rule: a create or update must carry personalInfo and businessInfo. */
function userBodyProblem(body: unknown): TwinResponse | undefined {
  if (!isObject(body)) return validationFailed('body', 'Request body must be a JSON object');
  for (const field of ['personalInfo', 'businessInfo']) {
    if (!isObject(body[field])) return validationFailed(field, `${field} is required`);
  }
  return undefined;
}

function createUser(req: TwinRequest, _params: Record<string, string>, { company, users }: AccountState): TwinResponse {
  const problem = userBodyProblem(req.json);
  if (problem) return problem;
  const body = req.json as Record<string, unknown> & { businessInfo: Record<string, unknown> };
  const requestedCompany = (body.businessInfo.companyId as { id?: unknown } | undefined)?.id;
  if (requestedCompany !== undefined && requestedCompany !== company.id) {
    return spotnanaError(403, 'PERMISSION_DENIED', 'Not allowed to create users in this company', 'accepted');
  }
  const id = randomUUID();
  users.set(id, {
    persona: 'EMPLOYEE',
    isActive: true,
    tier: 'BASIC',
    ...body,
    businessInfo: { ...body.businessInfo, companyId: { id: company.id } },
    id,
  });
  return json(201, { id }, 'accepted');
}

function replaceUser(req: TwinRequest, params: Record<string, string>, { users }: AccountState): TwinResponse {
  const id = safeDecode(params.userId ?? '');
  if (!users.has(id)) return notFoundFor('User');
  const problem = userBodyProblem(req.json);
  if (problem) return problem;
  users.set(id, { ...(req.json as Record<string, unknown>), id });
  return emptyResponse(200, 'accepted');
}

function isFormRequest(req: TwinRequest): boolean {
  return (headerValue(req, 'content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

export function createSpotnanaTwin(): TwinProvider {
  const tokens = createSpotnanaTokens();
  const states = new Map<string, AccountState>();

  const stateOf = (account: TwinAccount): AccountState => {
    let state = states.get(account.targetId);
    if (!state) {
      const company = seedCompany(account);
      state = { company, users: new Map(seedUsers(account, company.id).map((u) => [u.id, u])) };
      states.set(account.targetId, state);
    }
    return state;
  };

  const issueToken = (req: TwinRequest, _params: Record<string, string>, ctx: TwinContext): TwinResponse => {
    const form = req.form ?? (isFormRequest(req) ? new URLSearchParams(req.rawBody.toString('utf8')) : jsonBodyAsForm(ctx, req));
    if (!form) return spotnanaError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Expected application/x-www-form-urlencoded', 'none');
    const grantType = form.get('grant_type');
    if (grantType !== 'client_credentials') {
      return spotnanaError(400, 'API_VALIDATION_FAILED', 'grant_type must be client_credentials', 'none', [
        { name: 'grant_type', value: grantType ?? '' },
      ]);
    }
    const clientId = form.get('client_id');
    const clientSecret = form.get('client_secret');
    if (!clientId || !clientSecret) {
      return spotnanaError(400, 'API_VALIDATION_FAILED', 'client_id and client_secret are required', 'none');
    }
    const account = accountByCredentials(ctx, spotnana.id, req.host, clientId, clientSecret) ?? lenientTokenAccount(ctx, req.host, clientId, clientSecret);
    if (!account) return spotnanaError(401, 'USER_NOT_AUTHENTICATED', 'Invalid client credentials', 'rejected');
    const accessToken = tokens.issue(account, ctx.clock, req.host);
    ctx.issued.push({ targetId: account.targetId, token: accessToken });
    const answer = json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_SECONDS }, 'accepted');
    return applyDrift(SPOTNANA_DRIFT, 'auth.token', account, ctx, answer);
  };

  /** The caller's account, or the refusal. Documented: `Authorization: Bearer <unexpired token issued by this host>`. */
  const caller = (req: TwinRequest, ctx: TwinContext): TwinAccount | TwinResponse => {
    const token = bearerToken(req);
    if (token === undefined) return spotnanaError(401, 'USER_NOT_AUTHENTICATED', 'Authorization header is missing', 'rejected');
    const found = token ? tokens.lookup(token, req.host, ctx.clock) : { status: 'unknown' as const };
    const account = found.status === 'valid' ? accountByTargetId(ctx, found.targetId) : undefined;
    if (account) return account;
    if (found.status === 'unknown' && token) {
      const stranger = accountWithFault(ctx, 'spotnana-unknown-token-accepted', spotnana.id, req.host);
      if (stranger) return stranger;
      if (activeOnHost(ctx, 'spotnana-unknown-token-403', req.host)) return spotnanaError(403, 'PERMISSION_DENIED', 'Access denied', 'rejected');
    }
    return spotnanaError(401, 'USER_NOT_AUTHENTICATED', 'Access Token Invalid', 'rejected');
  };

  const withCaller = (handler: CallerHandler, endpointId?: string): Route['handle'] => (req, params, ctx) => {
    const account = caller(req, ctx);
    if ('status' in account) return account;
    const answer = handler(req, params, stateOf(account));
    return endpointId ? applyDrift(SPOTNANA_DRIFT, endpointId, account, ctx, answer) : answer;
  };

  const route = (endpointId: string, handler: CallerHandler): Route => descriptorRoute(spotnana, endpointId, withCaller(handler, endpointId));

  return {
    id: spotnana.id,
    hosts: descriptorHosts(spotnana),
    routes: [
      descriptorRoute(spotnana, 'auth.token', issueToken),
      route('companies.list', listCompanies),
      route('companies.get', getCompany),
      route('users.list', listUsers),
      route('users.get', getUser),
      route('users.create', createUser),
      // Not a suite endpoint (yet): the update shares the user path.
      { method: 'PUT', path: endpointPath(spotnana, 'users.get'), handle: withCaller(replaceUser) },
    ],
    // Undocumented: PROVIDERS.md adopts "404 or a redirect"; the twin answers 404.
    slashMismatch: () => spotnanaError(404, 'RESOURCE_NOT_FOUND', 'Not found', 'none'),
    notFound: () => spotnanaError(404, 'RESOURCE_NOT_FOUND', 'Not found', 'none'),
    plainHttp: (req, ctx, dispatch) =>
      (activeOnHost(ctx, 'spotnana-http-served', req.host) ? dispatch({ ...req, scheme: 'https' }) : redirect(302, httpsUrl(req, req.path))),
    finalize: finalizeSpotnana,
  };
}
