/** A worker's budget of deliberately failing authentication attempts, from what each of its target's checks would spend. */
import type { Profile, TargetProfile } from '../config/profile.ts';
import { NegativeAuthBudget, type Shard } from '../auth/negative-auth-budget.ts';
import { fileLedger } from '../auth/negative-auth-ledger.ts';
import type { NegativeAuthNeed } from '../auth/negative-auth-plan.ts';
import { FAMILIES } from './check.ts';
import { checksFor } from './index.ts';

export function negativeAuthNeeds(tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites' | 'preflight' | 'twinAdminUrl'>): NegativeAuthNeed[] {
  return FAMILIES.flatMap((family) => checksFor(family, tp, profile)).flatMap((check) => {
    const declared = check.negativeAuth;
    const attempts = declared?.attempts(tp, profile) ?? 0;
    if (!declared || attempts <= 0) return [];
    const unit = declared.unit?.(tp);
    return [{ checkId: check.id, attempts, severity: check.severity, ...(unit !== undefined ? { unit } : {}), ...(declared.first ? { first: true } : {}) }];
  });
}

/** Enforced against prod in live mode only: the twin (prod targets included) and uat are counted, never limited. */
export function negativeAuthBudget(tp: TargetProfile, profile: Profile, shard: Shard | null, outputDir: string): NegativeAuthBudget {
  return new NegativeAuthBudget({
    enforced: profile.mode === 'live' && tp.target.environment === 'prod',
    limit: profile.prodNegativeAuthLimit,
    shard,
    needs: negativeAuthNeeds(tp, profile),
    ledger: fileLedger(outputDir, tp.target.id),
  });
}
