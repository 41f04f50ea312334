/**
 * Latency: each check's exchange times against its provider's budget (a check slower than it passes as degraded, or
 * fails with --strict), and per target the p50, p95 and max of a run.
 */
import { CheckFailure } from '../failure.ts';
import { hostAndPath, type Exchange } from '../http/exchange.ts';
import type { Profile, TargetProfile } from '../config/profile.ts';

export const LATENCY_ANNOTATION = 'latency';
export const DEGRADED_ANNOTATION = 'degraded';

export function latencyBudgetMs(profile: Pick<Profile, 'latencyBudgetMs'>, tp: TargetProfile): number {
  return profile.latencyBudgetMs ?? tp.target.provider.latencyBudgetMs;
}

export interface SlowExchange {
  exchange: Exchange;
  line: string;
}

/** The slowest of the exchanges when it is over the budget, in words; undefined when all were within it. */
export function overBudget(exchanges: readonly Exchange[], budgetMs: number): SlowExchange | undefined {
  const slowest = exchanges.reduce<Exchange | undefined>((worst, e) => (worst === undefined || e.durationMs > worst.durationMs ? e : worst), undefined);
  if (!slowest || slowest.durationMs <= budgetMs) return undefined;
  return { exchange: slowest, line: `${hostAndPath(slowest)} took ${slowest.durationMs} ms (budget ${budgetMs} ms)` };
}

/** What --strict makes of a degraded check: a failure of its own category, naming the slowest exchange. */
export function slowFailure(tp: TargetProfile, slow: SlowExchange, budgetMs: number): CheckFailure {
  return new CheckFailure({
    category: 'slow', target: tp.target.id,
    rule: {
      id: 'latency.budget', title: `every exchange answers within the latency budget (${budgetMs} ms)`,
      docs: { title: 'README — latency budgets (ours: no partner publishes one)', url: 'https://github.com/' },
    },
    expected: `every answer within ${budgetMs} ms`, actual: `${slow.exchange.durationMs} ms`, exchange: slow.exchange,
  });
}

export interface LatencyStats {
  exchanges: number;
  p50: number;
  p95: number;
  max: number;
}

/** Nearest-rank percentiles of a run's exchange times. */
export function latencyStats(times: readonly number[]): LatencyStats | undefined {
  if (times.length === 0) return undefined;
  const sorted = [...times].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  return { exchanges: sorted.length, p50: rank(50), p95: rank(95), max: sorted.at(-1) ?? 0 };
}
