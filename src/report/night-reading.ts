/**
 * One reading of a night, shared by every rendering (summary.json, the job summary, notify, the exit code): totals,
 * the verdict, known issues that expired or no longer fail, latency per target, and each failure against the nights
 * before it.
 */
import { issuesNoLongerFailing, type KnownIssue } from './known-issues.ts';
import { latencyStats } from './latency.ts';
import { checkKey, fixedSince, markFailure, nightIsRed, type Night } from './nights.ts';
import type { Summary, SummaryTarget } from './summary-reporter.ts';

export interface NightContext {
  knownIssues: readonly KnownIssue[];
  /** The nights before this one, oldest first (from the report history). */
  history: readonly Night[];
}

const isFailure = (status: string): boolean => status === 'failed' || status === 'known';

/** The whole summary from its targets and Playwright's status: everything derived is derived here, once. */
export function readNight(base: Pick<Summary, 'generatedAt' | 'status' | 'setupError'>, targets: SummaryTarget[], context: NightContext): Summary {
  const all = targets.flatMap((t) => t.checks.map((check) => ({ target: t.target, check })));
  for (const target of targets) {
    const stats = latencyStats(target.checks.flatMap((c) => c.latencyMs ?? []));
    if (stats) target.latency = stats;
  }
  for (const { target, check } of all) {
    if (isFailure(check.status)) check.night = markFailure(checkKey(target, check.id), context.history);
  }
  const lastNight = context.history.at(-1);
  const fixed = fixedSince(lastNight, all.filter(({ check }) => check.status === 'passed').map(({ target, check }) => checkKey(target, check.id)));
  const count = (status: string) => all.filter(({ check }) => check.status === status).length;
  const totals = {
    passed: count('passed'), failed: count('failed'), known: count('known'), skipped: count('skipped'),
    degraded: all.filter(({ check }) => check.degraded !== undefined).length,
  };
  const broken = base.status === 'setup-failed' || base.status === 'interrupted' || base.status === 'timedout';
  return {
    ...base,
    verdict: broken || totals.failed > 0 || all.length === 0 ? 'red' : 'green',
    totals,
    knownIssues: {
      expired: [...new Set(all.filter(({ check }) => check.knownIssue?.expired).map(({ check }) => check.knownIssue?.ticket ?? ''))],
      noLongerFailing: issuesNoLongerFailing(context.knownIssues, all.map(({ target, check }) => ({ target, check: check.id, status: check.status })))
        .map((issue) => ({ check: issue.check, targets: issue.targets, ticket: issue.ticket })),
    },
    nights: {
      compared: context.history.length,
      ...(lastNight ? { lastNight: { at: lastNight.at, verdict: nightIsRed(lastNight) ? 'red' as const : 'green' as const } } : {}),
      fixed: fixed.map((key) => ({ target: key.split(' ')[0] ?? '', check: key.split(' ').slice(1).join(' ') })),
    },
    targets,
  };
}

/** Exit 1 for a red night (a failure that is not a known issue, an expired one, a run that could not start); else 0. */
export const exitCodeOf = (summary: Pick<Summary, 'verdict'>): number => (summary.verdict === 'red' ? 1 : 0);
