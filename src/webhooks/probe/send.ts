/**
 * One delivery to the receiver: a POST to exactly the URL given, never following a redirect, bounded in time, its
 * transport failure classified in one line (src/http/network-failure.ts).
 */
import http from 'node:http';
import https from 'node:https';
import type { NetworkFailure } from '../../http/exchange.ts';
import { classifyNetworkError } from '../../http/network-failure.ts';

export type Delivered = { status: number; location?: string } | { failure: NetworkFailure };

export function deliver(url: URL, headers: Record<string, string>, body: Buffer, timeoutMs: number): Promise<Delivered> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Delivered) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length), 'user-agent': 'partner-api-contracts webhooks-probe' },
      // No keep-alive pool shared across cases: each case is its own connection, as a partner's retry would be.
      agent: false,
    }, (response) => {
      // The answer's body is not needed (and not printed: it could echo what was sent); drain it to finish.
      response.resume();
      response.on('end', () => done({ status: response.statusCode ?? 0, ...(response.headers.location ? { location: response.headers.location } : {}) }));
      response.on('error', (error) => done({ failure: classifyNetworkError(error) }));
    });
    // The whole exchange, connection to last byte: a receiver that never answers is a timeout, not a hang.
    const timer = setTimeout(() => {
      request.destroy();
      done({ failure: { category: 'timeout', kind: 'timeout', message: `no complete answer within ${timeoutMs} ms` } });
    }, timeoutMs);
    request.on('error', (error) => done({ failure: classifyNetworkError(error) }));
    request.end(body);
  });
}
