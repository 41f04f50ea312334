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

import { knownIssuesFile, loadKnownIssues } from '../src/report/known-issues.ts';
import { exitCodeOf } from '../src/report/night-reading.ts';
import { failureLines, totalsLine } from '../src/report/run-lines.ts';
import { negativeAuthLine } from '../src/report/negative-auth-count.ts';
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
  console.log(`\n${totalsLine(summary)}`);
  for (const line of failureLines(summary)) console.log(line);
}

/** Each target's deliberately failing authentication attempts (src/auth/negative-auth-budget.ts), after the totals. */
function printNegativeAuth(summary: Summary | undefined): void {
  const line = summary && negativeAuthLine(summary.targets, profile.prodNegativeAuthLimit, profile.mode === 'live' && profile.environments.includes('prod'));
  if (line) console.log(line);
}

function readSummary(): Summary | undefined {
  const file = resolve(reportsDir, 'summary.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Summary) : undefined;
}

const profile = loadRun();
const where = profile.mode === 'twin' ? 'the local twin' : `live ${profile.environments.join(', ')}`;
console.log(`partner-api-contracts: ${profile.targets.length} target(s) against ${where}: ${profile.targets.map((t) => t.target.id).join(', ')}`);

const selection = readSelection(playwrightArgs);
if (filtersChecks(selection)) {
  const selected = await countSelected(playwrightArgs);
  if ('error' in selected) exitWith(new ConfigError('command line', describeSelection(selection), `— ${selected.error}`));
  if (selected.count === 0) exitWith(new ConfigError('command line', describeSelection(selection), 'selects no check: nothing would run'));
}

const testExit = await run(playwrightCli(), ['test', ...playwrightArgs], { ...env, FORCE_COLOR: env.FORCE_COLOR ?? '0' });
const allureExit = await run(allureCli(), ['generate', resolve(reportsDir, 'allure-results'), '--output', resolve(reportsDir, 'allure-report'), '--config', resolve(root, 'allurerc.mjs')], env, true);
const summary = readSummary();
printSummary(summary);
printNegativeAuth(summary);
console.log(`summary: ${resolve(reportsDir, 'summary.json')}`);
if (allureExit === 0) console.log(`report:  ${resolve(reportsDir, 'allure-report', 'index.html')}`);
else console.error(`allure generate failed with exit code ${allureExit}`);
process.exit(testExit !== 0 ? testExit : allureExit);
