/** Spreetail EU twin: JSON login issuing HS256 JWTs, Bearer auth, per-client inventory and orders. */
import { spreetail } from '../../src/providers/spreetail.ts';
import type { Route, TwinAccount, TwinContext, TwinProvider, TwinRecord, TwinRequest, TwinResponse } from '../types.ts';
import { accountByClientId, accountByCredentials } from './accounts.ts';
import { descriptorHosts, descriptorRoute } from './descriptor-paths.ts';
import { accountWithFault, activeFor, activeOnHost, applyDrift } from '../faults/scope.ts';
import { bearerToken, headerValue, httpsUrl, isObject, json, nonEmptyString, positiveIntParam, redirect, safeDecode, type AuthDecision } from './http.ts';
import { seedInventory, type InventoryItem } from './spreetail-data.ts';
import { orderProblem, type FieldProblem } from './spreetail-orders.ts';
import { duplicateReferenceAccepted, orderBodyAsRead, SPREETAIL_DRIFT, tokenLetThrough, tokenLifetimes } from './spreetail-faults.ts';
import { createSpreetailTokens } from './spreetail-tokens.ts';

const MAX_PAGE_SIZE = 200;

interface ClientState {
  inventory: InventoryItem[];
  /** By ReferenceNumber: every one was created through the API (none is seeded). */
  orders: Map<string, Record<string, unknown>>;
}

type CallerHandler = (req: TwinRequest, params: Record<string, string>, client: ClientState, ctx: TwinContext, account: TwinAccount) => TwinResponse;

function failure(status: number, error: string, auth: AuthDecision, details?: FieldProblem): TwinResponse {
  return json(status, { success: false, error, ...(details ? { details } : {}) }, auth);
}

const invalid = (problem: FieldProblem): TwinResponse => failure(400, problem.message, 'accepted', problem);
const success = (data: unknown): TwinResponse => json(200, { success: true, data }, 'accepted');

function listInventory(req: TwinRequest, _params: Record<string, string>, client: ClientState): TwinResponse {
  const page = positiveIntParam(req.query, 'page', 1);
  if (page === undefined) return invalid({ field: 'page', message: 'page must be a positive integer' });
  const pageSize = positiveIntParam(req.query, 'page_size', 10);
  if (pageSize === undefined || pageSize > MAX_PAGE_SIZE) {
    return invalid({ field: 'page_size', message: `page_size must be between 1 and ${MAX_PAGE_SIZE}` });
  }
  const items = client.inventory.slice((page - 1) * pageSize, page * pageSize);
  return success({ page, page_size: pageSize, total: client.inventory.length, items });
}

function createOrder(req: TwinRequest, _params: Record<string, string>, client: ClientState, ctx: TwinContext, account: TwinAccount): TwinResponse {
  if (!isObject(req.json)) return invalid({ field: 'body', message: 'Request body must be a JSON object' });
  const body = orderBodyAsRead(ctx, account, req.json);
  const problem = orderProblem(body);
  if (problem) return invalid(problem);
  const reference = String(body.ReferenceNumber);
  if (client.orders.has(reference) && !duplicateReferenceAccepted(ctx, account)) {
    return failure(409, `Order with ReferenceNumber '${reference}' already exists`, 'accepted');
  }
  const order = { ...body, Status: 'Pending' };
  client.orders.set(reference, order);
  return success(order);
}

function getOrder(_req: TwinRequest, params: Record<string, string>, client: ClientState): TwinResponse {
  const reference = safeDecode(params.reference ?? '');
  const order = client.orders.get(reference);
  return order ? success(order) : failure(404, `Order '${reference}' not found`, 'accepted');
}

export function createSpreetailTwin(): TwinProvider {
  const tokens = createSpreetailTokens();
  const clients = new Map<string, ClientState>();

  const stateOf = (account: TwinAccount): ClientState => {
    let state = clients.get(account.targetId);
    if (!state) {
      state = { inventory: seedInventory(account), orders: new Map() };
      clients.set(account.targetId, state);
    }
    return state;
  };

  const login = (req: TwinRequest, _params: Record<string, string>, ctx: TwinContext): TwinResponse => {
    const body = isObject(req.json) ? req.json : {};
    for (const field of ['client_id', 'client_secret']) {
      if (!nonEmptyString(body[field])) return failure(400, `${field} is required`, 'none', { field, message: `${field} is required` });
    }
    const account = accountByCredentials(ctx, spreetail.id, req.host, String(body.client_id), String(body.client_secret));
    if (!account) {
      const known = accountByClientId(ctx, spreetail.id, req.host, String(body.client_id));
      const crashes = known ? activeFor(ctx, 'spreetail-bad-credentials-500', known) : activeOnHost(ctx, 'spreetail-bad-credentials-500', req.host);
      return crashes ? failure(500, 'Internal server error', 'rejected') : failure(401, 'Invalid credentials', 'rejected');
    }
    if (activeFor(ctx, 'spreetail-login-success-false', account)) return failure(200, 'Login failed', 'rejected');
    const { expiresIn, jwtLifetime } = tokenLifetimes(ctx, account);
    const accessToken = tokens.issue(account.clientId, ctx.clock, jwtLifetime);
    ctx.issued.push({ targetId: account.targetId, token: accessToken });
    const answer = json(200, { success: true, data: { access_token: accessToken, expires_in: expiresIn, client_id: account.clientId } }, 'accepted');
    return applyDrift(SPREETAIL_DRIFT, 'auth.login', account, ctx, answer);
  };

  /** The caller's account, or the refusal. Documented: `Authorization: Bearer <valid, unexpired token of this host>`. */
  const caller = (req: TwinRequest, ctx: TwinContext): TwinAccount | TwinResponse => {
    const authorization = headerValue(req, 'authorization');
    if (authorization === undefined) {
      return accountWithFault(ctx, 'spreetail-missing-authorization-served', spreetail.id, req.host)
        ?? failure(401, 'Authorization header is required', 'rejected');
    }
    const bearer = bearerToken(req);
    const token = bearer || authorization.trim();
    const check = tokens.check(token, ctx.clock);
    if (check.status === 'malformed' && activeOnHost(ctx, 'spreetail-malformed-token-500', req.host)) return failure(500, 'Internal server error', 'rejected');
    const clientId = 'clientId' in check ? check.clientId : undefined;
    // Looking the client up on the request host is what binds a token to the host that issued it.
    const account = clientId ? accountByClientId(ctx, spreetail.id, req.host, clientId) : undefined;
    if (!account) return failure(401, 'Invalid or expired token', 'rejected');
    const accepted = check.status === 'valid' || tokenLetThrough(ctx, check, account);
    const prefixed = bearer !== '' || activeFor(ctx, 'spreetail-token-without-bearer-accepted', account);
    return accepted && prefixed ? account : failure(401, 'Invalid or expired token', 'rejected');
  };

  const authenticated = (endpointId: string, handler: CallerHandler): Route => route(endpointId, (req, params, ctx) => {
    const account = caller(req, ctx);
    if ('status' in account) return account;
    return applyDrift(SPREETAIL_DRIFT, endpointId, account, ctx, handler(req, params, stateOf(account), ctx, account));
  });

  return {
    id: spreetail.id,
    hosts: descriptorHosts(spreetail),
    routes: [
      route('auth.login', login),
      authenticated('inventory.list', listInventory),
      authenticated('orders.create', createOrder),
      authenticated('orders.get', getOrder),
    ],
    // Undocumented: PROVIDERS.md adopts "404 or a redirect"; the twin answers 404.
    slashMismatch: () => failure(404, 'Not found', 'none'),
    notFound: () => failure(404, 'Not found', 'none'),
    plainHttp: (req) => redirect(301, httpsUrl(req, req.path)),
    records: () => [...clients].flatMap(([target, { orders }]) =>
      [...orders.keys()].map((reference): TwinRecord => ({ target, provider: spreetail.id, kind: 'order', id: reference, label: reference }))),
  };
}

function route(endpointId: string, handle: Route['handle']): Route {
  return descriptorRoute(spreetail, endpointId, handle);
}
