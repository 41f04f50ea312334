/** What every run of the suite must show: the documented targets, all five check families, nothing failed or skipped. */
import assert from 'node:assert/strict';
import type { Summary } from '../../../src/report/summary-reporter.ts';

/** Spelled out (not derived from the catalogue), so a target that silently disappears fails the test. */
export const TARGET_IDS = {
  uat: ['spotdraft-in-uat', 'spotdraft-us-uat', 'spotdraft-me-uat', 'spotdraft-eu-uat', 'spreetail-eu-uat', 'spotnana-global-uat'],
  prod: ['spotdraft-in-prod', 'spotdraft-us-prod', 'spotdraft-me-prod', 'spotdraft-eu-prod', 'spreetail-eu-prod', 'spotnana-global-prod'],
} as const;

export const FAMILIES = ['host', 'redirect', 'auth', 'token', 'schema'] as const;
/** Round trips create records: uat targets run them, prod targets never do (no CONTRACT_ALLOW_PROD_WRITES here). */
const UAT_ONLY_FAMILIES = ['flow'] as const;

/** The summary lists exactly these targets, each with checks of every family, all passed: no failure and no skip. */
export function assertCleanSummary(summary: Summary, expectedTargets: readonly string[]): void {
  assert.deepEqual(summary.targets.map((t) => t.target).sort(), [...expectedTargets].sort(), 'the summary lists exactly the expected targets');
  const problems: string[] = [];
  for (const target of summary.targets) {
    const families = new Set(target.checks.map((c) => c.family));
    for (const family of FAMILIES) if (!families.has(family)) problems.push(`${target.target}: no ${family} check`);
    const uat = target.target.endsWith('-uat');
    for (const family of UAT_ONLY_FAMILIES) {
      if (uat && !families.has(family)) problems.push(`${target.target}: no ${family} check`);
      if (!uat && families.has(family)) problems.push(`${target.target}: a ${family} check on prod`);
    }
    for (const check of target.checks) {
      // In twin mode and live-through-twin a skipped check is a defect: the twin can exercise every rule.
      if (check.status !== 'passed') problems.push(`${target.target}: ${check.id} ${check.status}${check.reason ? ` — ${check.reason}` : ''}`);
    }
  }
  assert.deepEqual(problems, [], `every target has all its families (flow on uat only) and every check passed:\n${problems.join('\n')}`);
  assert.equal(summary.totals.failed, 0, 'failed total');
  assert.equal(summary.totals.skipped, 0, 'skipped total');
  assert.ok(summary.totals.passed > 0, 'passed total');
}
