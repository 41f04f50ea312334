/**
 * The preflight's webhook columns against the twin as a live environment (through its proxy, the profile exported as
 * variables): green by default with the committed twin values; each webhook fault of the catalogue fails exactly its
 * own target's column, in the printed table and in preflight.json; a profile without the key or receiver says n/a
 * with the reason; the key is never printed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { PreflightReport } from '../../../src/report/preflight-reporter.ts';
import { FAULTS } from '../../../twin/faults/catalogue.ts';
import { cleanEnv, describeRun, runPreflight, runTsx, useTwinAndTempDir, type PreflightRun, type RunResult } from '../helpers/processes.ts';
import { twinCredentials } from '../helpers/profiles.ts';

const { twin, dir } = useTwinAndTempDir('webhooks-preflight-');

/** The preflight of one provider's targets, the committed twin profile exported (keys matching `drop` left out). */
async function preflight(name: string, environment: 'uat' | 'prod', provider: string, overrides: Record<string, string> = {}, drop?: RegExp): Promise<PreflightRun> {
  const profile = Object.fromEntries(Object.entries(twinCredentials(environment)).filter(([key]) => !drop?.test(key)));
  return runPreflight(twin(), dir(), name, ['--env', environment, '--provider', provider], { ...profile, ...overrides });
}

const cell = (report: PreflightReport, target: string, column: string) => report.targets.find((t) => t.target === target)?.checks.find((c) => c.column === column);
const failingCells = (report: PreflightReport) => report.targets.flatMap((t) => t.checks.filter((c) => c.status === 'fail').map((c) => `${t.target} ${c.column}`));

/** `<target> <column>` of each FAIL in the printed table (columns two spaces or more apart). */
function tableFailures(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => /^target\s{2,}/.test(l));
  const columns = (lines[start] ?? '').trim().split(/\s{2,}/).slice(1);
  const out: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.trim()) break;
    const [target, ...cells] = line.trim().split(/\s{2,}/);
    cells.forEach((c, i) => c === 'FAIL' && out.push(`${target} ${columns[i]}`));
  }
  return out;
}

function assertNoKeyPrinted(run: RunResult, environment: 'uat' | 'prod'): void {
  for (const [key, value] of Object.entries(twinCredentials(environment)).filter(([k]) => /_WEBHOOK_(HMAC_KEY|SECRET)$/.test(k))) {
    assert.ok(!run.stdout.includes(value) && !run.stderr.includes(value), `${key} is not printed`);
  }
}

describe('preflight webhook columns, against the twin as a live environment', () => {
  for (const [environment, provider] of [['uat', 'spotdraft'], ['uat', 'spotnana'], ['prod', 'spreetail']] as const) {
    test(`${provider} ${environment}: green by default with the committed twin profile`, async () => {
      twin().setFaults([]);
      const { run, report } = await preflight(`clean-${provider}-${environment}`, environment, provider);
      assert.equal(run.code, 0, describeRun(run));
      for (const target of report.targets) {
        const secret = cell(report, target.target, 'webhook secret');
        const subscriptions = cell(report, target.target, 'webhook subscriptions');
        if (provider === 'spotdraft') assert.deepEqual([secret?.status, subscriptions?.status], ['pass', 'n/a'], target.target);
        if (provider === 'spotnana') assert.deepEqual([secret?.status, subscriptions?.status], ['n/a', 'pass'], target.target);
        if (provider === 'spreetail') {
          assert.deepEqual([secret?.status, subscriptions?.status], ['n/a', 'n/a'], target.target);
          assert.equal(secret?.reason, 'Spreetail EU documents no webhooks');
        }
      }
      assertNoKeyPrinted(run, environment);
    });
  }

  for (const fault of FAULTS.filter((f) => f.family === 'preflight')) {
    test(`${fault.name}: fails exactly ${fault.target}'s ${fault.column} column, in the table and in preflight.json`, async () => {
      const environment = fault.target.endsWith('-prod') ? 'prod' : 'uat';
      twin().setFaults(`${fault.name}@${fault.target}`);
      try {
        const { run, report } = await preflight(fault.name, environment, fault.provider);
        assert.equal(run.code, 1, describeRun(run));
        const own = `${fault.target} ${fault.column}`;
        assert.deepEqual(failingCells(report), [own], describeRun(run));
        assert.deepEqual(tableFailures(run.stdout), [own], run.stdout);
        const failed = cell(report, fault.target, fault.column);
        assert.equal(failed?.id, fault.expectedChecks[0]);
        assert.match(failed?.reason ?? '', new RegExp(`^\\[${fault.category}\\] ${fault.target}: `));
        assertNoKeyPrinted(run, environment);
      } finally {
        twin().setFaults([]);
      }
    });
  }

  test('the reason names the subscription and the host it delivers to', async () => {
    twin().setFaults('spotnana-prod-subscription-on-uat-receiver@spotnana-global-prod');
    try {
      // A live prod profile knows only its own receiver: the reason names the host and the receiver it should be.
      const { report } = await preflight('named-prod-on-uat', 'prod', 'spotnana');
      assert.match(cell(report, 'spotnana-global-prod', 'webhook subscriptions')?.reason ?? '', /"Trips and travelers \(prod\)" \([0-9a-f-]{36}\) delivers to hooks-uat\.twin-receiver\.example, not hooks\.twin-receiver\.example/);
    } finally {
      twin().setFaults([]);
    }
  });

  test('without the key or the receiver in the profile the column is n/a with the reason, never pass', async () => {
    const { run, report } = await preflight('undeclared-spotnana', 'uat', 'spotnana', {}, /^SPOTNANA_GLOBAL_WEBHOOK_RECEIVER$/);
    assert.equal(run.code, 0, describeRun(run));
    assert.deepEqual(cell(report, 'spotnana-global-uat', 'webhook subscriptions'), {
      id: 'preflight.webhook-subscriptions', column: 'webhook subscriptions', status: 'n/a',
      reason: 'no SPOTNANA_GLOBAL_WEBHOOK_RECEIVER declared: where the subscriptions deliver is not checked',
    });
    const spotdraft = await preflight('undeclared-spotdraft', 'uat', 'spotdraft', {}, /^SPOTDRAFT_US_WEBHOOK_HMAC_KEY$/);
    assert.equal(spotdraft.run.code, 0, describeRun(spotdraft.run));
    assert.equal(cell(spotdraft.report, 'spotdraft-us-uat', 'webhook secret')?.status, 'n/a');
    assert.match(cell(spotdraft.report, 'spotdraft-us-uat', 'webhook secret')?.reason ?? '', /^no SPOTDRAFT_US_WEBHOOK_HMAC_KEY declared/);
    assert.equal(cell(spotdraft.report, 'spotdraft-in-uat', 'webhook secret')?.status, 'pass', 'the other targets still compare theirs');
  });

  test('a key that is not base64 is a profile error: one line naming the key, not its value, exit 2, no request', async () => {
    twin().log.clear();
    const bad = 'not/base64!-but-long-enough';
    const run = await runTsx(['scripts/preflight.ts', '--env', 'uat'], cleanEnv({
      ...twinCredentials('uat'), SPOTDRAFT_IN_WEBHOOK_HMAC_KEY: bad, HTTPS_PROXY: twin().proxyUrl, CONTRACT_PROFILE_DIR: dir().write('bad-key/env/.keep', '') && join(dir().path, 'bad-key', 'env'),
    }), 60_000);
    assert.equal(run.code, 2, describeRun(run));
    assert.equal(run.stderr.trim(), '[configuration] environment: SPOTDRAFT_IN_WEBHOOK_HMAC_KEY is not base64 (copy it again, whole)');
    assert.ok(!run.stdout.includes(bad) && !run.stderr.includes(bad));
    assert.equal(twin().log.all().length, 0);
  });
});
