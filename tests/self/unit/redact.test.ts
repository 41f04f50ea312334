/** Redaction is the one choke point for secrets: nothing registered leaves in any encoding, and auth headers keep their scheme word. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Exchange } from '../../../src/http/exchange.ts';
import { encodingsOf, REDACTED, redactExchange, redactText, secrets } from '../../../src/http/redact.ts';
import { CheckFailure } from '../../../src/failure.ts';

// Chosen so that every encoding differs: '+' and '/' in base64, '-'/'_' in base64url, '%' escapes, a JSON-escaped quote and backslash.
const SECRET = 'tw1n?>sec"ret\\ ~~~/+?!';
secrets.add(SECRET);

const raw = SECRET;
const base64 = Buffer.from(SECRET, 'utf8').toString('base64');
const base64Unpadded = base64.replace(/=+$/, '');
const base64url = Buffer.from(SECRET, 'utf8').toString('base64url');
const urlEncoded = encodeURIComponent(SECRET);
const formEncoded = new URLSearchParams({ v: SECRET }).toString().slice(2);
const jsonEscaped = JSON.stringify(SECRET).slice(1, -1);
const FORMS = { raw, base64, base64Unpadded, base64url, urlEncoded, formEncoded, jsonEscaped };

/** Every encoding of the secret anywhere in the text. */
function leaks(text: string): string[] {
  return Object.entries(FORMS).filter(([, form]) => text.includes(form)).map(([name]) => name);
}

function exchange(overrides: Partial<Exchange['request']> = {}, response?: Exchange['response'], failure?: Exchange['failure']): Exchange {
  return {
    request: { method: 'POST', url: 'https://api.spotnana.com/v2/auth/oauth2-token', headers: {}, ...overrides },
    ...(response ? { response } : {}),
    ...(failure ? { failure } : {}),
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
  };
}

describe('the secret encodings under test are all distinct', () => {
  test('base64 differs from base64url, URL-encoding from form-encoding, JSON-escaping from raw', () => {
    assert.notEqual(base64, base64url);
    assert.notEqual(urlEncoded, formEncoded);
    assert.notEqual(jsonEscaped, raw);
    assert.notEqual(base64, base64Unpadded);
    for (const form of Object.values(FORMS)) assert.ok(encodingsOf(SECRET).includes(form), form);
  });
});

describe('sensitive headers are hidden whatever their value', () => {
  test('client-secret, cookie, set-cookie, proxy-authorization and x-api-key are [redacted], in any letter case', () => {
    const out = redactExchange(exchange({
      headers: { 'Client-Secret': 'not-registered-but-hidden', cookie: 'sid=abc', 'Proxy-Authorization': 'Basic eA==', 'X-API-Key': 'k-123456', 'client-id': 'visible-client-id' },
    }, { status: 200, statusText: 'OK', headers: { 'set-cookie': 'sid=abc; HttpOnly' }, body: '' }));
    assert.equal(out.request.headers['Client-Secret'], REDACTED);
    assert.equal(out.request.headers.cookie, REDACTED);
    assert.equal(out.request.headers['X-API-Key'], REDACTED);
    assert.equal(out.response?.headers['set-cookie'], REDACTED);
    assert.equal(out.request.headers['client-id'], 'visible-client-id', 'a client id is not a secret: it stays for triage');
  });

  test('Authorization keeps its scheme: "Bearer [redacted]" vs "[redacted]" tells a missing prefix apart', () => {
    const out = redactExchange(exchange({ headers: { authorization: 'Bearer eyJhbGciOi.payload.sig', Authorization: 'eyJhbGciOi.payload.sig' } }));
    assert.equal(out.request.headers.authorization, `Bearer ${REDACTED}`);
    assert.equal(out.request.headers.Authorization, REDACTED);
    const basic = redactExchange(exchange({ headers: { authorization: 'Basic dXNlcjpwYXNz' } }));
    assert.equal(basic.request.headers.authorization, `Basic ${REDACTED}`);
  });

  test('a registered secret inside an ordinary header is replaced', () => {
    const out = redactExchange(exchange({ headers: { 'x-debug': `echo ${SECRET} / ${base64}` } }));
    assert.deepEqual(leaks(JSON.stringify(out)), []);
    assert.match(out.request.headers['x-debug'] ?? '', /\[redacted\]/);
  });
});

describe('bodies: secret fields and registered secrets are hidden', () => {
  test('JSON request and response bodies: client_secret, access_token (nested too) are [redacted]', () => {
    const out = redactExchange(exchange(
      { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'cid-1', client_secret: 'unregistered-secret-1' }) },
      { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ success: true, data: { access_token: 'unregistered-token-1', expires_in: 86400, client_id: 'cid-1' } }) },
    ));
    const request = JSON.parse(out.request.body ?? '{}') as Record<string, unknown>;
    const response = JSON.parse(out.response?.body ?? '{}') as { data: Record<string, unknown> };
    assert.equal(request.client_secret, REDACTED);
    assert.equal(request.client_id, 'cid-1');
    assert.equal(response.data.access_token, REDACTED);
    assert.equal(response.data.expires_in, 86400);
  });

  test('form bodies: client_secret is [redacted], other fields stay', () => {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: 'cid-1', client_secret: 'unregistered-secret-2' }).toString();
    const out = redactExchange(exchange({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body }));
    const form = new URLSearchParams(out.request.body);
    assert.equal(form.get('client_secret'), REDACTED);
    assert.equal(form.get('grant_type'), 'client_credentials');
    assert.ok(!(out.request.body ?? '').includes('unregistered-secret-2'));
  });

  test('a registered secret echoed in any field of a JSON, form or text body is replaced in every encoding', () => {
    for (const [name, form] of Object.entries(FORMS)) {
      const json = redactExchange(exchange({}, { status: 400, statusText: '', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ detail: `bad value ${form}!` }) }));
      assert.deepEqual(leaks(JSON.stringify(json)), [], `${name} in a JSON body`);
      const text = redactExchange(exchange({}, { status: 500, statusText: '', headers: { 'content-type': 'text/plain' }, body: `trace: ${form} end` }));
      assert.deepEqual(leaks(JSON.stringify(text)), [], `${name} in a text body`);
    }
    const formBody = redactExchange(exchange({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ note: SECRET, other: `x${base64}y` }).toString() }));
    assert.deepEqual(leaks(JSON.stringify(formBody)), []);
  });
});

describe('URLs and failure messages', () => {
  test('a registered secret in the URL path or query, in any encoding, is replaced', () => {
    for (const [name, form] of Object.entries({ urlEncoded, base64url, formEncoded })) {
      const out = redactExchange(exchange({ url: `https://api.spotnana.com/v2/users/${form}?q=${form}&client_secret=plain-unregistered` }));
      assert.deepEqual(leaks(out.request.url), [], `${name} in a URL: ${out.request.url}`);
      assert.ok(!out.request.url.includes('plain-unregistered'), out.request.url);
    }
  });

  test('a registered secret in a network failure message is replaced', () => {
    for (const form of Object.values(FORMS)) {
      const out = redactExchange(exchange({}, undefined, { category: 'tls', kind: 'TLS handshake failed', message: `handshake with ${form} failed` }));
      assert.deepEqual(leaks(out.failure?.message ?? ''), []);
    }
  });

  test('redactText hides every encoding inside any string', () => {
    const text = Object.values(FORMS).join(' | ');
    assert.deepEqual(leaks(redactText(text)), []);
  });

  test('a CheckFailure message is redacted before it leaves', () => {
    const failure = new CheckFailure({
      category: 'credential-rejected', target: 'spotnana-global-uat',
      rule: { id: 'auth.login', title: 'our credentials obtain a token', docs: { title: 'docs', url: 'https://example.com' } },
      expected: 'a token', actual: `401 {"echo":"${jsonEscaped}","b64":"${base64}"}`,
    });
    assert.deepEqual(leaks(failure.message), []);
  });

  test('redaction does not mutate the exchange the checks still assert on', () => {
    const original = exchange({ headers: { 'client-secret': SECRET }, body: JSON.stringify({ client_secret: SECRET }) });
    redactExchange(original);
    assert.equal(original.request.headers['client-secret'], SECRET);
  });
});
