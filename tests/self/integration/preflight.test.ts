/**
 * Pre-release preflight against the twin's prod environment, run as a live environment through its proxy — the way a
 * release manager runs it: a clean prod pass, a UAT secret in the prod profile, an old and an ageing secret.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PreflightReport } from '../../../src/report/preflight-reporter.ts';
import { cleanEnv, describeRun, runPreflight, runTsx, useTwinAndTempDir, type PreflightRun } from '../helpers/processes.ts';
import { twinCredentials } from '../helpers/profiles.ts';
import { rejectedCredentials } from '../../../twin/request-log.ts';

const PROD_TARGETS = ['spotdraft-in-prod', 'spotdraft-us-prod', 'spotdraft-me-prod', 'spotdraft-eu-prod', 'spreetail-eu-prod', 'spotnana-global-prod'];
const DAY_MS = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString().slice(0, 10);

const { twin, dir } = useTwinAndTempDir('preflight-');

/** `npm run preflight -- --env prod`, the profile given as process variables (how CI injects secrets). */
async function preflight(name: string, overrides: Record<string, string>, args: string[] = []): Promise<PreflightRun> {
  twin().log.clear();
  return runPreflight(twin(), dir(), name, ['--env', 'prod', ...args], { ...twinCredentials('prod'), ...overrides });
}

function statusOf(report: PreflightReport, target: string, column: string): string | undefined {
  return report.targets.find((t) => t.target === target)?.checks.find((c) => c.column === column)?.status;
}

describe('npm run preflight -- --env prod, against the twin as a live environment', () => {
  test('passes for every prod target, prints the table, read-only and within the failing-auth budget', async () => {
    const { run, report } = await preflight('clean', {});
    assert.equal(run.code, 0, describeRun(run));
    assert.deepEqual(report.targets.map((t) => t.target).sort(), [...PROD_TARGETS].sort());
    for (const target of PROD_TARGETS) assert.match(run.stdout, new RegExp(`^${target}\\s+pass`, 'm'), `table row for ${target}`);
    assert.ok(!report.targets.some((t) => t.checks.some((c) => c.status === 'fail')), JSON.stringify(report, null, 1));
    // Its duration is printed (`preflight passed in N s`) and measured by hand, not asserted: timed tests flake.
    assert.match(run.stdout, /preflight passed in [\d.]+ s/);
    const log = twin().log.all();
    assert.ok(log.length > 0, 'the twin received the preflight');
    assert.deepEqual(log.filter((e) => e.method !== 'GET' && !/oauth2-token|auth\/login/.test(e.path)).map((e) => `${e.method} ${e.host}${e.path}`), [], 'no mutating request');
    // The twin's own count of rejected credentials, per target's workers: at most 3 each, and what the preflight reports.
    for (const target of report.targets) {
      const rejected = rejectedCredentials(log, target.target).length;
      assert.ok(rejected <= 3, `${target.target}: the twin rejected ${rejected} of its authentication attempts`);
      assert.equal(target.negativeAuthAttempts, rejected, `${target.target}: reported ${target.negativeAuthAttempts}, the twin rejected ${rejected}`);
    }
    assert.ok(log.filter((e) => e.auth === 'rejected').every((e) => e.caller !== undefined), 'every rejection is attributed to a target');
  });

  test('a UAT secret in the prod SpotDraft profile fails the identity (and webhook secret) check for exactly that target', async () => {
    const uat = twinCredentials('uat');
    const { run, report } = await preflight('uat-secret-in-prod', {
      SPOTDRAFT_US_CLIENT_ID: uat.SPOTDRAFT_US_CLIENT_ID ?? '',
      SPOTDRAFT_US_CLIENT_SECRET: uat.SPOTDRAFT_US_CLIENT_SECRET ?? '',
    });
    assert.equal(run.code, 1, describeRun(run));
    const failing = report.targets.flatMap((t) => t.checks.filter((c) => c.status === 'fail').map((c) => `${t.target} ${c.column}`));
    // The UAT workspace signs its webhooks with its own key, not the one the prod receiver holds: that column says so too.
    assert.deepEqual(failing, ['spotdraft-us-prod identity', 'spotdraft-us-prod webhook secret'], describeRun(run));
    assert.match(run.stdout, /FAIL spotdraft-us-prod identity: \[configuration\] spotdraft-us-prod: .*SPOTDRAFT_US_EXPECTED_ACCOUNT "ACME-US-PROD"/);
    assert.ok(!run.stdout.includes(uat.SPOTDRAFT_US_CLIENT_SECRET ?? '--'), 'the secret is not printed');
  });

  test('a secret rotated 100 days ago fails secret age; 80 days warns and exits 0, or 1 with --strict', async () => {
    const old = await preflight('old-secret', { SPOTNANA_GLOBAL_SECRET_ROTATED_AT: daysAgo(100) });
    assert.equal(old.run.code, 1, describeRun(old.run));
    assert.equal(statusOf(old.report, 'spotnana-global-prod', 'secret age'), 'fail');

    const ageing = await preflight('ageing-secret', { SPOTNANA_GLOBAL_SECRET_ROTATED_AT: daysAgo(80) });
    assert.equal(ageing.run.code, 0, describeRun(ageing.run));
    assert.equal(statusOf(ageing.report, 'spotnana-global-prod', 'secret age'), 'warn');
    assert.match(ageing.run.stdout, /passed with warnings/);

    const strict = await preflight('ageing-secret-strict', { SPOTNANA_GLOBAL_SECRET_ROTATED_AT: daysAgo(80) }, ['--strict']);
    assert.equal(strict.run.code, 1, describeRun(strict.run));
  });

  test('a bad flag exits 2 with one line and sends nothing', async () => {
    twin().log.clear();
    const run = await runTsx(['scripts/preflight.ts', '--env', 'staging'], cleanEnv({ HTTPS_PROXY: twin().proxyUrl }), 60_000);
    assert.equal(run.code, 2, describeRun(run));
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr, /--env/);
    assert.equal(twin().log.all().length, 0);
  });
});
