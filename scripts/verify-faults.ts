/**
 * `npm run verify:faults`: the detection matrix. Runs the suite against the conformant twin (all targets, must be
 * all green), then against each fault of twin/faults/catalogue.ts on the fault's one target (every family, one
 * worker, two runs at a time: each run starts its own twin on a free port, so runs are independent), and checks
 * that each fault is caught by a failing check of its expected family and category, and by the checks designed
 * to catch it. It also asks, for every check of the conformant run, which faults it alone catches: a check that
 * is the only catcher of none is dead weight. Writes reports/fault-matrix.{json,md}, prints the table, and ends
 * with the line `faults caught N/N`. Exit 1 when a fault is not caught, the conformant run is not all green, or an
 * unacknowledged check is dead weight.
 *
 * Verdicts: caught (a failing check of the expected family and category, among them every expected check, failing
 * at the expected step for a round trip's fault), caught-by-other-checks (caught, but not by the check designed for
 * it, or not at its step: by accident), caught-wrong-category (a
 * check of the family failed, with another category), missed (nothing of the family failed), run-error (no summary).
 *
 * Options: --only a,b (run only these faults; no dead-weight verdict), --jobs N (parallel fault runs, default 2),
 * --skip-conformant (while developing a fault: the matrix then never passes).
 *
 * Faults of family `preflight` (caught only by the pre-release preflight) take the preflight leg instead
 * (scripts/preflight-leg.ts): a conformant preflight of the whole twin, then one preflight per fault over its
 * provider and region, caught when exactly its target's column fails (verdict not-only-its-column otherwise). With
 * --only, each conformant run happens only when a selected fault needs it.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseOptions } from './command-line.ts';
import { runLogged } from './logged-run.ts';
import type { Summary } from '../src/report/summary-reporter.ts';
import { FAULTS, type FaultSpec } from '../twin/faults/catalogue.ts';
import { conformantPreflightProblems, judgePreflight, preflightArgs, runPreflight, type FailedCheck, type PreflightRun } from './preflight-leg.ts';

const ROOT = resolve(import.meta.dirname, '..');
const PLAYWRIGHT_CLI = createRequire(import.meta.url).resolve('@playwright/test/cli');
const REPORTS = join(ROOT, 'reports');
const RUNS_DIR = join(REPORTS, 'fault-runs');
const OUTPUT_DIR = join(ROOT, 'test-results', 'fault-runs');
const CONFORMANT = 'conformant';

/**
 * Checks that no fault can make the only catcher while src/checks keeps its present shape, with the reason and the
 * change to src/checks that would fix it. They are reported, but do not fail the matrix. Remove an entry once the
 * matrix reports the check as the only catcher of a fault (verify:faults says so).
 */
/** Checks allowed to be no fault's only catcher, with the reason. Empty: every check is the only catcher of some fault. */
export const ACKNOWLEDGED_DEAD_WEIGHT: Record<string, string> = {};

type Verdict = 'caught' | 'caught-by-other-checks' | 'caught-wrong-category' | 'not-only-its-column' | 'missed' | 'run-error';

interface RunOutcome {
  name: string;
  exitCode: number;
  durationMs: number;
  summary?: Summary;
  log: string;
}

export interface FaultRow extends FaultSpec {
  verdict: Verdict;
  /** Failing checks of the expected family and category (check keys). */
  catchers: string[];
  /** Every family with a failing check, whatever the category. */
  failingFamilies: string[];
  failed: FailedCheck[];
  missingExpected: string[];
  exitCode: number;
  durationMs: number;
}

export interface CheckRow {
  check: string;
  /** Faults this check alone catches (no other check of the fault's family fails with its category). */
  onlyCatcherOf: string[];
  /** Faults it catches together with other checks. */
  alsoCatches: string[];
}

export interface Matrix {
  generatedAt: string;
  durationMs: number;
  /** CPU seconds the runs used (Linux), independent of other load on the machine. */
  cpuSeconds?: number;
  conformant: { exitCode: number; durationMs: number; totals?: Summary['totals']; targets: number; problems: string[] };
  /** The preflight of the whole conformant twin, when a preflight fault was selected. */
  conformantPreflight?: { exitCode: number; durationMs: number; problems: string[] };
  faults: FaultRow[];
  checks: CheckRow[];
  deadWeight: { check: string; acknowledged: boolean; reason?: string }[];
  caught: number;
  total: number;
  /** Faults caught by failing checks of more than one family. */
  multiFamily: string[];
  ok: boolean;
}

function childEnv(name: string, faults: string, workers: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Each run is twin mode with a twin of its own: nothing inherited may point it at another twin or profile.
  for (const key of ['CONTRACT_ENV', 'CONTRACT_TWIN_PROXY', 'CONTRACT_TWIN_ADMIN_URL', 'CONTRACT_TWIN_LOG', 'TWIN_FAULTS', 'CONTRACT_WORKERS', 'NODE_TEST_CONTEXT']) {
    delete env[key];
  }
  return {
    ...env,
    CI: env.CI ?? '1',
    FORCE_COLOR: '0',
    TWIN_FAULTS: faults,
    CONTRACT_REPORTS_DIR: join(RUNS_DIR, name),
    CONTRACT_OUTPUT_DIR: join(OUTPUT_DIR, name),
    ...(workers ? { CONTRACT_WORKERS: workers } : {}),
  };
}

/** One run; a run that wrote no summary (the runner died: not a verdict) is repeated once. */
async function runSuite(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunOutcome> {
  const first = await runSuiteOnce(name, args, env);
  if (first.summary) return first;
  process.stderr.write(`  ${name}: no summary (exit ${first.exitCode}), running it again\n`);
  const second = await runSuiteOnce(name, args, env);
  return { ...second, durationMs: first.durationMs + second.durationMs };
}

async function runSuiteOnce(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<RunOutcome> {
  const dir = join(RUNS_DIR, name);
  const run = await runLogged(dir, [PLAYWRIGHT_CLI, 'test', ...args], { cwd: ROOT, env });
  const file = join(dir, 'summary.json');
  const summary = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Summary) : undefined;
  return { name, exitCode: run.exitCode, durationMs: run.durationMs, ...(summary ? { summary } : {}), log: run.log };
}

/** Runs the jobs, at most `limit` at a time. */
async function pool<T>(items: readonly T[], limit: number, job: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await job(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

function failedChecks(summary: Summary | undefined): FailedCheck[] {
  return (summary?.targets ?? []).flatMap((t) => t.checks
    .filter((c) => c.status === 'failed')
    .map((c) => ({ target: t.target, provider: t.provider, id: c.id, family: c.family, category: c.category ?? 'unknown', reason: c.reason ?? '' })));
}

/**
 * A check is its id, except where two providers' different checks share an id (their titles differ: e.g.
 * schema.users.list is one schema check per provider); those are told apart by provider.
 */
function checkKeys(conformant: Summary | undefined): { keyOf(id: string, provider: string): string; all: string[] } {
  const titles = new Map<string, Set<string>>();
  const providers = new Map<string, Set<string>>();
  for (const t of conformant?.targets ?? []) {
    for (const c of t.checks) {
      titles.set(c.id, (titles.get(c.id) ?? new Set()).add(c.title));
      providers.set(c.id, (providers.get(c.id) ?? new Set()).add(t.provider));
    }
  }
  const keyOf = (id: string, provider: string) => ((titles.get(id)?.size ?? 0) > 1 ? `${id} (${provider})` : id);
  const all = [...providers.entries()].flatMap(([id, ps]) => [...ps].map((p) => keyOf(id, p)));
  return { keyOf, all: [...new Set(all)] };
}

function judge(fault: FaultSpec, run: RunOutcome, keyOf: (id: string, provider: string) => string): FaultRow {
  const failed = failedChecks(run.summary);
  const catchers = [...new Set(failed.filter((f) => f.family === fault.family && f.category === fault.category).map((f) => keyOf(f.id, f.provider)))];
  const caughtIds = new Set(failed.filter((f) => f.family === fault.family && f.category === fault.category).map((f) => f.id));
  const atStep = (id: string) => fault.expectedStep === undefined
    || failed.some((f) => f.id === id && f.family === fault.family && f.category === fault.category && f.reason.includes(`step "${fault.expectedStep}.`));
  const missingExpected = [
    ...(fault.expectedChecks ?? []).filter((id) => !caughtIds.has(id)),
    ...(fault.expectedChecks ?? []).filter((id) => caughtIds.has(id) && !atStep(id)).map((id) => `${id} at step ${fault.expectedStep}`),
  ];
  let verdict: Verdict;
  if (!run.summary) verdict = 'run-error';
  else if (run.exitCode === 0 || failed.length === 0) verdict = 'missed';
  else if (catchers.length === 0) verdict = failed.some((f) => f.family === fault.family) ? 'caught-wrong-category' : 'missed';
  else verdict = missingExpected.length > 0 ? 'caught-by-other-checks' : 'caught';
  return {
    ...fault, verdict, catchers, missingExpected, failed,
    failingFamilies: [...new Set(failed.map((f) => f.family))],
    exitCode: run.exitCode, durationMs: run.durationMs,
  };
}

function conformantProblems(run: RunOutcome): string[] {
  if (!run.summary) return [`the conformant run wrote no summary (exit ${run.exitCode}; log ${relative(ROOT, run.log)})`];
  const problems: string[] = [];
  for (const t of run.summary.targets) {
    for (const c of t.checks) {
      if (c.status === 'failed') problems.push(`failed: ${t.target} ${c.id} — ${c.reason ?? ''}`);
      if (c.status === 'skipped') problems.push(`skipped: ${t.target} ${c.id} — ${c.reason ?? ''}`);
    }
  }
  if (run.exitCode !== 0 && problems.length === 0) problems.push(`the conformant run exited ${run.exitCode} (log ${relative(ROOT, run.log)})`);
  return problems;
}

function previousDurations(): Map<string, number> {
  try {
    const last = JSON.parse(readFileSync(join(REPORTS, 'fault-matrix.json'), 'utf8')) as Pick<Matrix, 'faults'>;
    return new Map(last.faults.map((f) => [f.name, f.durationMs]));
  } catch {
    return new Map();
  }
}

/** CPU seconds of the finished child processes (and theirs), from /proc on Linux: a figure that load on the machine does not inflate. */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // After "pid (comm) ": state is field 3, so cutime (16) and cstime (17) sit at indexes 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');

export function renderMarkdown(m: Matrix): string {
  const lines: string[] = ['# Fault matrix', ''];
  const c = m.conformant;
  const contractRunSkipped = c.durationMs === 0 && c.exitCode === 0 && !c.totals;
  lines.push(contractRunSkipped
    ? 'Conformant twin: not run (no contract fault selected).'
    : `Conformant twin: ${c.targets} targets, ${c.totals ? `${c.totals.passed} passed, ${c.totals.failed} failed, ${c.totals.skipped} skipped` : 'no summary'} (${(c.durationMs / 1000).toFixed(0)} s).`);
  for (const p of c.problems) lines.push(`- ${cell(p)}`);
  if (m.conformantPreflight) {
    const pf = m.conformantPreflight;
    lines.push(`Conformant preflight: ${pf.problems.length === 0 ? 'no failing column' : `${pf.problems.length} problem(s)`} (${(pf.durationMs / 1000).toFixed(0)} s).`);
  }
  lines.push('', '| Fault | Target | Expected (family / category) | Caught by | Other families failing | Verdict |', '|---|---|---|---|---|---|');
  for (const f of m.faults) {
    const catchers = f.catchers.map((k) => (f.catchers.length === 1 ? `${k} (only)` : k)).join(', ') || '—';
    const missing = f.missingExpected.length > 0 ? ` — expected ${f.missingExpected.join(', ')} did not catch it` : '';
    const others = f.failingFamilies.filter((fam) => fam !== f.family).join(', ') || '—';
    lines.push(`| ${f.name} | ${f.target} | ${f.family} / ${f.category} | ${cell(catchers + missing)} | ${others} | ${f.verdict} |`);
  }
  if (m.checks.length > 0) {
    lines.push('', '| Check | Only catcher of | Also catches |', '|---|---|---|');
    for (const row of m.checks) lines.push(`| ${row.check} | ${row.onlyCatcherOf.join(', ') || '**none**'} | ${row.alsoCatches.join(', ') || '—'} |`);
  }
  lines.push('');
  if (m.deadWeight.length === 0 && m.checks.length > 0) lines.push('Dead weight: none — every check is the only catcher of at least one fault.');
  for (const d of m.deadWeight) {
    lines.push(`Dead weight: ${d.check}${d.acknowledged ? ` (acknowledged: ${d.reason})` : ' — not the only catcher of any fault'}`);
  }
  lines.push(`Caught by more than one family: ${m.multiFamily.join(', ') || 'none'}.`);
  lines.push(`Matrix time: ${(m.durationMs / 1000).toFixed(0)} s${m.cpuSeconds !== undefined ? ` (${m.cpuSeconds.toFixed(0)} CPU s)` : ''}.`);
  lines.push(`faults caught ${m.caught}/${m.total}`);
  return `${lines.join('\n')}\n`;
}

export async function verifyFaults(options: { only?: string[]; jobs?: number; skipConformant?: boolean } = {}): Promise<Matrix> {
  const started = Date.now();
  const unknown = (options.only ?? []).filter((name) => !FAULTS.some((f) => f.name === name));
  if (unknown.length > 0) throw new Error(`unknown fault(s): ${unknown.join(', ')}`);
  const selected: FaultSpec[] = options.only ? FAULTS.filter((f) => options.only?.includes(f.name)) : [...FAULTS];
  rmSync(RUNS_DIR, { recursive: true, force: true });
  rmSync(OUTPUT_DIR, { recursive: true, force: true });

  const needsContract = !options.only || selected.some((f) => f.family !== 'preflight');
  const needsPreflight = selected.some((f) => f.family === 'preflight');
  process.stderr.write(`verify:faults: conformant twin, all targets…\n`);
  const conformantRun = options.skipConformant || !needsContract
    ? { name: CONFORMANT, exitCode: needsContract ? 1 : 0, durationMs: 0, log: '' }
    : await runSuite(CONFORMANT, [], childEnv(CONFORMANT, '', undefined));
  const problems = options.skipConformant ? ['the conformant run was skipped (--skip-conformant)'] : needsContract ? conformantProblems(conformantRun) : [];
  let conformantPreflight: PreflightRun | undefined;
  if (needsPreflight && !options.skipConformant) {
    conformantPreflight = await runPreflight(ROOT, RUNS_DIR, `${CONFORMANT}-preflight`, [], childEnv(`${CONFORMANT}-preflight`, '', undefined));
    problems.push(...conformantPreflightProblems(conformantPreflight));
  }

  process.stderr.write(`verify:faults: ${selected.length} fault(s), ${options.jobs ?? 2} at a time…\n`);
  let done = 0;
  // Longest runs first (as the last matrix measured them), so the two lanes end together.
  const previous = previousDurations();
  const order = [...selected].sort((a, b) => (previous.get(b.name) ?? 0) - (previous.get(a.name) ?? 0));
  const byName = new Map<string, RunOutcome>();
  const preflightByName = new Map<string, PreflightRun>();
  await pool(order, options.jobs ?? 2, async (fault) => {
    // A preflight fault is switched on for its target only: every other target of the run must stay green.
    const run = fault.family === 'preflight'
      ? await runPreflight(ROOT, RUNS_DIR, fault.name, preflightArgs(fault), childEnv(fault.name, `${fault.name}@${fault.target}`, undefined))
      : await runSuite(fault.name, ['--project', fault.target], childEnv(fault.name, fault.name, '1'));
    if ('tableFailures' in run) preflightByName.set(fault.name, run);
    else byName.set(fault.name, run);
    done += 1;
    process.stderr.write(`  [${done}/${selected.length}] ${fault.name} (${(run.durationMs / 1000).toFixed(1)} s)\n`);
  });

  const { keyOf, all } = checkKeys(conformantRun.summary);
  const faults = selected.map((fault) => {
    const preflight = preflightByName.get(fault.name);
    if (!preflight) return judge(fault, byName.get(fault.name) as RunOutcome, keyOf);
    const judged = judgePreflight(fault, preflight);
    return {
      ...fault, ...judged, failingFamilies: [...new Set(judged.failed.map((f) => f.family))],
      exitCode: preflight.exitCode, durationMs: preflight.durationMs,
    };
  });
  const complete = !options.only;
  const checks: CheckRow[] = complete
    ? all.sort().map((check) => ({
        check,
        onlyCatcherOf: faults.filter((f) => f.catchers.length === 1 && f.catchers[0] === check).map((f) => f.name),
        alsoCatches: faults.filter((f) => f.catchers.length > 1 && f.catchers.includes(check)).map((f) => f.name),
      }))
    : [];
  const deadWeight = checks.filter((row) => row.onlyCatcherOf.length === 0).map((row) => {
    const reason = ACKNOWLEDGED_DEAD_WEIGHT[row.check];
    return reason ? { check: row.check, acknowledged: true, reason } : { check: row.check, acknowledged: false };
  });
  const caught = faults.filter((f) => f.verdict === 'caught').length;
  const cpu = childCpuSeconds();
  const matrix: Matrix = {
    generatedAt: new Date().toISOString(),
    durationMs: Date.now() - started,
    ...(cpu !== undefined ? { cpuSeconds: cpu } : {}),
    conformant: {
      exitCode: conformantRun.exitCode, durationMs: conformantRun.durationMs,
      ...(conformantRun.summary ? { totals: conformantRun.summary.totals } : {}),
      targets: conformantRun.summary?.targets.length ?? 0, problems,
    },
    ...(conformantPreflight ? { conformantPreflight: { exitCode: conformantPreflight.exitCode, durationMs: conformantPreflight.durationMs, problems: conformantPreflightProblems(conformantPreflight) } } : {}),
    faults,
    checks,
    deadWeight,
    caught,
    total: faults.length,
    multiFamily: faults.filter((f) => f.verdict === 'caught' && f.failingFamilies.length > 1).map((f) => `${f.name} (${f.failingFamilies.join(', ')})`),
    ok: caught === faults.length && problems.length === 0 && deadWeight.every((d) => d.acknowledged),
  };
  return matrix;
}

async function main(): Promise<void> {
  const values = parseOptions({ only: { type: 'string' }, jobs: { type: 'string', default: '2' }, 'skip-conformant': { type: 'boolean', default: false } });
  const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const matrix = await verifyFaults({ ...(only ? { only } : {}), jobs: Number(values.jobs), skipConformant: values['skip-conformant'] });
  const markdown = renderMarkdown(matrix);
  mkdirSync(REPORTS, { recursive: true });
  writeFileSync(join(REPORTS, 'fault-matrix.json'), `${JSON.stringify(matrix, null, 2)}\n`);
  writeFileSync(join(REPORTS, 'fault-matrix.md'), markdown);
  for (const d of matrix.deadWeight.filter((w) => !w.acknowledged)) process.stderr.write(`dead weight: ${d.check} is the only catcher of no fault\n`);
  for (const d of matrix.deadWeight.filter((w) => w.acknowledged)) process.stderr.write(`acknowledged dead weight: ${d.check} — ${d.reason}\n`);
  for (const row of matrix.checks.filter((r) => r.onlyCatcherOf.length > 0 && ACKNOWLEDGED_DEAD_WEIGHT[r.check])) {
    process.stderr.write(`note: ${row.check} is now the only catcher of ${row.onlyCatcherOf.join(', ')}: remove it from ACKNOWLEDGED_DEAD_WEIGHT\n`);
  }
  process.stdout.write(markdown);
  process.exitCode = matrix.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
