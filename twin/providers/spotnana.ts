/** Spotnana twin: form-encoded client-credentials tokens (opaque), Bearer auth, one company per account. */
import { randomBytes, randomUUID } from 'node:crypto';
import { spotnana } from '../../src/providers/spotnana.ts';
import { accountWithFault, activeOnHost, applyDrift } from '../faults/scope.ts';
import type { Route, TwinAccount, TwinContext, TwinProvider, TwinRecord, TwinRequest, TwinResponse } from '../types.ts';
import { accountByCredentials, accountByTargetId } from './accounts.ts';
import { descriptorHosts, descriptorRoute } from './descriptor-paths.ts';
import { bearerToken, emptyResponse, headerValue, httpsUrl, json, positiveIntParam, redirect, safeDecode, type AuthDecision } from './http.ts';
import {
  createdUserIdAnswered, deletedUserKept, finalizeSpotnana, jsonBodyAsForm, lenientTokenAccount, replacementOf, SPOTNANA_DRIFT, userBodyAsRead,
} from './spotnana-faults.ts';
import { seedCompany, seedUsers, userSummary, type Company, type SpotnanaUser } from './spotnana-data.ts';
import { createSpotnanaTokens, TOKEN_LIFETIME_SECONDS } from './spotnana-tokens.ts';
import { listSubscriptions } from './spotnana-webhooks.ts';
import { userBodyProblems, userProfileFrom, type UserBodyProblem } from './spotnana-users.ts';

interface AccountState {
  company: Company;
  users: Map<string, SpotnanaUser>;
  /** Ids of the users created through the API (not seeded). */
  created: Set<string>;
}

type CallerHandler = (req: TwinRequest, params: Record<string, string>, state: AccountState, ctx: TwinContext, account: TwinAccount) => TwinResponse;

/** Documented maximum (and default) page size of a company's legal entities. */
const MAX_PAGE_SIZE = 1000;

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

/** One API_VALIDATION_FAILED message per problem of the body, each naming its parameter and the value received. */
function bodyRefused(problems: readonly UserBodyProblem[]): TwinResponse {
  const errorMessages = problems.map(({ name, value, message }) => ({ errorCode: 'API_VALIDATION_FAILED', message, errorParameters: [{ name, value }] }));
  return json(400, { debugIdentifier: randomBytes(8).toString('hex'), errorMessages }, 'accepted');
}

const forbiddenCompany = (): TwinResponse => spotnanaError(403, 'PERMISSION_DENIED', 'Not allowed to read this company', 'accepted');
const notFoundFor = (what: string): TwinResponse => spotnanaError(404, 'RESOURCE_NOT_FOUND', `${what} not found`, 'accepted');

function listCompanies(_req: TwinRequest, _params: Record<string, string>, { company }: AccountState): TwinResponse {
  return json(200, { length: 1, elements: [{ id: company.id, name: company.name }], totalNumResults: 1 }, 'accepted');
}

function getCompany(_req: TwinRequest, params: Record<string, string>, { company }: AccountState): TwinResponse {
  if (safeDecode(params.companyId ?? '') !== company.id) return notFoundFor('Company');
  const { id, name, billingCurrency, isActive, companyRoles } = company;
  return json(200, { id: { id }, name, billingCurrency, isActive, companyRoles }, 'accepted');
}

/** ArrayOfReference, paged by `pageNumber` (from 1) and `pageSize` (1-1000, default 1000). Another company's: 403. */
function listLegalEntities(req: TwinRequest, params: Record<string, string>, { company }: AccountState): TwinResponse {
  if (safeDecode(params.companyId ?? '') !== company.id) return forbiddenCompany();
  const pageNumber = positiveIntParam(req.query, 'pageNumber', 1);
  if (pageNumber === undefined) return validationFailed('pageNumber', 'pageNumber must be a positive integer');
  const pageSize = positiveIntParam(req.query, 'pageSize', MAX_PAGE_SIZE);
  if (pageSize === undefined || pageSize > MAX_PAGE_SIZE) return validationFailed('pageSize', `pageSize must be between 1 and ${MAX_PAGE_SIZE}`);
  const elements = company.legalEntities.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((entity) => ({ ...entity }));
  return json(200, { length: elements.length, elements, totalNumResults: company.legalEntities.length }, 'accepted');
}

function listUsers(req: TwinRequest, _params: Record<string, string>, { company, users }: AccountState): TwinResponse {
  const companyId = req.query.get('companyId');
  if (!companyId) return validationFailed('companyId', 'companyId is required');
  // The user list documents 401 and 403, no 404: another company's users are not the caller's to read.
  if (companyId !== company.id) return forbiddenCompany();
  const elements = [...users.values()].map(userSummary);
  return json(200, { length: elements.length, elements }, 'accepted');
}

function getUser(_req: TwinRequest, params: Record<string, string>, { users }: AccountState): TwinResponse {
  const user = users.get(safeDecode(params.userId ?? ''));
  return user ? json(200, user, 'accepted') : notFoundFor('User');
}

function createUser(req: TwinRequest, _params: Record<string, string>, { company, users, created }: AccountState, ctx: TwinContext, account: TwinAccount): TwinResponse {
  const body = userBodyAsRead(ctx, account, req.json);
  const problems = userBodyProblems(body, 'create', company);
  if (problems.length > 0) return bodyRefused(problems);
  const id = randomUUID();
  users.set(id, userProfileFrom(body as Record<string, unknown>, id, true));
  created.add(id);
  return json(201, { id: createdUserIdAnswered(ctx, account, id) }, 'accepted');
}

/** The complete-object rule: the body replaces the stored user (its id and active flag stay). */
function replaceUser(req: TwinRequest, params: Record<string, string>, { company, users }: AccountState, ctx: TwinContext, account: TwinAccount): TwinResponse {
  const id = safeDecode(params.userId ?? '');
  const stored = users.get(id);
  if (!stored) return notFoundFor('User');
  const problems = userBodyProblems(req.json, 'update', company);
  if (problems.length > 0) return bodyRefused(problems);
  const replacement = userProfileFrom(req.json as Record<string, unknown>, id, stored.isActive !== false);
  users.set(id, replacementOf(ctx, account, stored, replacement));
  return emptyResponse(200, 'accepted');
}

/** Documented: 204, no content. */
function deleteUser(_req: TwinRequest, params: Record<string, string>, { users, created }: AccountState, ctx: TwinContext, account: TwinAccount): TwinResponse {
  const id = safeDecode(params.userId ?? '');
  if (!users.has(id)) return notFoundFor('User');
  if (!deletedUserKept(ctx, account)) {
    users.delete(id);
    created.delete(id);
  }
  return emptyResponse(204, 'accepted');
}

/** A created user's record, labelled by the email its list entry shows (its name when it has none). */
function userRecord(target: string, user: SpotnanaUser): TwinRecord {
  const email = userSummary(user).email;
  const name = (user.personalInfo as { name?: { given?: unknown; family1?: unknown } } | undefined)?.name;
  const label = typeof email === 'string' ? email : [name?.given, name?.family1].filter((part) => typeof part === 'string').join(' ');
  return { target, provider: spotnana.id, kind: 'user', id: user.id, label };
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
      state = { company, users: new Map(seedUsers(account, company).map((u) => [u.id, u])), created: new Set() };
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
    // Documented: bad client credentials answer 403 (the token operation documents no 401).
    if (!account) return spotnanaError(403, 'PERMISSION_DENIED', 'Invalid client credentials', 'rejected');
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
    const answer = handler(req, params, stateOf(account), ctx, account);
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
      route('legal_entities.list', listLegalEntities),
      route('users.list', listUsers),
      route('users.get', getUser),
      route('users.create', createUser),
      route('users.replace', replaceUser),
      route('users.delete', deleteUser),
      route('webhooks.subscriptions', listSubscriptions),
    ],
    records: () => [...states].flatMap(([target, { users, created }]) =>
      [...created].flatMap((id) => {
        const user = users.get(id);
        return user ? [userRecord(target, user)] : [];
      })),
    // Undocumented: PROVIDERS.md adopts "404 or a redirect"; the twin answers 404.
    slashMismatch: () => spotnanaError(404, 'RESOURCE_NOT_FOUND', 'Not found', 'none'),
    notFound: () => spotnanaError(404, 'RESOURCE_NOT_FOUND', 'Not found', 'none'),
    plainHttp: (req, ctx, dispatch) =>
      (activeOnHost(ctx, 'spotnana-http-served', req.host) ? dispatch({ ...req, scheme: 'https' }) : redirect(302, httpsUrl(req, req.path))),
    finalize: finalizeSpotnana,
  };
}
