/**
 * The suite's `expect(…).toBeOK()` fails with one line — status, method, host, path — on our Exchange and on Playwright's
 * APIResponse, where Playwright's own would print the request's headers and the answer's text. And tracing is refused.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { request, type APIRequestContext } from '@playwright/test';
import { ConfigError } from '../../../src/config/config-error.ts';
import { refuseTracing, traceArgument } from '../../../src/config/trace-refusal.ts';
import { expect } from '../../../src/expect.ts';
import type { Exchange } from '../../../src/http/exchange.ts';
import { secrets } from '../../../src/http/redact.ts';

const SECRET = 'unit-secret-for-to-be-ok-0123456789';
const TOKEN = 'unit-token-for-to-be-ok-abcdefghij';
secrets.add(SECRET);

function exchange(status: number | undefined, statusText = ''): Exchange {
  return {
    request: { method: 'POST', url: `https://api.spotnana.com/v2/auth/oauth2-token?client_secret=${SECRET}`, headers: { authorization: `Bearer ${TOKEN}`, 'client-secret': SECRET }, body: `client_secret=${SECRET}` },
    ...(status !== undefined ? { response: { status, statusText, headers: {}, body: `{"access_token":"${TOKEN}"}` } } : { failure: { category: 'timeout', kind: 'timeout', message: 'no complete answer within 2000 ms' } }),
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
  };
}

/** The message `assertion` fails with. */
async function failureOf(assertion: () => Promise<void>): Promise<string> {
  try {
    await assertion();
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail('the assertion passed');
}

function assertSafe(message: string): void {
  assert.doesNotMatch(message, /[\r\n]/, message);
  for (const value of [SECRET, TOKEN]) assert.ok(!message.includes(value), message);
}

describe('toBeOK on an Exchange', () => {
  test('passes on 2xx, fails on anything else with one line: status, method, host, path — never the query or headers', async () => {
    await expect(exchange(204, 'No Content')).toBeOK();
    const message = await failureOf(() => expect(exchange(401, 'Unauthorized')).toBeOK());
    assert.equal(message, 'expect(response).toBeOK(): expected 2xx, got 401 Unauthorized (POST api.spotnana.com /v2/auth/oauth2-token)');
    assertSafe(message);
  });

  test('.not on a 2xx answer names it without its body (a token)', async () => {
    const message = await failureOf(() => expect(exchange(200, 'OK')).not.toBeOK());
    assert.equal(message, 'expect(response).not.toBeOK(): expected not 2xx, got 200 OK (POST api.spotnana.com /v2/auth/oauth2-token)');
    assertSafe(message);
  });

  test('no answer at all: the kind of failure', async () => {
    const message = await failureOf(() => expect(exchange(undefined)).toBeOK());
    assert.equal(message, 'expect(response).toBeOK(): expected 2xx, got no answer (timeout) (POST api.spotnana.com /v2/auth/oauth2-token)');
  });
});

describe('toBeOK on an APIResponse', () => {
  let server: http.Server;
  let base = '';
  let context: APIRequestContext;
  before(async () => {
    server = http.createServer((req, res) => res.writeHead(req.url === '/ok' ? 200 : 404, { 'content-type': 'application/json' }).end(`{"access_token":"${TOKEN}"}`));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await request.newContext();
  });
  after(async () => {
    await context?.dispose();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('names the method (from the call log\'s first line only), host and path', async () => {
    const response = await context.get(`${base}/missing?client_secret=${SECRET}`, { headers: { 'client-secret': SECRET, authorization: `Bearer ${TOKEN}` } });
    const message = await failureOf(() => expect(response).toBeOK());
    assert.equal(message, `expect(response).toBeOK(): expected 2xx, got 404 Not Found (GET ${new URL(base).host} /missing)`);
    assertSafe(message);
    const not = await failureOf(async () => expect(await context.post(`${base}/ok`, { headers: { 'client-secret': SECRET } })).not.toBeOK());
    assert.equal(not, `expect(response).not.toBeOK(): expected not 2xx, got 200 OK (POST ${new URL(base).host} /ok)`);
    assertSafe(not);
  });
});

describe('tracing is refused, however it is asked for', () => {
  test('--trace <mode> and --trace=<mode> are read from the command line; off or absent passes', () => {
    assert.equal(traceArgument(['--project', 'x', '--trace', 'on']), 'on');
    assert.equal(traceArgument(['--trace=retain-on-failure']), 'retain-on-failure');
    assert.equal(traceArgument(['--grep', '@token']), undefined);
    refuseTracing(traceArgument(['--trace', 'off']), 'command line', '--trace');
    refuseTracing(undefined, 'Playwright options');
    refuseTracing({ mode: 'off' }, 'Playwright options');
  });

  test('any other mode is a configuration error (exit 2) in one line', () => {
    for (const option of ['on', 'retain-on-failure', { mode: 'on-first-retry' }]) {
      assert.throws(() => refuseTracing(option, 'Playwright options'), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /^\[configuration\] Playwright options: trace [a-z-]+ is refused: a Playwright trace keeps every request and answer unredacted/);
        assert.doesNotMatch(error.message, /\n/);
        return true;
      });
    }
  });
});
