/** Spreetail faults (twin/faults/catalogue.ts), each a small hook the Spreetail module consults at one decision point. */
import { randomUUID } from 'node:crypto';
import type { FaultName } from '../faults/catalogue.ts';
import { activeFor, mapObjects, without, type DriftTable } from '../faults/scope.ts';
import type { TwinAccount, TwinContext } from '../types.ts';
import { isObject } from './http.ts';
import { TOKEN_LIFETIME_SECONDS, type TokenCheck } from './spreetail-tokens.ts';

/** A presented token that the documented API refuses, but an active fault lets through (by the fault's name). */
const LENIENT_TOKENS: Partial<Record<FaultName, (check: TokenCheck) => boolean>> = {
  'spreetail-expired-token-accepted': (check) => check.status === 'expired',
  'spreetail-tampered-token-accepted': (check) => check.status === 'bad-signature' && check.signatureIssued,
  'spreetail-foreign-token-accepted': (check) => check.status === 'bad-signature' && check.contentIssued,
};

/** Whether a refused token is accepted anyway for this account. */
export function tokenLetThrough(ctx: TwinContext, check: TokenCheck, account: TwinAccount): boolean {
  return (Object.entries(LENIENT_TOKENS) as [FaultName, (c: TokenCheck) => boolean][])
    .some(([name, letsThrough]) => letsThrough(check) && activeFor(ctx, name, account));
}

/** Token lifetimes for an account: what `expires_in` says, and how far `exp` lies after `iat`. */
export function tokenLifetimes(ctx: TwinContext, account: TwinAccount): { expiresIn: number; jwtLifetime: number } {
  const expiresIn = activeFor(ctx, 'spreetail-token-lifetime-3600', account) ? 3600 : TOKEN_LIFETIME_SECONDS;
  const jwtLifetime = activeFor(ctx, 'spreetail-expires-in-differs-from-jwt', account) ? expiresIn / 2 : expiresIn;
  return { expiresIn, jwtLifetime };
}

/** The order body as `POST /outbound` reads it. Under `spreetail-order-incomplete-body-accepted` a missing ReferenceNumber is made up, not refused. */
export function orderBodyAsRead(ctx: TwinContext, account: TwinAccount, body: Record<string, unknown>): Record<string, unknown> {
  if (body.ReferenceNumber !== undefined || !activeFor(ctx, 'spreetail-order-incomplete-body-accepted', account)) return body;
  return { ...body, ReferenceNumber: `TWIN-${randomUUID()}` };
}

/** Under `spreetail-duplicate-reference-accepted` an order whose ReferenceNumber exists is not refused: it overwrites the stored one. */
export function duplicateReferenceAccepted(ctx: TwinContext, account: TwinAccount): boolean {
  return activeFor(ctx, 'spreetail-duplicate-reference-accepted', account);
}

const withData = (body: unknown, change: (data: Record<string, unknown>) => Record<string, unknown>): unknown =>
  (isObject(body) && isObject(body.data) ? { ...body, data: change(body.data) } : body);

/** Success bodies as a drifting API would send them. */
export const SPREETAIL_DRIFT: DriftTable = {
  'spreetail-login-client-id-number': {
    endpoints: ['auth.login'],
    transform: (body) => withData(body, (data) => ({ ...data, client_id: 4711 })),
  },
  'spreetail-inventory-sku-missing': {
    endpoints: ['inventory.list'],
    transform: (body) => withData(body, (data) => ({
      ...data,
      items: mapObjects(data.items, (item) => without(item, 'SKU')),
    })),
  },
  'spreetail-order-create-status-missing': {
    endpoints: ['orders.create'],
    transform: (body) => withData(body, (order) => without(order, 'Status')),
  },
  'spreetail-order-currency-lowercase': {
    endpoints: ['orders.get'],
    transform: (body) => withData(body, (order) => ({ ...order, Currency: String(order.Currency).toLowerCase() })),
  },
  'spreetail-order-read-back-status': {
    endpoints: ['orders.get'],
    transform: (body) => withData(body, (order) => ({ ...order, Status: 'Processing' })),
  },
};
