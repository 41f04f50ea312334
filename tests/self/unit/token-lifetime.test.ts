/** token.expires-in-documented: equal to the documented lifetime when sent; absent is noted where optional (Spotnana), a failure where required (Spreetail). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TOKEN_CHECKS } from '../../../src/checks/token-checks.ts';
import { CheckFailure } from '../../../src/failure.ts';
import { runCheck } from '../helpers/check-context.ts';
import type { Answer } from '../helpers/fake-http.ts';

const check = TOKEN_CHECKS.find((c) => c.id === 'token.expires-in-documented');
assert.ok(check);
const EXPIRES_IN = check;

const spotnanaToken = (extra: Record<string, unknown> = {}): Answer => ({ status: 200, body: { access_token: 'opaque-token-1', token_type: 'Bearer', ...extra } });
const spreetailLogin = (data: Record<string, unknown>): Answer => ({ status: 200, body: { success: true, data: { access_token: 'jwt-token-number-1', ...data } } });

function failure(error: unknown): CheckFailure {
  assert.ok(error instanceof CheckFailure, `a CheckFailure, got ${String(error)}`);
  return error;
}

describe('token.expires-in-documented', () => {
  test('Spotnana without expires_in: passes, and the note says it is absent and what the session assumes', async () => {
    const run = await runCheck(EXPIRES_IN, 'spotnana-global-uat', () => spotnanaToken());
    assert.equal(run.error, undefined, String(run.error));
    assert.equal(run.skipped, undefined);
    assert.equal(run.notes.get('token lifetime'), 'expires_in absent (optional per the vendor); the session assumes 3600 s');
    assert.equal(run.http.sent, 1, 'the session\'s one login, no request of the check\'s own');
  });

  test('Spotnana with expires_in 3600: passes', async () => {
    const run = await runCheck(EXPIRES_IN, 'spotnana-global-uat', () => spotnanaToken({ expires_in: 3600 }));
    assert.equal(run.error, undefined, String(run.error));
    assert.match(run.notes.get('token lifetime') ?? '', /^3600s \(documented 3600s/);
  });

  test('Spotnana with an expires_in other than documented: fails (present, it must equal the lifetime)', async () => {
    const run = await runCheck(EXPIRES_IN, 'spotnana-global-uat', () => spotnanaToken({ expires_in: 7200 }));
    const error = failure(run.error);
    assert.equal(error.category, 'token-lifecycle');
    assert.deepEqual([error.details.expected, error.details.actual], ['expires_in 3600', 'expires_in 7200']);
  });

  test('Spreetail without expires_in: fails as token-lifecycle, not skipped (the guide documents expires_in: 86400)', async () => {
    const run = await runCheck(EXPIRES_IN, 'spreetail-eu-uat', () => spreetailLogin({ client_id: 'client-id-123456' }));
    assert.equal(run.skipped, undefined);
    const error = failure(run.error);
    assert.equal(error.category, 'token-lifecycle');
    assert.equal(error.details.rule.id, 'token.expires-in-documented');
    assert.deepEqual([error.details.expected, error.details.actual], ['expires_in 86400', 'a token answer without expires_in']);
    assert.equal(run.http.sent, 1, 'judged on the session\'s own login answer');
  });

  test('Spreetail with expires_in 86400: passes', async () => {
    const run = await runCheck(EXPIRES_IN, 'spreetail-eu-uat', () => spreetailLogin({ expires_in: 86400 }));
    assert.equal(run.error, undefined, String(run.error));
  });

  test('a login that is refused is not this check\'s finding: skipped, token.login-issues-token reports it', async () => {
    const run = await runCheck(EXPIRES_IN, 'spreetail-eu-uat', () => ({ status: 401, body: { success: false, error: 'Invalid credentials' } }));
    assert.equal(run.error, undefined, String(run.error));
    assert.match(run.skipped ?? '', /cannot log in/);
  });
});
