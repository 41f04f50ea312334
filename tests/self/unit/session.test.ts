/** Token sessions: one login per worker, refresh 5 minutes before expiry, concurrent callers share a login, one re-login on a 401, classified login failures. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from '../../../src/auth/api-client.ts';
import { recoverFromUnissuedToken } from '../../../src/auth/recovery.ts';
import { ClientCredentialsSession, createSession, HeaderCredentialsSession, JwtLoginSession, type TokenSession } from '../../../src/auth/session.ts';
import type { SendRequest } from '../../../src/http/client.ts';
import { CheckFailure } from '../../../src/failure.ts';
import { spotnana } from '../../../src/providers/spotnana.ts';
import { spreetail } from '../../../src/providers/spreetail.ts';
import { deferred, FakeHttp, targetProfile, type Answer, type Responder } from '../helpers/fake-http.ts';

const SPREETAIL = 'spreetail-eu-uat';
const SPOTNANA = 'spotnana-global-prod';
const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);

const isLogin = (r: SendRequest) => r.isLogin === true;

/** Spreetail login answers: success with a numbered token, as documented. */
function spreetailLogin(n: number, expiresIn = 86400): Answer {
  return { status: 200, body: { success: true, data: { access_token: `jwt-token-number-${n}`, expires_in: expiresIn, client_id: 'client-id-123456' } } };
}

/** Answers logins with fresh tokens and everything else with `other`. */
function loginsThen(other: (request: SendRequest, index: number) => Answer): Responder {
  let logins = 0;
  return (request, index) => (isLogin(request) ? spreetailLogin(++logins) : other(request, index));
}

function jwtSession(http: FakeHttp, clock: { now: number }): JwtLoginSession {
  const policy = spreetail.auth.token;
  assert.ok(policy);
  return new JwtLoginSession({ profile: targetProfile(SPREETAIL), http: http.asClient(), now: () => clock.now }, policy);
}

describe('a token session logs in once and reuses its token', () => {
  test('two token() calls make one login request', async () => {
    const http = new FakeHttp(loginsThen(() => ({ status: 500 })));
    const session = jwtSession(http, { now: T0 });
    const first = await session.token();
    const second = await session.token();
    assert.equal(first.value, 'jwt-token-number-1');
    assert.equal(second.value, first.value);
    assert.equal(session.logins, 1);
    assert.equal(http.sent, 1);
  });

  test('the login request is the documented one: JSON {client_id, client_secret} POSTed to /auth/login, marked as login', async () => {
    const http = new FakeHttp(loginsThen(() => ({ status: 500 })));
    await jwtSession(http, { now: T0 }).token();
    const [request] = http.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.url, 'https://api.spreetaileu.com/api/api/v1/auth/login');
    assert.deepEqual(request.json, { client_id: 'client-id-123456', client_secret: 'client-secret-abcdef' });
    assert.equal(request.carriesCredentials, true);
    assert.equal(request.isLogin, true);
  });

  test('Spotnana: form-encoded client_credentials grant to /v2/auth/oauth2-token', async () => {
    const http = new FakeHttp(() => ({ status: 200, body: { access_token: 'opaque-token-1', token_type: 'Bearer', expires_in: 3600 } }));
    const session = createSession({ profile: targetProfile(SPOTNANA), http: http.asClient(), now: () => T0 });
    assert.ok(session instanceof ClientCredentialsSession);
    assert.deepEqual(await session.authenticate(), { authorization: 'Bearer opaque-token-1' });
    const [request] = http.requests;
    assert.equal(request?.url, 'https://api.spotnana.com/v2/auth/oauth2-token');
    assert.deepEqual(request?.form, { grant_type: 'client_credentials', client_id: 'client-id-123456', client_secret: 'client-secret-abcdef' });
    assert.equal(request?.isLogin, true);
  });

  test('SpotDraft sends client-id and client-secret headers and never logs in', async () => {
    const http = new FakeHttp(() => ({ status: 500 }));
    const session = createSession({ profile: targetProfile('spotdraft-us-uat'), http: http.asClient() });
    assert.ok(session instanceof HeaderCredentialsSession);
    assert.deepEqual(await session.authenticate(), { 'client-id': 'client-id-123456', 'client-secret': 'client-secret-abcdef' });
    assert.equal(session.logins, 0);
    assert.equal(session.renewable, false);
    assert.equal(http.sent, 0);
  });
});

describe('refresh 5 minutes before expiry (obtained + expires_in - 300 s)', () => {
  for (const { name, expiresIn } of [{ name: 'Spreetail (86400 s)', expiresIn: 86400 }, { name: 'a short-lived token (3600 s)', expiresIn: 3600 }]) {
    test(`${name}: same token one second before the refresh point, a new login at it`, async () => {
      let logins = 0;
      const http = new FakeHttp(() => spreetailLogin(++logins, expiresIn));
      const clock = { now: T0 };
      const session = jwtSession(http, clock);
      const first = await session.token();
      const refreshAt = T0 + (expiresIn - 300) * 1000;
      assert.equal(first.obtainedAtMs, T0);
      assert.equal(first.refreshAtMs, refreshAt);

      clock.now = refreshAt - 1000;
      assert.equal((await session.token()).value, first.value, 'one second before the refresh point the cached token is reused');
      assert.equal(session.logins, 1);

      clock.now = refreshAt;
      const refreshed = await session.token();
      assert.notEqual(refreshed.value, first.value, 'at the refresh point a new token is obtained');
      assert.equal(session.logins, 2);
      assert.equal(refreshed.refreshAtMs, refreshAt + (expiresIn - 300) * 1000);
    });
  }

  test('Spotnana (3600 s in examples) uses the same 300 s margin', async () => {
    let n = 0;
    const http = new FakeHttp(() => ({ status: 200, body: { access_token: `opaque-${++n}`, token_type: 'Bearer', expires_in: 3600 } }));
    const clock = { now: T0 };
    const policy = spotnana.auth.token;
    assert.ok(policy);
    const session = new ClientCredentialsSession({ profile: targetProfile(SPOTNANA), http: http.asClient(), now: () => clock.now }, policy);
    await session.token();
    clock.now = T0 + 3300 * 1000 - 1000;
    await session.token();
    assert.equal(session.logins, 1);
    clock.now = T0 + 3300 * 1000;
    await session.token();
    assert.equal(session.logins, 2);
  });
});

describe('expires_in: optional where the vendor says so (Spotnana), required where it is documented as always sent (Spreetail)', () => {
  test('Spotnana: a token answer without expires_in gives a token whose refresh is scheduled from the documented 3600 s', async () => {
    let n = 0;
    const http = new FakeHttp(() => ({ status: 200, body: { access_token: `opaque-${++n}`, token_type: 'Bearer' } }));
    const clock = { now: T0 };
    const policy = spotnana.auth.token;
    assert.ok(policy?.expiresInOptional);
    const session = new ClientCredentialsSession({ profile: targetProfile(SPOTNANA), http: http.asClient(), now: () => clock.now }, policy);
    const issued = await session.token();
    assert.equal(issued.value, 'opaque-1');
    assert.equal(issued.expiresIn, undefined, 'the answer had no expires_in: none is invented');
    assert.equal(issued.lifetimeSeconds, 3600);
    assert.equal(issued.refreshAtMs, T0 + (3600 - 300) * 1000);
    clock.now = issued.refreshAtMs - 1000;
    assert.equal((await session.token()).value, 'opaque-1');
    clock.now = issued.refreshAtMs;
    assert.equal((await session.token()).value, 'opaque-2', 'refreshed at the documented lifetime minus the margin');
    assert.equal(session.logins, 2);
  });

  test('Spotnana: an expires_in that is sent is what the refresh is scheduled from', async () => {
    const http = new FakeHttp(() => ({ status: 200, body: { access_token: 'opaque-1', token_type: 'Bearer', expires_in: 1800 } }));
    const session = createSession({ profile: targetProfile(SPOTNANA), http: http.asClient(), now: () => T0 }) as TokenSession;
    const issued = await session.token();
    assert.deepEqual([issued.expiresIn, issued.lifetimeSeconds, issued.refreshAtMs], [1800, 1800, T0 + 1500 * 1000]);
  });

  test('Spreetail: a login without expires_in issues no usable token: token-lifecycle, naming what is missing', async () => {
    const http = new FakeHttp(() => ({ status: 200, body: { success: true, data: { access_token: 'jwt-token-number-1', client_id: 'client-id-123456' } } }));
    assert.equal(spreetail.auth.token?.expiresInOptional, undefined);
    await assert.rejects(jwtSession(http, { now: T0 }).token(), (error: unknown) => {
      assert.ok(error instanceof CheckFailure, String(error));
      assert.equal(error.category, 'token-lifecycle');
      assert.equal(error.details.rule.id, 'auth.login');
      assert.equal(error.details.expected, 'auth.login to issue a token with its expires_in');
      assert.equal(error.details.actual, '200 with a token but no expires_in');
      assert.ok(!error.message.includes('jwt-token-number-1'), 'the token stays out of the message');
      return true;
    });
  });
});

describe('concurrent callers share one login', () => {
  test('five token() calls while the login is in flight make one request and get one token', async () => {
    const release = deferred<Answer>();
    const http = new FakeHttp(() => release.promise);
    const session = jwtSession(http, { now: T0 });
    const pending = Array.from({ length: 5 }, () => session.token());
    await new Promise((r) => setImmediate(r));
    assert.equal(http.sent, 1, 'only one login request is in flight');
    release.resolve(spreetailLogin(1));
    const tokens = await Promise.all(pending);
    assert.deepEqual(new Set(tokens.map((t) => t.value)), new Set(['jwt-token-number-1']));
    assert.equal(session.logins, 1);
  });

  test('after a failed login the next call tries again (the failure is not cached)', async () => {
    let calls = 0;
    const http = new FakeHttp(() => (++calls === 1 ? { status: 503, body: { success: false, error: 'down' } } : spreetailLogin(calls)));
    const session = jwtSession(http, { now: T0 });
    await assert.rejects(session.token(), CheckFailure);
    assert.equal((await session.token()).value, 'jwt-token-number-2');
  });
});

describe('ApiClient re-authenticates exactly once on a 401', () => {
  function client(other: (request: SendRequest, index: number) => Answer): { api: ApiClient; http: FakeHttp; session: TokenSession } {
    const http = new FakeHttp(loginsThen(other));
    const session = jwtSession(http, { now: T0 });
    return { api: new ApiClient(targetProfile(SPREETAIL), http.asClient(), session), http, session };
  }

  test('a 401 leads to one new login and one retry with the new token, which succeeds', async () => {
    let reads = 0;
    const { api, http, session } = client(() => (++reads === 1 ? { status: 401, body: { success: false, error: 'Invalid or expired token' } } : { status: 200, body: { success: true, data: {} } }));
    const exchange = await api.call('inventory.list');
    assert.equal(exchange.response?.status, 200);
    assert.equal(api.reauthentications, 1);
    assert.equal(session.logins, 2);
    const reads401 = http.requests.filter((r) => !isLogin(r));
    assert.equal(reads401.length, 2);
    assert.equal(reads401[0]?.headers?.authorization, 'Bearer jwt-token-number-1');
    assert.equal(reads401[1]?.headers?.authorization, 'Bearer jwt-token-number-2');
  });

  test('a second 401 is returned as is: no further login, no loop', async () => {
    const { api, http, session } = client(() => ({ status: 401, body: { success: false, error: 'Invalid or expired token' } }));
    const exchange = await api.call('inventory.list');
    assert.equal(exchange.response?.status, 401);
    assert.equal(api.reauthentications, 1);
    assert.equal(session.logins, 2);
    assert.equal(http.sent, 4, 'login, read (401), login, read (401)');
  });

  test('a 401 on a request with explicit credentials (a negative check) does not trigger a login', async () => {
    const { api, session } = client(() => ({ status: 401, body: { success: false, error: 'Authorization header is required' } }));
    const exchange = await api.call('inventory.list', { auth: {} });
    assert.equal(exchange.response?.status, 401);
    assert.equal(api.reauthentications, 0);
    assert.equal(session.logins, 0);
  });

  test('header credentials (SpotDraft) are not renewable: a 401 is not retried', async () => {
    const http = new FakeHttp(() => ({ status: 401, body: { detail: 'Invalid credentials' } }));
    const profile = targetProfile('spotdraft-us-uat');
    const api = new ApiClient(profile, http.asClient(), createSession({ profile, http: http.asClient() }));
    await api.call('contract_types.list');
    assert.equal(api.reauthentications, 0);
    assert.equal(http.sent, 1);
  });
});

describe('a session can take its first login through the recovery from a 401', () => {
  const rejectUnissued = (request: SendRequest) => (request.headers?.authorization?.startsWith('Bearer jwt-token-number-')
    ? { status: 200, body: { success: true, data: [] } }
    : { status: 401, body: { success: false, error: 'Invalid or expired token' } });

  test('a token the API never issued, its 401, one login, one retry: the session\'s only login, and the record shows each step', async () => {
    const http = new FakeHttp(loginsThen(rejectUnissued));
    const session = jwtSession(http, { now: T0 });
    const record = await recoverFromUnissuedToken(targetProfile(SPREETAIL), http.asClient(), session);
    assert.equal(record.error, undefined);
    assert.deepEqual([record.retries, record.logins, record.final?.response?.status], [1, 1, 200]);
    assert.deepEqual(record.exchanges.map((e) => e.response?.status), [401, 200, 200], 'rejected read, login, retried read');
    assert.doesNotMatch(http.requests[0]?.headers?.authorization ?? '', /jwt-token-number/, 'the first read carries a token nobody issued');
    await session.authenticate();
    assert.equal(session.logins, 1, 'later requests reuse the token the recovery obtained');
    assert.equal(http.requestsTo('/auth/login').length, 1);
  });

  test('an API that accepts the unissued token: no retry, no login, and later requests never carry that token', async () => {
    const http = new FakeHttp(loginsThen(() => ({ status: 200, body: { success: true, data: [] } })));
    const session = jwtSession(http, { now: T0 });
    const record = await recoverFromUnissuedToken(targetProfile(SPREETAIL), http.asClient(), session);
    assert.deepEqual([record.retries, record.logins], [0, 0]);
    assert.equal((await session.authenticate()).authorization, 'Bearer jwt-token-number-1');
  });

  test('a login that issues no token is recorded, not thrown', async () => {
    const http = new FakeHttp((request) => (isLogin(request) ? { status: 401, body: { success: false, error: 'Invalid credentials' } } : rejectUnissued(request)));
    const record = await recoverFromUnissuedToken(targetProfile(SPREETAIL), http.asClient(), jwtSession(http, { now: T0 }));
    assert.ok(record.error instanceof CheckFailure);
    assert.equal(record.error.details.rule.id, 'auth.login');
    assert.equal(record.final, undefined);
  });
});

describe('a failed login is a CheckFailure with the right category', () => {
  const cases: { answer: Answer; category: string; label: string }[] = [
    { label: '401 Invalid credentials', answer: { status: 401, body: { success: false, error: 'Invalid credentials' } }, category: 'credential-rejected' },
    { label: '403', answer: { status: 403, body: { success: false, error: 'Forbidden' } }, category: 'credential-rejected' },
    { label: '200 with success: false', answer: { status: 200, body: { success: false, error: 'Invalid credentials' } }, category: 'token-lifecycle' },
    { label: '200 without access_token', answer: { status: 200, body: { success: true, data: { expires_in: 86400 } } }, category: 'token-lifecycle' },
    { label: '500', answer: { status: 500, body: { success: false, error: 'Internal error' } }, category: 'partner-server-error' },
    { label: '503', answer: { status: 503, body: 'Service Unavailable' }, category: 'partner-server-error' },
    { label: '429', answer: { status: 429, body: { success: false, error: 'Too many requests' } }, category: 'rate-limited' },
    { label: 'a network failure', answer: { failure: { category: 'tls', kind: 'untrusted certificate authority', message: 'self-signed certificate' } }, category: 'tls' },
  ];
  for (const { label, answer, category } of cases) {
    test(`login answered ${label} -> ${category}`, async () => {
      const http = new FakeHttp(() => answer);
      const session = jwtSession(http, { now: T0 });
      await assert.rejects(session.token(), (error: unknown) => {
        assert.ok(error instanceof CheckFailure, String(error));
        assert.equal(error.category, category);
        assert.equal(error.details.target, SPREETAIL);
        assert.ok(error.message.startsWith(`[${category}] ${SPREETAIL}: `), error.message);
        assert.ok(!error.message.includes('client-secret-abcdef'), 'the failure message carries no secret');
        return true;
      });
    });
  }

  test('Spotnana: 429 TOO_MANY_REQUESTS on the token endpoint -> rate-limited', async () => {
    const http = new FakeHttp(() => ({ status: 429, body: { errorCode: 'TOO_MANY_REQUESTS' } }));
    const session = createSession({ profile: targetProfile(SPOTNANA), http: http.asClient() }) as TokenSession;
    await assert.rejects(session.token(), (error: unknown) => error instanceof CheckFailure && error.category === 'rate-limited');
  });
});
