/** Playwright reporter for `npm run preflight`: per target and preflight check, pass / warn / fail / n/a with the reason, as JSON. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { failureLine } from './failure-line.ts';
import { negativeAuthAttemptsOf } from './negative-auth-count.ts';
import { byTargetOrder } from './target-order.ts';

export type PreflightStatus = 'pass' | 'warn' | 'fail' | 'n/a';

export interface PreflightCheck {
  id: string;
  column: string;
  status: PreflightStatus;
  reason?: string;
}

export interface PreflightReport {
  generatedAt: string;
  targets: { target: string; negativeAuthAttempts: number; checks: PreflightCheck[] }[];
}

const annotation = (test: TestCase, type: string) => test.annotations.filter((a) => a.type === type).map((a) => a.description ?? '');


export default class PreflightReporter implements Reporter {
  private readonly targets = new Map<string, PreflightReport['targets'][number]>();
  private readonly output: string;

  constructor(options: { outputFile?: string } = {}) {
    this.output = resolve(options.outputFile ?? 'reports/preflight.json');
  }

  onBegin(_config: unknown, suite: Suite): void {
    for (const project of suite.suites) {
      const name = project.project()?.name ?? project.title;
      this.targets.set(name, { target: name, negativeAuthAttempts: 0, checks: [] });
    }
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const entry = this.targets.get(test.parent.project()?.name ?? '');
    if (!entry) return;
    const column = annotation(test, 'preflight')[0] ?? test.title;
    const id = annotation(test, 'check')[0] ?? test.title;
    const warnings = annotation(test, 'warning');
    let check: PreflightCheck;
    if (result.status === 'skipped') check = { id, column, status: 'n/a', reason: annotation(test, 'skip')[0] ?? 'not run' };
    else if (test.outcome() !== 'expected' && test.outcome() !== 'flaky') check = { id, column, status: 'fail', reason: failureLine(result.error?.message) };
    else if (warnings.length > 0) check = { id, column, status: 'warn', reason: warnings.join('; ') };
    else check = { id, column, status: 'pass' };
    entry.negativeAuthAttempts += negativeAuthAttemptsOf(result);
    entry.checks.push(check);
  }

  onEnd(_result: FullResult): void {
    const report: PreflightReport = { generatedAt: new Date().toISOString(), targets: [...this.targets.values()].sort((a, b) => byTargetOrder(a.target, b.target)) };
    mkdirSync(dirname(this.output), { recursive: true });
    writeFileSync(this.output, `${JSON.stringify(report, null, 2)}\n`);
  }

  printsToStdio(): boolean {
    return false;
  }
}
