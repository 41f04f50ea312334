/** Spotnana access tokens: opaque random strings remembered in memory with their issue time and host. */
import { randomBytes } from 'node:crypto';
import type { TwinAccount, TwinClock } from '../types.ts';

export const TOKEN_LIFETIME_SECONDS = 3600;

interface IssuedToken {
  targetId: string;
  host: string;
  issuedAtMs: number;
}

/** `unknown`: never issued by this host (or not at all); `expired`: issued here, past its lifetime. */
export type TokenLookup = { status: 'valid'; targetId: string } | { status: 'expired' } | { status: 'unknown' };

export interface SpotnanaTokens {
  /** A token for the account, valid on `host` (the host that issued it; by default the account's own). */
  issue(account: TwinAccount, clock: TwinClock, host?: string): string;
  lookup(token: string, host: string, clock: TwinClock): TokenLookup;
  /** Target id the token belongs to, or undefined when unknown, expired or presented on another host. */
  targetOf(token: string, host: string, clock: TwinClock): string | undefined;
}

export function createSpotnanaTokens(): SpotnanaTokens {
  const issued = new Map<string, IssuedToken>();
  const lookup = (token: string, host: string, clock: TwinClock): TokenLookup => {
    const entry = issued.get(token);
    if (!entry || entry.host !== host) return { status: 'unknown' };
    // Scoped by the raw token so a test can age one token without touching others.
    if (clock.now(token) >= entry.issuedAtMs + TOKEN_LIFETIME_SECONDS * 1000) return { status: 'expired' };
    return { status: 'valid', targetId: entry.targetId };
  };
  return {
    issue(account, clock, host = account.host) {
      const token = randomBytes(32).toString('base64url');
      issued.set(token, { targetId: account.targetId, host, issuedAtMs: clock.now() });
      return token;
    },
    lookup,
    targetOf(token, host, clock) {
      const found = lookup(token, host, clock);
      return found.status === 'valid' ? found.targetId : undefined;
    },
  };
}
