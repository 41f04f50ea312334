/**
 * What sends one request for the HttpClient: the keep-alive connections of keep-alive-transport.ts, or Playwright's
 * APIRequestContext behind a proxy that transport does not speak (see transport-for.ts). Neither follows a redirect.
 */
import type { APIRequestContext } from '@playwright/test';
import { withPlainStacks } from './plain-stacks.ts';

export interface TransportRequest {
  method: string;
  headers: Record<string, string>;
  data?: string;
  /** The whole exchange, connection included, in ms. */
  timeoutMs: number;
}

export interface TransportAnswer {
  status: number;
  statusText: string;
  /** Lower-case names; repeated headers joined as Playwright joins them. */
  headers: Record<string, string>;
  body: string;
}

export interface Transport {
  /** Resolves with any answer (3xx and errors included); rejects on a transport error, with Playwright's wording. */
  fetch(url: string, request: TransportRequest): Promise<TransportAnswer>;
  dispose(): Promise<void>;
}

export function playwrightTransport(context: APIRequestContext): Transport {
  return {
    async fetch(url, request) {
      const response = await withPlainStacks(() => context.fetch(url, {
        method: request.method,
        headers: request.headers,
        ...(request.data !== undefined ? { data: request.data } : {}),
        maxRedirects: 0,
        failOnStatusCode: false,
        timeout: request.timeoutMs,
      }));
      const body = await withPlainStacks(() => response.text());
      // No dispose(): one more API call per request, and the worker's context frees every body when it is disposed.
      return { status: response.status(), statusText: response.statusText(), headers: response.headers(), body };
    },
    dispose: () => context.dispose(),
  };
}
