/** Sends one request through the worker's transport (transport.ts) and returns it as an Exchange. Redirects are never followed. */
import type { Exchange } from './exchange.ts';
import { classifyNetworkError } from './network-failure.ts';
import { proxyFailure } from './proxy-status.ts';
import { RateLimiter } from './rate-limiter.ts';
import { guardRequest, type GuardPolicy } from './request-guard.ts';
import type { Transport } from './transport.ts';

export interface SendRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  /** A body sent as-is (with the content-type the caller sets). */
  raw?: string;
  /** Whether the request carries a credential (header or body): enforces https and the provider's hosts. */
  carriesCredentials: boolean;
  /** A token or login request: allowed to POST on prod. */
  isLogin?: boolean;
}

export type ExchangeListener = (exchange: Exchange) => void;

/**
 * 429 handling: retry after Retry-After, bounded in count and in total wait (and never waiting longer than one request
 * may take); what persists is reported as rate limited.
 */
export const RATE_LIMIT_RETRIES = 2;
export const RATE_LIMIT_MAX_WAIT_MS = 10_000;

/** Milliseconds a 429 asks us to wait: Retry-After in seconds or as an HTTP date; 1 s when absent. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number {
  if (value === undefined || value.trim() === '') return 1_000;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? 1_000 : Math.max(0, date - now);
}

export class HttpClient {
  private readonly listeners = new Set<ExchangeListener>();
  sent = 0;

  /** Paces every request of this client (one target's workspace) under the partner's documented rate, if any. */
  readonly limiter: RateLimiter | undefined;

  constructor(
    private readonly transport: Transport,
    private readonly policy: GuardPolicy,
    private readonly timeoutMs: number,
    requestsPerSecond?: number,
  ) {
    this.limiter = requestsPerSecond ? new RateLimiter(requestsPerSecond) : undefined;
  }

  /** Every exchange is announced, so the test that caused it can attach it (after redaction). */
  listen(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Retries made after 429 answers (reported by checks and the benchmark). */
  rateLimitRetries = 0;

  async send(request: SendRequest): Promise<Exchange> {
    let exchange = await this.sendOnce(request);
    let waited = 0;
    let retries = 0;
    const budget = Math.min(RATE_LIMIT_MAX_WAIT_MS, this.timeoutMs);
    while (retries < RATE_LIMIT_RETRIES && exchange.response?.status === 429) {
      const wait = retryAfterMs(exchange.response.headers['retry-after']);
      if (waited + wait > budget) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
      waited += wait;
      retries += 1;
      this.rateLimitRetries += 1;
      exchange = await this.sendOnce(request);
    }
    if (retries > 0) exchange.rateLimitRetries = retries;
    return exchange;
  }

  private async sendOnce(request: SendRequest): Promise<Exchange> {
    guardRequest(this.policy, request.method, request.url, request.carriesCredentials, request.isLogin ?? false);
    const headers = { ...request.headers };
    let body: string | undefined;
    let data: string | undefined;
    if (request.json !== undefined) {
      body = data = JSON.stringify(request.json);
      headers['content-type'] ??= 'application/json';
    } else if (request.form !== undefined) {
      body = data = new URLSearchParams(request.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (request.raw !== undefined) {
      body = data = request.raw;
    }
    const started = Date.now();
    const exchange: Exchange = {
      request: { method: request.method, url: request.url, headers, ...(body !== undefined ? { body } : {}) },
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
    };
    const release = await this.limiter?.acquire();
    this.sent += 1;
    try {
      exchange.response = await this.transport.fetch(request.url, { method: request.method, headers, ...(data !== undefined ? { data } : {}), timeoutMs: this.timeoutMs });
      // The answer of a proxy that could not reach the host is a network failure, not the partner's answer.
      const unreachable = proxyFailure(exchange.response.status, exchange.response.headers);
      if (unreachable) exchange.failure = unreachable;
    } catch (error) {
      exchange.failure = classifyNetworkError(error);
    } finally {
      release?.();
    }
    exchange.durationMs = Date.now() - started;
    for (const listener of this.listeners) listener(exchange);
    return exchange;
  }
}
