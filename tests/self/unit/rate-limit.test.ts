import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { APIRequestContext } from '@playwright/test';
import { playwrightTransport } from '../../../src/http/transport.ts';
import { HttpClient, RATE_LIMIT_RETRIES, retryAfterMs } from '../../../src/http/client.ts';

/** An APIRequestContext stand-in answering with the given statuses in turn. */
function contextAnswering(answers: { status: number; retryAfter?: string }[]): { context: APIRequestContext; calls: () => number } {
  let calls = 0;
  const context = {
    async fetch() {
      const answer = answers[Math.min(calls, answers.length - 1)] ?? { status: 200 };
      calls += 1;
      const headers: Record<string, string> = answer.retryAfter === undefined ? {} : { 'retry-after': answer.retryAfter };
      return { status: () => answer.status, statusText: () => '', headers: () => headers, text: async () => '{}', dispose: async () => undefined };
    },
  } as unknown as APIRequestContext;
  return { context, calls: () => calls };
}

const policy = { credentialHosts: new Set(['api.us.spotdraft.com']), production: false, allowProdWrites: false };
const request = { method: 'GET', url: 'https://api.us.spotdraft.com/api/v2.1/public/contract_types/', carriesCredentials: true };

describe('a 429 is retried after Retry-After, bounded, and reported when it persists', () => {
  test('Retry-After in seconds, as an HTTP date, and absent', () => {
    assert.equal(retryAfterMs('2'), 2000);
    assert.equal(retryAfterMs(new Date(10_000).toUTCString(), 7_000), 3000);
    assert.equal(retryAfterMs(undefined), 1000);
  });

  test('one 429 with Retry-After: 0, then 200: the answer is the 200 and both attempts are announced', async () => {
    const { context, calls } = contextAnswering([{ status: 429, retryAfter: '0' }, { status: 200 }]);
    const client = new HttpClient(playwrightTransport(context), policy, 1000);
    const seen: number[] = [];
    client.listen((e) => seen.push(e.response?.status ?? 0));
    const exchange = await client.send(request);
    assert.equal(exchange.response?.status, 200);
    assert.equal(calls(), 2);
    assert.deepEqual(seen, [429, 200]);
    assert.equal(client.rateLimitRetries, 1);
  });

  test('a persisting 429 is returned after the bounded retries', async () => {
    const { context, calls } = contextAnswering([{ status: 429, retryAfter: '0' }]);
    const client = new HttpClient(playwrightTransport(context), policy, 1000);
    const exchange = await client.send(request);
    assert.equal(exchange.response?.status, 429);
    assert.equal(calls(), 1 + RATE_LIMIT_RETRIES);
  });

  test('a Retry-After beyond the wait budget is not waited for', async () => {
    const { context, calls } = contextAnswering([{ status: 429, retryAfter: '3600' }]);
    const client = new HttpClient(playwrightTransport(context), policy, 1000);
    const exchange = await client.send(request);
    assert.equal(exchange.response?.status, 429);
    assert.equal(calls(), 1);
  });
});
