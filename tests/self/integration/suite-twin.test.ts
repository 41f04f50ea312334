/** `npm run contracts` with no profile runs all 12 targets against the embedded twin: every family, nothing failed, nothing skipped, a report. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { assertCleanSummary, TARGET_IDS } from '../helpers/expectations.ts';
import { cleanEnv, describeRun, readSummary, runContracts } from '../helpers/processes.ts';
import { tempDir } from '../helpers/profiles.ts';
import { precompiledDir, precompiledPath } from '../../../src/contracts/precompiled.ts';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import { readSessionStats } from '../../../src/report/session-stats.ts';
import { ROOT } from '../helpers/paths.ts';

const out = tempDir('contracts-suite-twin-');
after(() => out.remove());

test('twin mode: npm run contracts exits 0 with all 12 targets × 5 families passed, none skipped, and an Allure report', { timeout: 300_000 }, async () => {
  // Compiled validators are a cache: the run makes its own, one per provider document, before the workers start.
  rmSync(precompiledDir(ROOT), { recursive: true, force: true });
  const run = await runContracts(cleanEnv(), out.path);
  assert.equal(run.code, 0, describeRun(run));
  for (const { id } of PROVIDERS) {
    const text = readFileSync(join(ROOT, 'schemas', `${id}.json`), 'utf8');
    assert.ok(existsSync(precompiledPath(precompiledDir(ROOT), id, text)), `no precompiled validators for schemas/${id}.json`);
  }

  const summary = readSummary(out.path);
  assertCleanSummary(summary, [...TARGET_IDS.uat, ...TARGET_IDS.prod]);

  assert.match(run.stdout, /12 targets: \d+ passed, 0 failed, 0 skipped/, describeRun(run));
  const report = join(out.path, 'reports', 'allure-report', 'index.html');
  assert.ok(existsSync(report), `no Allure report at ${report}\n${describeRun(run)}`);
  assert.ok(run.stdout.includes(report), 'the run says where its report is');

  // Exactly one login per token target's worker, its recovery from a 401 included (header credentials never log in),
  // and no re-authentication in any check's own calls.
  const stats = readSessionStats(join(out.path, 'reports'));
  assert.ok(stats.length >= 12, `session stats for every target's workers (${stats.length})`);
  for (const s of stats) {
    // Every worker validated its provider's answers with the validators the runner compiled, none compiled its own.
    const provider = s.target.split('-')[0] ?? '';
    assert.deepEqual(s.validators, { [provider]: 'precompiled' }, `${s.target} worker ${s.workerIndex}: validators ${JSON.stringify(s.validators)}`);
    assert.equal(s.logins, s.target.startsWith('spotdraft-') ? 0 : 1, `${s.target} worker ${s.workerIndex}: ${s.logins} logins`);
    assert.equal(s.reauthentications, 0, `${s.target} worker ${s.workerIndex}: re-authenticated ${s.reauthentications} times`);
  }
  for (const target of ['spreetail-eu-uat', 'spreetail-eu-prod', 'spotnana-global-uat', 'spotnana-global-prod']) {
    assert.ok(stats.some((s) => s.target === target && s.logins === 1), `${target} logged in`);
  }
});
