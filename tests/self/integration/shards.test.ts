/**
 * The nightly pipeline, simulated here: the suite (twin mode) as Playwright shards 1/3, 2/3, 3/3, each with its own
 * CONTRACT_REPORTS_DIR as on separate CI runners, merged by `npm run merge-reports` into one summary.json and one
 * Allure report, gives the same per-test results, summary and job-summary markdown as one unsharded run: no test
 * lost, none run twice. Also: what the merge refuses (a missing shard, overlapping shards).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TARGETS } from '../../../src/providers/catalogue.ts';
import type { Summary, SummaryCheck } from '../../../src/report/summary-reporter.ts';
import { generateReport, MergeError, mergeSummaries } from '../../../scripts/merge-reports.ts';
import { renderMarkdown } from '../../../scripts/summary-markdown.ts';
import { PLAYWRIGHT_CLI } from '../helpers/paths.ts';
import { cleanEnv, describeRun, runNode, runTsx, type RunResult } from '../helpers/processes.ts';
import { tempDir } from '../helpers/profiles.ts';
import { readNight } from '../../../src/report/night-reading.ts';

const SHARDS = 3;
/** Twin mode's targets in the order of an unsharded run: uat, then prod, each in the catalogue's order. */
const TARGET_IDS = ['uat', 'prod'].flatMap((environment) => TARGETS.filter((t) => t.environment === environment).map((t) => t.id));

const out = tempDir('contracts-shards-');
after(() => out.remove());

/** `playwright test …args` in twin mode, its reports in `<dir>/reports` (what `npm run contracts -- …args` runs). */
function runSuite(args: string[], dir: string, timeoutMs = 180_000): Promise<RunResult> {
  const env = cleanEnv({ CONTRACT_REPORTS_DIR: join(dir, 'reports'), CONTRACT_OUTPUT_DIR: join(dir, 'test-results') });
  return runNode([PLAYWRIGHT_CLI, 'test', ...args], env, timeoutMs);
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

/** `target  check-id  status`, one per check: what must be equal between the sharded and the unsharded run. */
function results(summary: Summary): string[] {
  return summary.targets.flatMap((t) => t.checks.map((c) => `${t.target}  ${c.id}  ${c.status}`)).sort();
}

interface AllureReportSummary {
  stats: { total: number; passed?: number; failed?: number; broken?: number; skipped?: number };
}
interface AllureTestResults {
  byId: Record<string, { name: string; status: string; environment: string }>;
}

/** The tests of a generated Allure report: `environment  name  status`, sorted (names repeat across targets). */
function reportTests(reportDir: string): string[] {
  const file = join(reportDir, 'test-results.json');
  assert.ok(existsSync(file), `no ${file}`);
  return Object.values(readJson<AllureTestResults>(file).byId).map((t) => `${t.environment}  ${t.name}  ${t.status}`).sort();
}

const resultFiles = (dir: string): string[] => readdirSync(dir).filter((f) => f.endsWith('-result.json'));

describe('shards 1/3, 2/3, 3/3 merged = one unsharded run', { timeout: 600_000 }, () => {
  const full = join(out.path, 'full');
  const shardDirs = Array.from({ length: SHARDS }, (_, i) => join(out.path, `shard-${i + 1}`));
  const merged = join(out.path, 'merged');
  const history = join(out.path, 'history', 'history.jsonl');
  const runs: { name: string; run: RunResult }[] = [];
  let mergeRun: RunResult;
  let fullSummary: Summary;
  let shardSummaries: Summary[];
  let mergedSummary: Summary;

  before(async () => {
    // One after another: two cores, and each run starts its own twin.
    runs.push({ name: 'unsharded', run: await runSuite([], full) });
    for (const [i, dir] of shardDirs.entries()) runs.push({ name: `shard ${i + 1}/${SHARDS}`, run: await runSuite([`--shard=${i + 1}/${SHARDS}`], dir) });
    for (const { name, run } of runs) assert.equal(run.code, 0, `${name}: ${describeRun(run)}`);
    const env = cleanEnv();
    mergeRun = await runTsx(['scripts/merge-reports.ts', '--into', merged, '--shards', String(SHARDS), '--history', history, ...shardDirs.map((d) => join(d, 'reports'))], env, 90_000);
    assert.equal(mergeRun.code, 0, `merge: ${describeRun(mergeRun)}`);
    // The unsharded run's report, generated the same way (the nightly's report job), for comparison.
    assert.equal(await generateReport(join(full, 'reports', 'allure-results'), join(full, 'reports', 'allure-report'), join(out.path, 'history-full.jsonl')), 0);
    fullSummary = readJson<Summary>(join(full, 'reports', 'summary.json'));
    shardSummaries = shardDirs.map((d) => readJson<Summary>(join(d, 'reports', 'summary.json')));
    mergedSummary = readJson<Summary>(join(merged, 'summary.json'));
  });

  test('every shard ran a part of the suite, and no check ran in two shards', (t) => {
    t.diagnostic(`runs: ${runs.map(({ name, run }) => `${name} ${(run.durationMs / 1000).toFixed(1)} s`).join(', ')}; merge ${(mergeRun.durationMs / 1000).toFixed(1)} s`);
    const seen = new Map<string, number>();
    shardSummaries.forEach((summary, i) => {
      const checks = results(summary);
      assert.ok(checks.length > 0, `shard ${i + 1} ran no check`);
      for (const line of checks) {
        const key = line.split('  ').slice(0, 2).join('  ');
        assert.equal(seen.get(key), undefined, `${key} ran in shard ${seen.get(key)} and shard ${i + 1}`);
        seen.set(key, i + 1);
      }
    });
  });

  test('the shards together ran exactly the unsharded run\'s checks, with the same status each (none lost, none twice)', () => {
    const unsharded = results(fullSummary);
    assert.deepEqual(shardSummaries.flatMap(results).sort(), unsharded);
    assert.deepEqual(results(mergedSummary), unsharded);
    assert.deepEqual(mergedSummary.totals, fullSummary.totals);
    assert.equal(mergedSummary.status, fullSummary.status);
  });

  test('the merged summary lists the targets in the unsharded order, each with the same checks', () => {
    assert.deepEqual(mergedSummary.targets.map((t) => t.target), fullSummary.targets.map((t) => t.target));
    assert.equal(TARGET_IDS.length, 12);
    assert.deepEqual(mergedSummary.targets.map((t) => t.target), TARGET_IDS);
    // Timings differ from run to run: everything else must be the same.
    const strip = ({ durationMs: _d, latencyMs: _l, degraded: _g, ...rest }: SummaryCheck) => rest;
    for (const target of fullSummary.targets) {
      const other = mergedSummary.targets.find((t) => t.target === target.target);
      assert.ok(other, target.target);
      const byId = (a: SummaryCheck, b: SummaryCheck) => a.id.localeCompare(b.id);
      assert.deepEqual([...other.checks].sort(byId).map(strip), [...target.checks].sort(byId).map(strip), target.target);
    }
  });

  test('the merged allure-results hold exactly as many results as the unsharded run, and the merged report as many tests', () => {
    const checks = fullSummary.totals.passed + fullSummary.totals.failed + fullSummary.totals.skipped;
    const unshardedResults = resultFiles(join(full, 'reports', 'allure-results')).length;
    const shardResults = shardDirs.map((d) => resultFiles(join(d, 'reports', 'allure-results')).length);
    assert.equal(unshardedResults, checks, 'one Allure result per check');
    assert.equal(shardResults.reduce((a, b) => a + b, 0), unshardedResults, `shards: ${shardResults.join(' + ')}`);
    assert.equal(resultFiles(join(merged, 'allure-results')).length, unshardedResults);

    const mergedReport = readJson<AllureReportSummary>(join(merged, 'allure-report', 'summary.json'));
    const fullReport = readJson<AllureReportSummary>(join(full, 'reports', 'allure-report', 'summary.json'));
    assert.equal(mergedReport.stats.total, fullReport.stats.total);
    assert.equal(mergedReport.stats.total, checks);
    assert.deepEqual(reportTests(join(merged, 'allure-report')), reportTests(join(full, 'reports', 'allure-report')));
    assert.ok(existsSync(join(merged, 'allure-report', 'index.html')), 'the merged report has its page');
    assert.ok(existsSync(history), 'the history went to the file named by --history (not the working tree\'s reports/)');
    assert.match(mergeRun.stdout, new RegExp(`merged ${SHARDS} shard\\(s\\): 12 targets, ${checks} checks, ${checks} Allure results`));
  });

  test('the job summary markdown of the merged run is the unsharded run\'s, and the CLI writes it to $GITHUB_STEP_SUMMARY', async () => {
    const title = 'Nightly contracts · twin';
    // Latency differs from run to run: the rest of the markdown is the same.
    const timeless = (markdown: string) => markdown.replace(/<details><summary>Latency per target[\s\S]*?<\/details>\n/, '');
    assert.equal(timeless(renderMarkdown(mergedSummary, { title })), timeless(renderMarkdown(fullSummary, { title })));
    const stepSummary = out.write('step-summary.md', '');
    const env = cleanEnv({ GITHUB_STEP_SUMMARY: stepSummary });
    const run = await runTsx(['scripts/summary-markdown.ts', '--title', title, join(merged, 'summary.json')], env, 30_000);
    assert.equal(run.code, 0, describeRun(run));
    const markdown = readFileSync(stepSummary, 'utf8');
    assert.ok(markdown.includes(`### ${title} — `), markdown);
    assert.ok(markdown.includes('| target | host | redirect | auth | token | schema |'), markdown);
    for (const target of TARGET_IDS) assert.match(markdown, new RegExp(`^\\| \`${target}\` \\| ✅ \\d+ \\|`, 'm'), target);
  });
});

describe('what the merge refuses', () => {
  const summary = (target: string, ids: string[], status = 'passed'): Summary => readNight({ generatedAt: '2026-01-01T00:00:00.000Z', status }, [
    { target, provider: 'spotdraft', region: 'us', environment: 'uat', checks: ids.map((id) => ({ id, title: id, family: id.split('.')[0] ?? '', status: 'passed', durationMs: 1 })) },
  ], { knownIssues: [], history: [] });

  test('a check reported by two shards is an error naming it', () => {
    assert.throws(() => mergeSummaries([summary('spotdraft-us-uat', ['host.tls', 'auth.both']), summary('spotdraft-us-uat', ['auth.both'])]), (error: unknown) => {
      assert.ok(error instanceof MergeError);
      assert.match(error.message, /spotdraft-us-uat: auth\.both \(in shard 1 and shard 2\)/);
      return true;
    });
  });

  test('one target split over shards is one target; the worst run status wins', () => {
    const merged = mergeSummaries([summary('spotdraft-us-uat', ['host.tls']), summary('spotdraft-us-uat', ['auth.both'], 'timedout'), summary('spotdraft-in-uat', ['host.tls'])]);
    assert.deepEqual(merged.targets.map((t) => [t.target, t.checks.map((c) => c.id)]), [['spotdraft-in-uat', ['host.tls']], ['spotdraft-us-uat', ['host.tls', 'auth.both']]]);
    assert.equal(merged.status, 'timedout');
    assert.deepEqual(merged.totals, { passed: 3, failed: 0, known: 0, skipped: 0, degraded: 0 });
  });

  test('the CLI exits 2 when a shard is missing, has no summary, or overlaps another', async () => {
    const a = out.write('refuse/a/summary.json', JSON.stringify(summary('spotdraft-us-uat', ['host.tls'])));
    out.write('refuse/b/summary.json', JSON.stringify(summary('spotdraft-us-uat', ['host.tls'])));
    const dirA = join(a, '..');
    const dirB = join(out.path, 'refuse', 'b');
    const env = cleanEnv();
    const into = join(out.path, 'refuse', 'into');
    const cases: [string[], RegExp][] = [
      [['--shards', '3', dirA], /expected 3 shard folder\(s\), got 1/],
      [[dirA, join(out.path, 'refuse', 'empty')], /no summary\.json in .*empty/],
      [[dirA, dirB], /reported by more than one shard/],
    ];
    for (const [args, message] of cases) {
      const run = await runTsx(['scripts/merge-reports.ts', '--into', into, '--no-report', ...args], env, 30_000);
      assert.equal(run.code, 2, describeRun(run));
      assert.match(run.stderr, message);
    }
  });
});
