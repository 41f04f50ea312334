/**
 * The fault matrix's preflight leg: faults only the pre-release preflight catches (family `preflight`). Each runs
 * `scripts/preflight.ts` against a twin of its own with the fault on its one target, over every target of the fault's
 * provider and region (both environments), and is caught only when exactly its target's column fails — in the printed
 * table and in preflight.json alike — by its expected check, with its category.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreflightReport } from '../src/report/preflight-reporter.ts';
import { findTarget } from '../src/providers/catalogue.ts';
import type { FaultSpec } from '../twin/faults/catalogue.ts';
import { runLogged } from './logged-run.ts';

export interface PreflightRun {
  name: string;
  exitCode: number;
  durationMs: number;
  report?: PreflightReport;
  /** `<target> <column>` of every FAIL cell of the printed table. */
  tableFailures: string[];
  log: string;
}

/** A failed check of either leg of the matrix (the suite's or the preflight's), as the verdicts read it. */
export interface FailedCheck {
  target: string;
  provider: string;
  id: string;
  family: string;
  category: string;
  reason: string;
}

/** FAIL cells of the table scripts/preflight.ts prints (columns are separated by two spaces or more). */
export function tableFailures(stdout: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => /^target\s{2,}/.test(line));
  if (start < 0) return [];
  const columns = (lines[start] ?? '').trim().split(/\s{2,}/).slice(1);
  const failures: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const [target, ...cells] = line.trim().split(/\s{2,}/);
    cells.forEach((cell, i) => {
      if (cell === 'FAIL') failures.push(`${target} ${columns[i]}`);
    });
  }
  return failures;
}

export function preflightFailures(report: PreflightReport | undefined): FailedCheck[] {
  return (report?.targets ?? []).flatMap((t) => t.checks.filter((c) => c.status === 'fail').map((c) => ({
    target: t.target,
    provider: findTarget(t.target)?.provider.id ?? '',
    id: c.id,
    family: 'preflight',
    category: /^\[([a-z-]+)\]/.exec(c.reason ?? '')?.[1] ?? 'unknown',
    reason: c.reason ?? '',
  })));
}

/** The preflight's command line for a fault: every target of its provider and region. */
export function preflightArgs(fault: FaultSpec): string[] {
  const target = findTarget(fault.target);
  return target ? ['--provider', target.provider.id, '--region', target.region] : [];
}

export async function runPreflight(root: string, runsDir: string, name: string, args: string[], env: NodeJS.ProcessEnv): Promise<PreflightRun> {
  const dir = join(runsDir, name);
  const run = await runLogged(dir, ['--import', 'tsx', join(root, 'scripts', 'preflight.ts'), ...args], { cwd: root, env });
  const file = join(dir, 'preflight.json');
  const report = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PreflightReport) : undefined;
  return { name, exitCode: run.exitCode, durationMs: run.durationMs, ...(report ? { report } : {}), tableFailures: tableFailures(run.stdout), log: run.log };
}

/** What is wrong with the conformant preflight (every target of the twin): any failing cell, or no report. */
export function conformantPreflightProblems(run: PreflightRun): string[] {
  if (!run.report) return [`the conformant preflight wrote no preflight.json (exit ${run.exitCode}; log ${run.log})`];
  const problems = preflightFailures(run.report).map((f) => `preflight failed: ${f.target} ${f.id} — ${f.reason}`);
  if (run.exitCode !== 0 && problems.length === 0) problems.push(`the conformant preflight exited ${run.exitCode} (log ${run.log})`);
  return problems;
}

export type PreflightVerdict = 'caught' | 'caught-by-other-checks' | 'caught-wrong-category' | 'not-only-its-column' | 'missed' | 'run-error';

/** The verdict on one preflight fault, with its catchers and what else failed. */
export function judgePreflight(fault: FaultSpec, run: PreflightRun): { verdict: PreflightVerdict; catchers: string[]; missingExpected: string[]; failed: FailedCheck[] } {
  const failed = preflightFailures(run.report);
  const own = `${fault.target} ${fault.column ?? ''}`;
  const cells = [...new Set(failed.map((f) => `${f.target} ${run.report?.targets.find((t) => t.target === f.target)?.checks.find((c) => c.id === f.id)?.column ?? ''}`))];
  const catching = failed.filter((f) => f.target === fault.target && f.category === fault.category);
  const catchers = [...new Set(catching.map((f) => f.id))];
  const missingExpected = (fault.expectedChecks ?? []).filter((id) => !catchers.includes(id));
  let verdict: PreflightVerdict;
  if (!run.report) verdict = 'run-error';
  else if (failed.length === 0 || run.exitCode === 0) verdict = 'missed';
  else if (catchers.length === 0) verdict = failed.some((f) => f.target === fault.target) ? 'caught-wrong-category' : 'missed';
  else if (missingExpected.length > 0) verdict = 'caught-by-other-checks';
  // Exactly its own target's column, and the printed table says the same as the report.
  else if (cells.length !== 1 || cells[0] !== own || run.tableFailures.length !== 1 || run.tableFailures[0] !== own) verdict = 'not-only-its-column';
  else verdict = 'caught';
  return { verdict, catchers, missingExpected, failed };
}
