/**
 * Hardening, proven by the twin's request log: a redirect to a foreign host is never followed (that host receives
 * nothing), no mutating request reaches a prod target unless explicitly allowed, and 4 workers share no state
 * (one login per target per worker, no re-authentication).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readSessionStats } from '../../../src/report/session-stats.ts';
import { cleanEnv, describeRun, readSummary, runContracts, useTwinAndTempDir } from '../helpers/processes.ts';


const { twin, dir } = useTwinAndTempDir('guards-');

/** The suite in twin mode against the twin started here (so its log can be read), with extra environment. */
function suite(name: string, args: string[], extra: Record<string, string> = {}) {
  twin().log.clear();
  return runContracts(cleanEnv({
    CONTRACT_TWIN_PROXY: twin().proxyUrl, CONTRACT_TWIN_ADMIN_URL: twin().adminUrl, NODE_EXTRA_CA_CERTS: twin().caFile, ...extra,
  }), join(dir().path, name), 240_000, args);
}

describe('guards, as the twin saw them', () => {
  test('a redirect to another origin is reported as a credential-leak risk and never followed: that host receives nothing', async () => {
    twin().setFaults(['spotdraft-slash-redirect-other-origin@spotdraft-eu-prod']);
    try {
      const run = await suite('redirect', ['--project', 'spotdraft-eu-prod']);
      assert.equal(run.code, 1, describeRun(run));
      const failed = readSummary(join(dir().path, 'redirect')).targets.flatMap((t) => t.checks.filter((c) => c.status === 'failed'));
      assert.deepEqual(failed.map((c) => c.id), ['redirect.slash-mismatch-get']);
      assert.match(failed[0]?.reason ?? '', /app\.spotdraft\.com.*credential-leak risk/);
      const log = twin().log.all();
      assert.ok(log.length > 0);
      assert.deepEqual(log.filter((e) => e.host === 'app.spotdraft.com'), [], 'the foreign host received no request');
      assert.deepEqual(log.filter((e) => e.scheme === 'http' && e.headerNames.some((h) => /client-secret|authorization/.test(h))), [], 'no credential over http');
    } finally {
      twin().setFaults([]);
    }
  });

  test('no mutating request reaches a prod target unless CONTRACT_ALLOW_PROD_WRITES=1', async () => {
    const isWrite = (e: { method: string; path: string }) => e.method !== 'GET' && !/auth\/login|oauth2-token/.test(e.path);
    const guarded = await suite('prod-guarded', ['--project', 'spreetail-eu-prod', '--project', 'spotnana-global-prod']);
    assert.equal(guarded.code, 0, describeRun(guarded));
    assert.deepEqual(twin().log.all().filter(isWrite).map((e) => `${e.method} ${e.host}${e.path}`), []);

    const allowed = await suite('prod-allowed', ['--project', 'spreetail-eu-prod'], { CONTRACT_ALLOW_PROD_WRITES: '1' });
    assert.equal(allowed.code, 0, describeRun(allowed));
    assert.ok(twin().log.all().some((e) => e.method === 'POST' && e.path.endsWith('/outbound')), 'with the flag, the order is created: the guard was what held it back');
  });

  test('4 workers over 4 token targets: one login per target per worker, no re-authentication, all green', async () => {
    const targets = ['spreetail-eu-uat', 'spreetail-eu-prod', 'spotnana-global-uat', 'spotnana-global-prod'];
    const run = await suite('concurrency', ['--workers', '4', ...targets.flatMap((t) => ['--project', t])]);
    assert.equal(run.code, 0, describeRun(run));
    const stats = readSessionStats(join(dir().path, 'concurrency', 'reports'));
    assert.ok(stats.length >= 4, `stats of ${stats.length} workers`);
    for (const s of stats) {
      assert.ok(s.logins <= 1, `${s.target} worker ${s.workerIndex}: ${s.logins} logins`);
      assert.equal(s.reauthentications, 0);
    }
    for (const target of targets) assert.ok(stats.some((s) => s.target === target && s.logins === 1), `${target} logged in`);
  });
});
