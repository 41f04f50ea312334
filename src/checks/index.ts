/** Every check, by family. Generic: a new provider brings data (descriptor, schema), not new checks. */
import type { Profile, TargetProfile } from '../config/profile.ts';
import { PROVIDERS } from '../providers/catalogue.ts';
import { AUTH_CHECKS } from './auth-checks.ts';
import { FAMILIES, type Check, type Family } from './check.ts';
import { flowChecks } from './flow-checks.ts';
import { writesAllowed } from './endpoints.ts';
import { HOST_CHECKS } from './host-checks.ts';
import { PREFLIGHT_CHECKS } from './preflight-checks.ts';
import { REDIRECT_CHECKS } from './redirect-checks.ts';
import { schemaChecks } from './schema-checks.ts';
import { TOKEN_CHECKS } from './token-checks.ts';

export const CHECKS: Record<Family, Check[]> = {
  host: HOST_CHECKS,
  redirect: REDIRECT_CHECKS,
  auth: AUTH_CHECKS,
  token: TOKEN_CHECKS,
  schema: schemaChecks(PROVIDERS),
  flow: flowChecks(PROVIDERS),
  preflight: PREFLIGHT_CHECKS,
};

/** The checks of a family that apply to a target; mutating ones only where writes are allowed. */
export function checksFor(family: Family, tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites' | 'preflight'>): Check[] {
  // A preflight run registers every preflight check under `preflight` (one spec, so one worker per target: fast);
  // the preflight-only checks exist in no other run.
  if (family === 'preflight') {
    if (!profile.preflight) return [];
    return FAMILIES.flatMap((f) => CHECKS[f]).filter((c) => c.preflight !== undefined && !c.mutating && c.appliesTo(tp));
  }
  if (profile.preflight) return [];
  return CHECKS[family].filter((c) => c.appliesTo(tp) && (!c.mutating || writesAllowed(tp, profile)));
}
