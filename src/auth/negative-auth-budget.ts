/**
 * One target's budget of deliberately failing authentication attempts: requests that carry our identity (our client id,
 * our credentials, or a token presented as ours — a never-issued one sent as the session's included) in order to be
 * rejected. Each spends one attempt before it is sent. Against prod in live mode the budget is enforced
 * (CONTRACT_PROD_NEGATIVE_AUTH_LIMIT, default 3, per target and run): partners lock accounts out and alert on failed
 * authentication. Elsewhere (twin mode, uat) it only counts.
 */
import type { NegativeAuthLedger } from './negative-auth-ledger.ts';
import { planNegativeAuth, type NegativeAuthNeed } from './negative-auth-plan.ts';

export const LIMIT_KEY = 'CONTRACT_PROD_NEGATIVE_AUTH_LIMIT';

export interface Shard {
  current: number;
  total: number;
}

/**
 * A shard's share of the limit: floor(limit / total), the remainder to shard 1. A target's checks may be spread over
 * shards, each a run of its own that cannot see the others' spending: the shares never add up to more than the limit.
 */
export function shardShare(limit: number, shard: Shard | null | undefined): number {
  if (!shard || shard.total <= 1) return limit;
  return Math.floor(limit / shard.total) + (shard.current === 1 ? limit % shard.total : 0);
}

export type Spend = { ok: true } | { ok: false; reason: string };

/** One run of a check (a test, or the session's recovery) spending from the target's budget. */
export interface CheckSpending {
  /** How many more attempts it may make now (Infinity where the budget only counts). */
  allowance(): number;
  /** Spends one attempt, before its request is sent; or says why it must not be sent. */
  spend(what: string): Spend;
}

export interface BudgetOptions {
  /** Enforce the limit (prod, live mode); otherwise only count. */
  enforced: boolean;
  /** Attempts per target and run (CONTRACT_PROD_NEGATIVE_AUTH_LIMIT). */
  limit: number;
  shard?: Shard | null;
  /** What each of the target's checks would spend, in registration order. */
  needs: readonly NegativeAuthNeed[];
  ledger: NegativeAuthLedger;
}

export class NegativeAuthBudget {
  /** What this run (this shard) may spend on the target. */
  readonly share: number;
  private readonly declared: Map<string, number>;
  private readonly grants: Map<string, number>;
  private readonly outsideTests: string[] = [];

  constructor(private readonly options: BudgetOptions) {
    this.share = options.enforced ? shardShare(options.limit, options.shard) : Infinity;
    this.declared = new Map(options.needs.map((n) => [n.checkId, n.attempts]));
    // The plan uses the whole limit: which checks are sent does not depend on how the shards split them.
    this.grants = options.enforced ? planNegativeAuth(options.needs, options.limit) : this.declared;
  }

  /** Attempts spent on the target so far in this run (this shard), by every worker. */
  get spent(): number {
    return this.options.ledger.read().spent;
  }

  /** How many more attempts `checkId` may make now (Infinity where the budget only counts). */
  allowance(checkId: string): number {
    if (!this.options.enforced) return Infinity;
    const state = this.options.ledger.read();
    const ownLeft = (this.grants.get(checkId) ?? 0) - (state.byCheck[checkId] ?? 0);
    return Math.max(0, Math.min(ownLeft, this.share - state.spent));
  }

  /**
   * The spending of one run of `checkId`. Per run, not per worker: a check repeated (`--repeat-each`), or the recovery
   * of a worker that replaced one, is a run of its own; the ledger still holds the run's total against prod.
   */
  forCheck(checkId: string): CheckSpending {
    const declared = this.declared.get(checkId) ?? 0;
    let made = 0;
    return {
      allowance: () => this.allowance(checkId),
      spend: (what) => {
        // In every mode: the plan and the limit rest on the declarations, so an undeclared attempt is the suite's defect.
        if (made >= declared) {
          throw new Error(`${checkId} makes more deliberately failing authentication attempts than it declares (${declared}): ${what}`);
        }
        const state = this.options.ledger.read();
        if (this.allowance(checkId) < 1) return { ok: false, reason: this.refusal(checkId, state.spent) };
        this.options.ledger.write({ spent: state.spent + 1, byCheck: { ...state.byCheck, [checkId]: (state.byCheck[checkId] ?? 0) + 1 } });
        made += 1;
        return { ok: true };
      },
    };
  }

  /** An attempt made outside any test (the session's recovery): reported on the worker's next test. */
  spendOutsideTest(checkId: string, what: string): Spend {
    const spent = this.forCheck(checkId).spend(what);
    if (spent.ok) this.outsideTests.push(what);
    return spent;
  }

  /** The attempts made outside tests since the last call. */
  takeOutsideTests(): string[] {
    return this.outsideTests.splice(0);
  }

  private refusal(checkId: string, spent: number): string {
    const { limit, shard } = this.options;
    const setting = `${LIMIT_KEY}=${limit}`;
    if (limit === 0) return `not sent: ${setting} allows no deliberately failing authentication attempt against prod`;
    const granted = this.grants.get(checkId) ?? 0;
    if (granted === 0) return `not sent: the ${setting} deliberately failing authentication attempts per prod target go to checks of higher priority`;
    if (spent >= this.share && shard && shard.total > 1) {
      return `not sent: this shard's ${this.share} of the ${setting} deliberately failing authentication attempts against prod (split over ${shard.total} shards) are spent`;
    }
    return `not sent: this check's ${granted} of the ${setting} deliberately failing authentication attempts against prod are spent (by an earlier worker of this run)`;
  }
}
