/** Spreetail EU twin: JSON login issuing HS256 JWTs, Bearer auth, per-client inventory and orders. */
import { spreetail } from '../../src/providers/spreetail.ts';
import type { Route, TwinAccount, TwinContext, TwinProvider, TwinRequest, TwinResponse } from '../types.ts';
import { accountByClientId, accountByCredentials } from './accounts.ts';
import { descriptorHosts, descriptorRoute } from './descriptor-paths.ts';
import { bearerToken, httpsUrl, isObject, json, nonEmptyString, positiveIntParam, redirect, safeDecode, type AuthDecision } from './http.ts';
import { seedInventory, type InventoryItem } from './spreetail-data.ts';
import { orderProblem, type FieldProblem } from './spreetail-orders.ts';
import { createSpreetailTokens, TOKEN_LIFETIME_SECONDS } from './spreetail-tokens.ts';

const MAX_PAGE_SIZE = 200;

interface ClientState {
  inventory: InventoryItem[];
  orders: Map<string, Record<string, unknown>>;
}

type CallerHandler = (req: TwinRequest, params: Record<string, string>, client: ClientState) => TwinResponse;

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

function createOrder(req: TwinRequest, _params: Record<string, string>, client: ClientState): TwinResponse {
  const body = req.json;
  if (!isObject(body)) return invalid({ field: 'body', message: 'Request body must be a JSON object' });
  const problem = orderProblem(body);
  if (problem) return invalid(problem);
  const reference = String(body.ReferenceNumber);
  if (client.orders.has(reference)) {
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
    if (!account) return failure(401, 'Invalid credentials', 'rejected');
    const accessToken = tokens.issue(account.clientId, ctx.clock);
    return json(200, { success: true, data: { access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS, client_id: account.clientId } }, 'accepted');
  };

  const authenticated = (endpointId: string, handler: CallerHandler): Route => route(endpointId, (req, params, ctx) => {
    const token = bearerToken(req);
    if (token === undefined) return failure(401, 'Authorization header is required', 'rejected');
    const clientId = token ? tokens.clientIdOf(token, ctx.clock) : undefined;
    // Looking the client up on the request host is what binds a token to the host that issued it.
    const account = clientId ? accountByClientId(ctx, spreetail.id, req.host, clientId) : undefined;
    if (!account) return failure(401, 'Invalid or expired token', 'rejected');
    return handler(req, params, stateOf(account));
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
  };
}

function route(endpointId: string, handle: Route['handle']): Route {
  return descriptorRoute(spreetail, endpointId, handle);
}
