import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeAnswer } from '../../../src/http/answer-text.ts';
import type { Exchange, ExchangeResponse } from '../../../src/http/exchange.ts';
import { jsonBodyProblem } from '../../../src/http/json-body.ts';
import { classifyNetworkError, NetworkFailureError } from '../../../src/http/network-failure.ts';
import { proxyFailure } from '../../../src/http/proxy-status.ts';

/** Playwright's message shape: the call's name, the reason, then a call log that lists request headers. */
const playwright = (reason: string) => new Error(`apiRequestContext.fetch: ${reason}\nCall log:\n  - → GET https://api.us.spotdraft.com/\n  - client-secret: s3cr3t-value`);

describe('transport errors are classified from their first line only', () => {
  const cases: [string, string, string][] = [
    ['Timeout 2000ms exceeded.', 'timeout', 'timeout'],
    ['connect ECONNREFUSED 127.0.0.1:9', 'network-unreachable', 'connection refused'],
    ['getaddrinfo ENOTFOUND partner.invalid', 'network-unreachable', 'unknown host (DNS)'],
    ['aborted', 'network-unreachable', 'connection reset mid-body'],
    ['socket hang up (ECONNRESET)', 'network-unreachable', 'connection reset'],
    ['self-signed certificate in certificate chain', 'tls', 'untrusted certificate authority'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls', 'untrusted certificate authority'],
    ['unable to get local issuer certificate', 'tls', 'untrusted certificate authority'],
    ["Hostname/IP does not match certificate's altnames: Host: a. is not in the cert's altnames: DNS:b", 'tls', 'certificate for another host'],
    ['certificate has expired', 'tls', 'certificate expired'],
    ['Proxy connection ended before receiving CONNECT response', 'network-unreachable', 'proxy could not reach the host'],
  ];
  for (const [reason, category, kind] of cases) {
    test(`${reason} -> ${category} (${kind})`, () => {
      const failure = classifyNetworkError(playwright(reason));
      assert.equal(failure.category, category);
      assert.equal(failure.kind, kind);
      assert.doesNotMatch(failure.message, /apiRequestContext|Call log|s3cr3t|\n/);
    });
  }

  test('a time-out says how long it waited', () => {
    assert.equal(classifyNetworkError(playwright('Timeout 2500ms exceeded.')).message, 'no complete answer within 2500 ms');
  });

  test('a failure classified where it happened passes through as it is', () => {
    const failure = { category: 'timeout', kind: 'timeout', message: 'proxy said so' } as const;
    assert.deepEqual(classifyNetworkError(new NetworkFailureError(failure)), failure);
  });
});

describe('Proxy-Status (RFC 9209): an answer the proxy wrote because it could not reach the host', () => {
  test('dns_error with rcode, connection_refused, a time-out, an unknown error type', () => {
    assert.deepEqual(proxyFailure(502, { 'proxy-status': 'twin; error=dns_error; rcode="NXDOMAIN"' }), {
      category: 'network-unreachable', kind: 'unknown host (DNS)', message: 'proxy twin answered 502 with Proxy-Status error=dns_error rcode=NXDOMAIN',
    });
    assert.equal(proxyFailure(502, { 'proxy-status': 'corp-proxy; error=connection_refused' })?.kind, 'connection refused');
    assert.equal(proxyFailure(504, { 'proxy-status': 'cdn; error=http_response_timeout' })?.category, 'timeout');
    assert.equal(proxyFailure(502, { 'proxy-status': 'p; error=something_new' })?.kind, 'proxy error something_new');
  });

  test('the first member reporting an error is the one that could not get through; no error is no failure', () => {
    assert.equal(proxyFailure(502, { 'proxy-status': 'edge; hit, inner; error=destination_unavailable; details="a, b; c"' })?.kind, 'host unavailable');
    assert.equal(proxyFailure(200, { 'proxy-status': 'cdn; hit' }), undefined);
    assert.equal(proxyFailure(502, {}), undefined);
  });
});

const response = (status: number, contentType: string | undefined, body: string, headers: Record<string, string> = {}): ExchangeResponse => ({
  status, statusText: '', headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers }, body,
});

describe('a body that should be JSON and is not', () => {
  test('invalid JSON, a page of another type, an empty body; JSON is no problem whatever its type', () => {
    assert.equal(jsonBodyProblem(response(200, 'application/json', '{"results": [{"id": 1, "na'))?.kind, 'invalid JSON');
    const page = jsonBodyProblem(response(200, 'text/html; charset=utf-8', '<html><head><title>Scheduled maintenance</title></head></html>'));
    assert.deepEqual(page, { kind: 'not JSON', detail: 'text/html: page titled "Scheduled maintenance"' });
    assert.equal(jsonBodyProblem(response(200, 'application/json', ''))?.kind, 'empty body');
    assert.equal(jsonBodyProblem(response(200, 'application/problem+json', '{"detail": "x"}')), undefined);
    assert.equal(jsonBodyProblem(response(200, 'text/plain', '{"detail": "x"}')), undefined);
  });
});

describe('an unexpected answer in a failure line', () => {
  const exchange = (res: ExchangeResponse, rateLimitRetries?: number): Exchange => ({
    request: { method: 'GET', url: 'https://api.us.spotdraft.com/x', headers: {} }, response: res, startedAt: '', durationMs: 0,
    ...(rateLimitRetries ? { rateLimitRetries } : {}),
  });

  test('429: the Retry-After given and what the client did about it', () => {
    const limited = { ...response(429, 'application/json', '{"detail":"slow down"}', { 'retry-after': '1' }), statusText: 'Too Many Requests' };
    assert.equal(describeAnswer(exchange(limited, 2), limited), '429 Too Many Requests (Retry-After: 1; still 429 after 2 retries) {"detail":"slow down"}');
    const bare = { ...response(429, 'application/json', ''), statusText: 'Too Many Requests' };
    assert.equal(describeAnswer(exchange(bare), bare), '429 Too Many Requests (no Retry-After; not retried)');
  });

  test('5xx with its reason phrase; an HTML page by its title', () => {
    const gateway = { ...response(502, 'text/html', '<html><head><title>502 Bad Gateway</title></head></html>'), statusText: 'Bad Gateway' };
    assert.equal(describeAnswer(exchange(gateway), gateway), '502 Bad Gateway (HTML page "502 Bad Gateway")');
  });
});
