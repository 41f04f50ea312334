/**
 * `npm run contracts [-- --strict] [Playwright options]`: remove the previous run's results, validate the profile, the
 * known issues and the selection (exit 2 before any request), run the suite (twin mode unless CONTRACT_ENV is set),
 * generate the Allure report, and say where everything is. Other arguments go to Playwright. Exit 0 when every check
 * passed or failed as a known issue; 1 otherwise (see src/report/night-reading.ts); 2 on a configuration error.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../src/config/config-error.ts';
import { loadProfile, type Profile } from '../src/config/profile.ts';
import { describeSelection, filtersChecks, readSelection, selectionProblem } from '../src/config/selection.ts';
import { refuseTracing, traceArgument } from '../src/config/trace-refusal.ts';
import { knownIssuesFile, loadKnownIssues } from '../src/report/known-issues.ts';
import { exitCodeOf } from '../src/report/night-reading.ts';
import { failureLines, totalsLine } from '../src/report/run-lines.ts';
import { negativeAuthLine } from '../src/report/negative-auth-count.ts';
import type { Summary } from '../src/report/summary-reporter.ts';
import { checkTwinEnv } from '../twin/settings-env.ts';
import { allureCli, playwrightCli, playwrightEnv, run } from './run-playwright.ts';

const root = resolve(import.meta.dirname, '..');
const reportsDir = resolve(root, process.env.CONTRACT_REPORTS_DIR ?? 'reports');
const strict = process.argv.includes('--strict');
const playwrightArgs = process.argv.slice(2).filter((arg) => arg !== '--strict');
const env: NodeJS.ProcessEnv = { ...process.env, ...(strict ? { CONTRACT_STRICT: '1' } : {}) };

function exitWith(error: ConfigError): never {
  console.error(error.message);
  process.exit(ConfigError.EXIT_CODE);
}

// First, so that no summary, report or printed total can be an earlier run's (the history stays: it is the nights).
for (const stale of ['summary.json', 'allure-results', 'allure-report', 'session-stats']) rmSync(resolve(reportsDir, stale), { recursive: true, force: true });

function loadRun(): Profile {
  try {
    refuseTracing(traceArgument(playwrightArgs), 'command line', '--trace');
    const profile = loadProfile({ root, env });
    checkTwinEnv(env);
    loadKnownIssues(knownIssuesFile(root, env), root);
    const problem = selectionProblem(readSelection(playwrightArgs), profile.targets.map((t) => t.target.id));
    if (problem) exitWith(problem);
    return profile;
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error);
    throw error;
  }
}

/** How many checks Playwright would run with these arguments (its `--list`, output kept); a refusal is its first line. */
function countSelected(args: readonly string[]): Promise<{ count: number } | { error: string }> {
  return new Promise((resolveCount) => {
    const child = spawn(process.execPath, [playwrightCli(), 'test', '--list', '--reporter=json', ...args], { env: playwrightEnv({ ...env, FORCE_COLOR: '0' }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', () => {
      try {
        const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { suites?: unknown[] };
        const count = (suite: { specs?: { tests?: unknown[] }[]; suites?: unknown[] }): number =>
          (suite.specs ?? []).reduce((n, spec) => n + (spec.tests?.length ?? 0), 0) + (suite.suites ?? []).reduce<number>((n, s) => n + count(s as never), 0);
        resolveCount({ count: (report.suites ?? []).reduce<number>((n, s) => n + count(s as never), 0) });
      } catch {
        resolveCount({ error: (stderr || stdout).split('\n').find((line) => line.trim() !== '')?.replace(/^Error: /, '') ?? 'Playwright refused the arguments' });
      }
    });
  });
}

function printSummary(summary: Summary | undefined): void {
  if (!summary) return;
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
// Playwright fails a run whose only failures are known issues; the night's reading decides, when there is one.
const verdict = summary ? exitCodeOf(summary) : testExit || 1;
process.exit(verdict !== 0 ? verdict : allureExit);
