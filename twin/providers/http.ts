/** Small response and request helpers shared by the provider modules. */
import type { TwinRequest, TwinResponse } from '../types.ts';

export type AuthDecision = NonNullable<TwinResponse['auth']>;

export function json(status: number, body: unknown, auth: AuthDecision): TwinResponse {
  return { status, headers: { 'content-type': 'application/json' }, body, auth };
}

export function emptyResponse(status: number, auth: AuthDecision): TwinResponse {
  return { status, rawBody: '', auth };
}

export function redirect(status: 301 | 302, location: string): TwinResponse {
  return { status, headers: { location }, rawBody: '', auth: 'none' };
}

/** `https://<request host><path><query>`: redirects never leave the host the caller asked for. */
export function httpsUrl(req: TwinRequest, path: string): string {
  const query = req.query.toString();
  return `https://${req.host}${path}${query ? `?${query}` : ''}`;
}

export function headerValue(req: TwinRequest, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The token after `Bearer `, or undefined when the header is absent; `''` when present but not a Bearer header. */
export function bearerToken(req: TwinRequest): string | undefined {
  const authorization = headerValue(req, 'authorization');
  if (authorization === undefined) return undefined;
  const match = /^Bearer (\S+)$/.exec(authorization.trim());
  return match?.[1] ?? '';
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Positive integer from a query parameter, the fallback when absent, or undefined when not a positive integer. */
export function positiveIntParam(query: URLSearchParams, name: string, fallback: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return fallback;
  return /^\d+$/.test(raw) && Number(raw) >= 1 ? Number(raw) : undefined;
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
