/**
 * `npm run contracts`: validate the profile (exit 2 before any request), run the suite (twin mode unless
 * CONTRACT_ENV is set), generate the Allure report, and say where everything is. Extra arguments go to Playwright.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../src/config/config-error.ts';
import { loadProfile } from '../src/config/profile.ts';
import { refuseTracing, traceArgument } from '../src/config/trace-refusal.ts';
import type { Summary } from '../src/report/summary-reporter.ts';
import { checkTwinEnv } from '../twin/settings-env.ts';
import { allureCli, playwrightCli, run } from './run-playwright.ts';

const root = resolve(import.meta.dirname, '..');
const reportsDir = resolve(root, process.env.CONTRACT_REPORTS_DIR ?? 'reports');

function describeProfile(): string {
  try {
    refuseTracing(traceArgument(process.argv.slice(2)), 'command line', '--trace');
    const profile = loadProfile({ root });
    checkTwinEnv(process.env);
    const where = profile.mode === 'twin' ? 'the local twin' : `live ${profile.environments.join(', ')}`;
    return `${profile.targets.length} target(s) against ${where}: ${profile.targets.map((t) => t.target.id).join(', ')}`;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(ConfigError.EXIT_CODE);
    }
    throw error;
  }
}

function printSummary(): void {
  const file = resolve(reportsDir, 'summary.json');
  if (!existsSync(file)) return;
  const summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
  if (summary.setupError) console.log(`\nthe run could not start: ${summary.setupError}`);
  const { passed, failed, skipped } = summary.totals;
  console.log(`\n${summary.targets.length} targets: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  for (const target of summary.targets) {
    for (const check of target.checks.filter((c) => c.status === 'failed')) console.log(`  ✘ ${check.reason}`);
  }
}

console.log(`partner-api-contracts: ${describeProfile()}`);
for (const stale of ['allure-results', 'session-stats']) rmSync(resolve(reportsDir, stale), { recursive: true, force: true });
const testExit = await run(playwrightCli(), ['test', ...process.argv.slice(2)], { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' });
// A fresh report folder: Allure flattens its single plugin's output only into an empty one.
rmSync(resolve(reportsDir, 'allure-report'), { recursive: true, force: true });
const allureExit = await run(allureCli(), ['generate', resolve(reportsDir, 'allure-results'), '--output', resolve(reportsDir, 'allure-report'), '--config', resolve(root, 'allurerc.mjs')], process.env, true);
printSummary();
console.log(`summary: ${resolve(reportsDir, 'summary.json')}`);
if (allureExit === 0) console.log(`report:  ${resolve(reportsDir, 'allure-report', 'index.html')}`);
else console.error(`allure generate failed with exit code ${allureExit}`);
process.exit(testExit !== 0 ? testExit : allureExit);
