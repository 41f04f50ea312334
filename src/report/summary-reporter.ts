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
import { knownIssuesFile, loadKnownIssues, matchKnownIssue, type KnownIssue } from './known-issues.ts';
import { DEGRADED_ANNOTATION, LATENCY_ANNOTATION, type LatencyStats } from './latency.ts';
import { readNight } from './night-reading.ts';
import { readNights, type NightMark } from './nights.ts';

export interface SummaryCheck {
  id: string;
  title: string;
  family: string;
  /** `known`: failed as a known issue that has not expired (known-issues.json); it does not make the night red. */
  status: 'passed' | 'failed' | 'known' | 'skipped';
  category?: string;
  reason?: string;
  durationMs: number;
  /** The known issue the failure matched; `expired` when past its date (the check is then `failed`). */
  knownIssue?: { ticket: string; reason: string; until: string; expired?: true };
  /** Passed, but an exchange was slower than the latency budget: the slowest, in words. */
  degraded?: string;
  /** Every exchange's time, in ms. */
  latencyMs?: number[];
  /** A failure against the nights before. */
  night?: NightMark;
}

export interface SummaryTarget {
  target: string;
  provider: string;
  region: string;
  environment: string;
  /**
   * Requests that carried our identity to be rejected (src/auth/negative-auth-budget.ts), counted from the tests'
   * annotations. The reporter writes it on every target; summaries written before it have none.
   */
  negativeAuthAttempts?: number;
  checks: SummaryCheck[];
  /** p50, p95 and max of the target's exchange times. */
  latency?: LatencyStats;
}

export interface Summary {
  generatedAt: string;
  /** Playwright's run status, or `setup-failed` when the run could not start. */
  status: string;
  /** Why the run could not start: one line, `[configuration] setup: …`. */
  setupError?: string;
  /** Red: a failure that is not a known issue (or whose issue expired), or a run that could not start or ran nothing. */
  verdict: 'green' | 'red';
  totals: { passed: number; failed: number; known: number; skipped: number; degraded: number };
  knownIssues: {
    /** Tickets of known issues past their date that still fail (red again). */
    expired: string[];
    /** Known issues whose check passed on every matching target: remove them. */
    noLongerFailing: { check: string; targets: string; ticket: string }[];
  };
  /** Against the report history: how many nights were compared, last night's verdict, and what it had failing that passes now. */
  nights: { compared: number; lastNight?: { at: string; verdict: 'green' | 'red' }; fixed: { target: string; check: string }[] };
  targets: SummaryTarget[];
}

const PROJECT_ROOT = resolve(import.meta.dirname, '..', '..');

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
  private readonly knownIssues: KnownIssue[];
  private readonly now = new Date();

  constructor(options: { outputFile?: string } = {}) {
    if (options.outputFile) this.output = resolve(options.outputFile);
    // scripts/contracts.ts has validated the file before the run: a bad file never gets this far.
    this.knownIssues = loadKnownIssues(knownIssuesFile(PROJECT_ROOT), PROJECT_ROOT);
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
    entry.negativeAuthAttempts = (entry.negativeAuthAttempts ?? 0) + negativeAuthAttemptsOf(result);
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
      const known = matchKnownIssue(this.knownIssues, { check: check.id, target: projectName, category: check.category, reason: check.reason }, this.now);
      if (known) {
        check.knownIssue = { ticket: known.issue.ticket, reason: known.issue.reason, until: known.issue.until, ...(known.expired ? { expired: true as const } : {}) };
        if (!known.expired) check.status = 'known';
      }
    }
    const latency = test.annotations.find((a) => a.type === LATENCY_ANNOTATION)?.description;
    if (latency) check.latencyMs = latency.split(',').map(Number);
    const degraded = test.annotations.find((a) => a.type === DEGRADED_ANNOTATION)?.description;
    if (degraded && status === 'passed') check.degraded = degraded;
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
    const summary = readNight(
      { generatedAt: new Date().toISOString(), status: this.setupError ? 'setup-failed' : result.status, ...(this.setupError ? { setupError: this.setupError } : {}) },
      targets,
      // Allure appends tonight only when it generates the report, after this: the file holds the nights before.
      { knownIssues: this.knownIssues, history: readNights(resolve(dirname(this.output), 'history.jsonl')) },
    );
    mkdirSync(dirname(this.output), { recursive: true });
    writeFileSync(this.output, `${JSON.stringify(summary, null, 2)}\n`);
    const allureResults = this.config && allureResultsDirOf(this.config);
    if (this.setupError && allureResults) writeSetupFailureResult(allureResults, this.setupError, this.startMs);
  }

  printsToStdio(): boolean {
    return false;
  }
}
