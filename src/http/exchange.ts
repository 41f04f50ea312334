/** One request and its response (or its network failure): produced by the HTTP layer, asserted on by checks, redacted before it leaves. */
import type { Category } from '../categories.ts';

export interface ExchangeRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: string;
}

export interface NetworkFailure {
  category: Category;
  /** Short classification, e.g. `connection refused`, `certificate for another host`. */
  kind: string;
  message: string;
}

export interface Exchange {
  request: ExchangeRequest;
  response?: ExchangeResponse;
  failure?: NetworkFailure;
  /** 429 answers the HTTP layer retried before this one (set only when it retried). */
  rateLimitRetries?: number;
  startedAt: string;
  durationMs: number;
}

export function hostAndPath(exchange: Exchange): string {
  const url = new URL(exchange.request.url);
  return `${exchange.request.method} ${url.host} ${url.pathname}`;
}

/** Parsed JSON body, or undefined when the body is empty or not JSON. */
export function jsonOf(exchange: Exchange): unknown {
  const body = exchange.response?.body;
  if (!body) return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

export function header(exchange: Exchange, name: string): string | undefined {
  return exchange.response?.headers[name.toLowerCase()];
}
