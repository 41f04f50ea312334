/**
 * Playwright reporter writing reports/summary.json: per target and check, family, status, and on failure the one-line
 * reason. A run that could not start is written too (status `setup-failed`, with its reason), and left in Allure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { FAMILIES } from '../checks/check.ts';
import { findTarget } from '../providers/catalogue.ts';
import { categoryOfLine, failureLine } from './failure-line.ts';
import { negativeAuthAttemptsOf } from './negative-auth-count.ts';
import { allureResultsDirOf, setupFailureLine, writeSetupFailureResult } from './setup-failure.ts';
import { byTargetOrder } from './target-order.ts';

export interface SummaryCheck {
  id: string;
  title: string;
  family: string;
  status: 'passed' | 'failed' | 'skipped';
  category?: string;
  reason?: string;
  durationMs: number;
}

export interface SummaryTarget {
  target: string;
  provider: string;
  region: string;
  environment: string;
  checks: SummaryCheck[];
}

export interface Summary {
  generatedAt: string;
  /** Playwright's run status, or `setup-failed` when the run could not start. */
  status: string;
  /** Why the run could not start: one line, `[configuration] setup: …`. */
  setupError?: string;
  totals: { passed: number; failed: number; skipped: number };
  targets: SummaryTarget[];
}

  /**
   * Requests that carried our identity to be rejected (src/auth/negative-auth-budget.ts), counted from the tests'
   * annotations. The reporter writes it on every target; summaries written before it have none.
   */
  negativeAuthAttempts?: number;
function statusOf(test: TestCase, result: TestResult): SummaryCheck['status'] {
  if (result.status === 'skipped') return 'skipped';
  return test.outcome() === 'expected' || test.outcome() === 'flaky' ? 'passed' : 'failed';
}

export default class SummaryReporter implements Reporter {
  private readonly byTarget = new Map<string, SummaryTarget>();
  private output = resolve('reports/summary.json');
  private config: FullConfig | undefined;
  private readonly startMs = Date.now();
  private testsBegun = false;
  private setupError: string | undefined;

  constructor(options: { outputFile?: string } = {}) {
    if (options.outputFile) this.output = resolve(options.outputFile);
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.config = config;
    for (const project of suite.suites) {
      const name = project.project()?.name ?? project.title;
      const target = findTarget(name);
      this.byTarget.set(name, {
        target: name, provider: target?.provider.id ?? '', region: target?.region ?? '', environment: target?.environment ?? '', negativeAuthAttempts: 0, checks: [],
      });
    }
  }

  onTestBegin(): void {
    this.testsBegun = true;
  }

  /** An error before any test began means the run could not start (a global setup that threw, say). */
  onError(error: TestError): void {
    if (!this.testsBegun) this.setupError ??= setupFailureLine(error.message ?? error.value);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const projectName = test.parent.project()?.name ?? '';
    const entry = this.byTarget.get(projectName);
    if (!entry) return;
    const status = statusOf(test, result);
    const family = test.tags.map((t) => t.slice(1)).find((t) => (FAMILIES as readonly string[]).includes(t)) ?? 'unknown';
    const check: SummaryCheck = {
      id: test.annotations.find((a) => a.type === 'check')?.description ?? test.title,
      title: test.title,
      family,
      status,
      durationMs: result.duration,
    };
    if (status === 'failed') {
      check.reason = failureLine(result.error?.message ?? result.errors[0]?.message);
      check.category = categoryOfLine(check.reason);
    }
    if (status === 'skipped') {
      const reason = test.annotations.find((a) => a.type === 'skip')?.description;
      if (reason) check.reason = reason;
    }
    const existing = entry.checks.findIndex((c) => c.id === check.id);
    if (existing >= 0) entry.checks[existing] = check;
    else entry.checks.push(check);
  }

  onEnd(result: FullResult): void {
    // The profile's order, not the order the workers finished in.
    const targets = [...this.byTarget.values()].sort((a, b) => byTargetOrder(a.target, b.target));
    const all = targets.flatMap((t) => t.checks);
    const summary: Summary = {
      generatedAt: new Date().toISOString(),
      status: this.setupError ? 'setup-failed' : result.status,
      ...(this.setupError ? { setupError: this.setupError } : {}),
      totals: {
        passed: all.filter((c) => c.status === 'passed').length,
    entry.negativeAuthAttempts = (entry.negativeAuthAttempts ?? 0) + negativeAuthAttemptsOf(result);
        failed: all.filter((c) => c.status === 'failed').length,
        skipped: all.filter((c) => c.status === 'skipped').length,
      },
      targets,
    };
    mkdirSync(dirname(this.output), { recursive: true });
    writeFileSync(this.output, `${JSON.stringify(summary, null, 2)}\n`);
    const allureResults = this.config && allureResultsDirOf(this.config);
    if (this.setupError && allureResults) writeSetupFailureResult(allureResults, this.setupError, this.startMs);
  }

  printsToStdio(): boolean {
    return false;
  }
}
