/** Sends one request through Playwright's APIRequestContext and returns it as an Exchange. Redirects are never followed. */
import type { APIRequestContext } from '@playwright/test';
import type { Exchange } from './exchange.ts';
import { classifyNetworkError } from './network-failure.ts';
import { guardRequest, type GuardPolicy } from './request-guard.ts';

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

export class HttpClient {
  private readonly listeners = new Set<ExchangeListener>();
  sent = 0;

  constructor(
    private readonly context: APIRequestContext,
    private readonly policy: GuardPolicy,
    private readonly timeoutMs: number,
  ) {}

  /** Every exchange is announced, so the test that caused it can attach it (after redaction). */
  listen(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async send(request: SendRequest): Promise<Exchange> {
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
    this.sent += 1;
    try {
      const response = await this.context.fetch(request.url, {
        method: request.method,
        headers,
        ...(data !== undefined ? { data } : {}),
        maxRedirects: 0,
        failOnStatusCode: false,
        timeout: this.timeoutMs,
      });
      const text = await response.text();
      exchange.response = { status: response.status(), statusText: response.statusText(), headers: response.headers(), body: text };
      await response.dispose();
    } catch (error) {
      exchange.failure = classifyNetworkError(error);
    }
    exchange.durationMs = Date.now() - started;
    for (const listener of this.listeners) listener(exchange);
    return exchange;
  }
}
