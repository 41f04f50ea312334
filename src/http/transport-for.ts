/**
 * The transport a worker (or the sweep) sends with: keep-alive connections (keep-alive-transport.ts) without a proxy
 * and behind an http:// one — the twin's, or a corporate proxy in live mode. Playwright 1.65's APIRequestContext
 * builds a new proxy agent for every fetch, so behind a proxy each request would pay a new tunnel and TLS handshake;
 * using the same transport without one means the twin and the benchmark exercise the code live runs use. SOCKS and
 * https:// proxies, which it does not speak, stay with Playwright's context.
 */
import { request } from '@playwright/test';
import { KeepAliveTransport } from './keep-alive-transport.ts';
import { playwrightTransport, type Transport } from './transport.ts';

export interface TransportOptions {
  proxy?: { server: string; bypass?: string };
  userAgent: string;
  timeoutMs: number;
}

/** An http:// proxy, or one given as host:port (which Playwright reads as http://). */
export function keepsAliveThrough(proxy: TransportOptions['proxy']): boolean {
  return proxy === undefined || /^(http:\/\/|[^:/]+(:\d+)?\/?$)/i.test(proxy.server.trim());
}

export async function openTransport(options: TransportOptions): Promise<Transport> {
  if (keepsAliveThrough(options.proxy)) return new KeepAliveTransport({ ...(options.proxy ? { proxy: options.proxy } : {}), userAgent: options.userAgent });
  const context = await request.newContext({
    ...(options.proxy ? { proxy: options.proxy } : {}), userAgent: options.userAgent, ignoreHTTPSErrors: false, timeout: options.timeoutMs,
  });
  return playwrightTransport(context);
}
