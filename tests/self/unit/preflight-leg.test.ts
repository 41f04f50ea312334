/** The fault matrix's preflight leg judges a webhook fault caught only when its own target's column is the one failing cell. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PreflightReport } from '../../../src/report/preflight-reporter.ts';
import { FAULTS } from '../../../twin/faults/catalogue.ts';
import { judgePreflight, tableFailures, type PreflightRun } from '../../../scripts/preflight-leg.ts';

const fault = FAULTS.find((f) => f.name === 'spotnana-prod-subscription-on-uat-receiver');
const column = 'webhook subscriptions';
const reason = '[configuration] spotnana-global-prod: every active webhook subscription … — expected …, got …';

function table(prod: string, uat: string): string {
  return `preflight: 2 target(s) of the twin, read-only\n\ntarget                clock  webhook secret  webhook subscriptions\nspotnana-global-uat   pass   n/a             ${uat}\nspotnana-global-prod  pass   n/a             ${prod}\n\n  FAIL …\n`;
}

function run(prod: 'pass' | 'fail', uat: 'pass' | 'fail'): PreflightRun {
  const check = (status: 'pass' | 'fail', target: string) => ({ id: 'preflight.webhook-subscriptions', column, status, ...(status === 'fail' ? { reason: reason.replace('spotnana-global-prod', target) } : {}) });
  const report: PreflightReport = {
    generatedAt: '',
    targets: [
      { target: 'spotnana-global-uat', negativeAuthAttempts: 0, checks: [check(uat, 'spotnana-global-uat')] },
      { target: 'spotnana-global-prod', negativeAuthAttempts: 0, checks: [check(prod, 'spotnana-global-prod')] },
    ],
  };
  const cell = (s: string) => (s === 'fail' ? 'FAIL' : 'pass');
  return { name: 'x', exitCode: prod === 'fail' || uat === 'fail' ? 1 : 0, durationMs: 1, report, tableFailures: tableFailures(table(cell(prod), cell(uat))), log: '' };
}

describe('the preflight leg of the fault matrix', () => {
  test('reads FAIL cells from the printed table, columns with spaces in their names included', () => {
    assert.deepEqual(tableFailures(table('FAIL', 'pass')), ['spotnana-global-prod webhook subscriptions']);
  });

  test('caught: only its target\'s column fails; not-only-its-column: another target fails too; missed: nothing fails', () => {
    assert.ok(fault);
    assert.equal(judgePreflight(fault, run('fail', 'pass')).verdict, 'caught');
    assert.deepEqual(judgePreflight(fault, run('fail', 'pass')).catchers, ['preflight.webhook-subscriptions']);
    assert.equal(judgePreflight(fault, run('fail', 'fail')).verdict, 'not-only-its-column');
    assert.equal(judgePreflight(fault, run('pass', 'pass')).verdict, 'missed');
    assert.equal(judgePreflight(fault, run('pass', 'fail')).verdict, 'missed');
  });
});
