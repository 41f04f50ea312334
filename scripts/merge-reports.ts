/**
 * `npm run merge-reports -- --into reports [--shards N] [--no-report] [--history FILE] [--history-limit N] <shard dir>…`
 *
 * Merges the reports of Playwright shards (`npm run contracts -- --shard=i/N`, each with its own CONTRACT_REPORTS_DIR)
 * into one: the shards' summary.json files into <into>/summary.json (union per target; a check reported by two
 * shards is an error), their allure-results folders into <into>/allure-results, then `allure generate` with the
 * project's allurerc.mjs into <into>/allure-report, appending to the history file (default reports/history.jsonl).
 *
 * Exit codes, as `npm run contracts`: 0 every check passed or failed as a known issue, 1 a check failed otherwise (or
 * a known issue expired, or the report could not be generated),
 * 2 the shards cannot be merged (a shard missing, a check run twice, an unreadable summary).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { knownIssuesFile, loadKnownIssues } from '../src/report/known-issues.ts';
import { exitCodeOf, readNight, type NightContext } from '../src/report/night-reading.ts';
import { readNights } from '../src/report/nights.ts';
import type { Summary, SummaryTarget } from '../src/report/summary-reporter.ts';
import { failureLines, totalsLine } from '../src/report/run-lines.ts';
import { byTargetOrder } from '../src/report/target-order.ts';
import { allureCli, run } from './run-playwright.ts';

const root = resolve(import.meta.dirname, '..');

export class MergeError extends Error {
  static readonly EXIT_CODE = 2;
}

/** Playwright's run statuses, worst first: the merged run has the worst status of its shards. */
const STATUS_ORDER = ['interrupted', 'timedout', 'failed', 'passed'];

/**
 * One summary from the shards' summaries, read against the nights before (`context`). `labels` name the shards in
 * error messages.
 */
export function mergeSummaries(
  summaries: readonly Summary[],
  labels: readonly string[] = summaries.map((_, i) => `shard ${i + 1}`),
  context: NightContext = { knownIssues: [], history: [] },
): Summary {
  const byTarget = new Map<string, SummaryTarget>();
  const seen = new Map<string, string>();
  const duplicates: string[] = [];
  summaries.forEach((summary, i) => {
    const label = labels[i] ?? `shard ${i + 1}`;
    for (const target of summary.targets) {
      let merged = byTarget.get(target.target);
      if (!merged) {
        merged = { ...target, negativeAuthAttempts: 0, checks: [] };
        byTarget.set(target.target, merged);
      }
      // Each shard spent from its own share of the target's failing-authentication budget: the run spent their sum.
      merged.negativeAuthAttempts = (merged.negativeAuthAttempts ?? 0) + (target.negativeAuthAttempts ?? 0);
      for (const check of target.checks) {
        const key = `${target.target} ${check.id}`;
        const first = seen.get(key);
        if (first !== undefined) {
          duplicates.push(`${target.target}: ${check.id} (in ${first} and ${label})`);
          continue;
        }
        seen.set(key, label);
        merged.checks.push(check);
      }
    }
  });
  if (duplicates.length > 0) {
    throw new MergeError(`${duplicates.length} check(s) reported by more than one shard — the shards overlap:\n  ${duplicates.join('\n  ')}`);
  }
  const targets = [...byTarget.values()].sort((a, b) => byTargetOrder(a.target, b.target));
  const statuses = summaries.map((s) => s.status);
  const setupError = summaries.find((s) => s.setupError)?.setupError;
  const status = setupError ? 'setup-failed' : STATUS_ORDER.find((s) => statuses.includes(s)) ?? statuses.find((s) => s !== 'passed') ?? 'passed';
  const generatedAt = summaries.map((s) => s.generatedAt).sort().at(-1) ?? new Date().toISOString();
  return readNight({ generatedAt, status, ...(setupError ? { setupError } : {}) }, targets, context);
}

/**
 * Copies every file of each allure-results folder into one. Result, container and attachment files are named by
 * UUID: the same name with other content is an error. Shared files (environment.properties) are kept once, the first.
 */
export function mergeAllureResults(sources: readonly string[], into: string): { files: number; results: number } {
  rmSync(into, { recursive: true, force: true });
  mkdirSync(into, { recursive: true });
  let files = 0;
  for (const source of sources) {
    if (!existsSync(source)) continue;
    for (const entry of readdirSync(source, { withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const from = join(source, entry.name);
      const to = join(into, entry.name);
      if (existsSync(to)) {
        if (readFileSync(from).equals(readFileSync(to))) continue;
        if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-/.test(entry.name)) {
          throw new MergeError(`${entry.name} is in two shards' allure-results with different content (${from})`);
        }
        // Shards' environment.properties differ only in their start time: the first shard's is kept.
        if (entry.name !== 'environment.properties') console.warn(`merge-reports: ${entry.name} differs between shards; keeping the first (${to})`);
        continue;
      }
      copyFileSync(from, to);
      files += 1;
    }
  }
  const results = readdirSync(into).filter((name) => name.endsWith('-result.json')).length;
  return { files, results };
}

/** `allure generate` over the merged results with the project's allurerc.mjs; the history goes to `historyFile`. */
export async function generateReport(resultsDir: string, outputDir: string, historyFile: string, historyLimit?: number): Promise<number> {
  // The project's config names ./reports/history.jsonl (relative to the working directory): a thin wrapper points
  // the same config at the history file of this merge, so a local merge never touches the developer's history.
  const wrapperDir = mkdtempSync(join(tmpdir(), 'merge-reports-'));
  const wrapper = join(wrapperDir, 'allurerc.mjs');
  writeFileSync(wrapper, [
    `import base from ${JSON.stringify(pathToFileURL(join(root, 'allurerc.mjs')).href)};`,
    `export default { ...base, historyPath: ${JSON.stringify(historyFile)} };`,
    '',
  ].join('\n'));
  mkdirSync(resolve(historyFile, '..'), { recursive: true });
  // A fresh report folder: Allure flattens its single plugin's output only into an empty one.
  rmSync(outputDir, { recursive: true, force: true });
  const args = ['generate', resultsDir, '--output', outputDir, '--config', wrapper];
  if (historyLimit !== undefined) args.push('--history-limit', String(historyLimit));
  try {
    return await run(allureCli(), args, process.env, true);
  } finally {
    rmSync(wrapperDir, { recursive: true, force: true });
  }
}

function readShardSummary(dir: string): Summary {
  const file = join(dir, 'summary.json');
  try {
    const summary = JSON.parse(readFileSync(file, 'utf8')) as Summary;
    if (!Array.isArray(summary.targets)) throw new Error('no targets');
    return summary;
  } catch (error) {
    throw new MergeError(`${file} cannot be read as a summary (${(error as Error).message})`);
  }
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      into: { type: 'string', default: process.env.CONTRACT_REPORTS_DIR ?? 'reports' },
      shards: { type: 'string' },
      'no-report': { type: 'boolean', default: false },
      history: { type: 'string', default: 'reports/history.jsonl' },
      'history-limit': { type: 'string' },
    },
  });
  const into = resolve(values.into);
  const dirs = positionals.map((p) => resolve(p));
  const missing = dirs.filter((d) => !existsSync(join(d, 'summary.json')));
  if (missing.length > 0) throw new MergeError(`no summary.json in ${missing.join(', ')}: that shard stopped before the suite reported (see its job log)`);
  if (values.shards !== undefined && dirs.length !== Number(values.shards)) {
    throw new MergeError(`expected ${values.shards} shard folder(s), got ${dirs.length}${dirs.length ? ` (${dirs.join(', ')})` : ''}: a shard produced no report (see its job log)`);
  }
  if (dirs.length === 0) throw new MergeError('no shard folder given');
  if (dirs.some((d) => d === into)) throw new MergeError(`--into ${into} is also a shard folder`);

  // The history holds the nights before this one: Allure appends tonight when it generates the report, below.
  const summary = mergeSummaries(dirs.map(readShardSummary), dirs, {
    knownIssues: loadKnownIssues(knownIssuesFile(root), root), history: readNights(resolve(values.history)),
  });
  mkdirSync(into, { recursive: true });
  writeFileSync(join(into, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const resultsDir = join(into, 'allure-results');
  const copied = mergeAllureResults(dirs.map((d) => join(d, 'allure-results')), resultsDir);
  const checks = summary.totals.passed + summary.totals.failed + summary.totals.known + summary.totals.skipped;
  console.log(`merged ${dirs.length} shard(s): ${summary.targets.length} targets, ${checks} checks, ${copied.results} Allure results`);
  console.log(totalsLine(summary));
  for (const line of failureLines(summary)) console.log(line);
  console.log(`summary: ${join(into, 'summary.json')}`);

  let reportExit = 0;
  if (!values['no-report']) {
    const limit = values['history-limit'] === undefined ? undefined : Number(values['history-limit']);
    reportExit = await generateReport(resultsDir, join(into, 'allure-report'), resolve(values.history), limit);
    if (reportExit === 0) console.log(`report:  ${join(into, 'allure-report', 'index.html')}`);
    else console.error(`allure generate failed with exit code ${reportExit}`);
  }
  if (exitCodeOf(summary) !== 0) return 1;
  return reportExit === 0 ? 0 : 1;
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(import.meta.filename)) {
  try {
    process.exit(await main());
  } catch (error) {
    if (error instanceof MergeError) {
      console.error(`[merge] ${error.message}`);
      process.exit(MergeError.EXIT_CODE);
    }
    throw error;
  }
}
