/**
 * Which checks get a target's deliberately failing authentication attempts when they are limited. A fixed priority,
 * not the order the checks happen to run in: the same checks are sent (and the same skipped) every night, whichever
 * worker, restart or shard takes them.
 */
import type { Severity } from '../checks/check.ts';

export interface NegativeAuthNeed {
  checkId: string;
  /** Attempts the check makes when it runs in full. */
  attempts: number;
  /** Attempts that only make sense together (one host of the isolation check); absent: all or nothing. */
  unit?: number;
  /** Spent before any check runs (the token session's recovery from a never-issued token). */
  first?: boolean;
  severity: Severity;
}

const SEVERITY_RANK: Record<Severity, number> = { blocker: 0, critical: 1, normal: 2, minor: 3 };

/**
 * Attempts granted per check within `limit`: first the recovery (it is the session's own first login), then one unit of
 * each divisible check (isolation on one other host), then whole checks by severity in their registration order, then
 * the divisible checks' remaining units. A check that does not fit gets nothing, and a smaller one after it may fit.
 */
export function planNegativeAuth(needs: readonly NegativeAuthNeed[], limit: number): Map<string, number> {
  const grants = new Map<string, number>(needs.map((n) => [n.checkId, 0]));
  let left = limit;
  const give = (need: NegativeAuthNeed, amount: number): void => {
    if (amount <= 0 || amount > left) return;
    grants.set(need.checkId, (grants.get(need.checkId) ?? 0) + amount);
    left -= amount;
  };
  const live = needs.filter((n) => n.attempts > 0);
  const divisible = live.filter((n) => !n.first && n.unit !== undefined && n.unit > 0);
  for (const need of live.filter((n) => n.first)) give(need, need.attempts);
  for (const need of divisible) give(need, need.unit ?? need.attempts);
  const whole = live.filter((n) => !n.first && !divisible.includes(n));
  for (const need of [...whole].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])) give(need, need.attempts);
  for (const need of divisible) {
    const unit = need.unit ?? need.attempts;
    const units = Math.min(Math.floor(left / unit), Math.floor((need.attempts - (grants.get(need.checkId) ?? 0)) / unit));
    give(need, units * unit);
  }
  return grants;
}
