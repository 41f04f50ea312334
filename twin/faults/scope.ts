/** Is a fault active for this request? Asked with the account's target, or by host where no account is known. */
import { TARGETS } from '../../src/providers/catalogue.ts';
import type { TwinAccount, TwinContext, TwinResponse } from '../types.ts';
import { findFault, type FaultName } from './catalogue.ts';
import type { KnownFaultName } from './names.ts';

const hostOf = (baseUrl: string): string => new URL(baseUrl).hostname;

/** Target ids served by a host (SpotDraft's uat and prod workspaces share their regional host). */
export function targetsOnHost(host: string): string[] {
  return TARGETS.filter((t) => hostOf(t.documentedBaseUrl) === host).map((t) => t.id);
}

/** Active for this account's target. */
export function activeFor(ctx: TwinContext, name: FaultName, account: Pick<TwinAccount, 'targetId'>): boolean {
  return ctx.faults.active(name, account.targetId);
}

/** Active for any target the host serves: for decisions taken before (or without) knowing the caller. */
export function activeOnHost(ctx: TwinContext, name: KnownFaultName, host: string): boolean {
  return targetsOnHost(host).some((targetId) => ctx.faults.active(name, targetId));
}

/** The host a one-host fault lives on: its catalogue target's documented host. */
export function faultHost(name: FaultName): string {
  const target = TARGETS.find((t) => t.id === findFault(name)?.target);
  if (!target) throw new Error(`fault ${name} names no known target`);
  return hostOf(target.documentedBaseUrl);
}

/** Active on this host, for a fault that belongs to one host only (certificates, a host that stops serving). */
export function activeOnFaultHost(ctx: TwinContext, name: FaultName, host: string): boolean {
  return host === faultHost(name) && activeOnHost(ctx, name, host);
}

/** The first account on the host whose target has the fault: who an unauthenticated request is served as. */
export function accountWithFault(ctx: TwinContext, name: FaultName, provider: string, host: string): TwinAccount | undefined {
  return ctx.accounts.find((a) => a.provider === provider && a.host === host && ctx.faults.active(name, a.targetId));
}

/** A change to some endpoints' success bodies (schema drift), applied to a copy so stored data stays conformant. */
export interface Drift {
  /** Endpoint ids (descriptor ids) whose answers change. */
  endpoints: readonly string[];
  transform(body: unknown): unknown;
}

export type DriftTable = Partial<Record<FaultName, Drift>>;

/** The response with the active drifts of this endpoint applied (2xx JSON answers only). */
export function applyDrift(table: DriftTable, endpointId: string, account: TwinAccount, ctx: TwinContext, response: TwinResponse): TwinResponse {
  if (response.status < 200 || response.status >= 300 || response.body === undefined) return response;
  let body: unknown = response.body;
  for (const [name, drift] of Object.entries(table) as [FaultName, Drift][]) {
    if (drift.endpoints.includes(endpointId) && activeFor(ctx, name, account)) body = drift.transform(structuredClone(body));
  }
  return body === response.body ? response : { ...response, body };
}

/** Each object of a list, changed (for drift transforms). */
export function mapObjects(value: unknown, change: (item: Record<string, unknown>, index: number) => Record<string, unknown>): unknown {
  return Array.isArray(value) ? value.map((item, index) => (typeof item === 'object' && item !== null ? change(item as Record<string, unknown>, index) : item)) : value;
}

/** A copy of the object without the given keys (a field gone missing). */
export function without<T>(value: T, ...keys: string[]): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of keys) delete copy[key];
  return copy as T;
}
