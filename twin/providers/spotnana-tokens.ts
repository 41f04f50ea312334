/** Spotnana access tokens: opaque random strings remembered in memory with their issue time and host. */
import { randomBytes } from 'node:crypto';
import type { TwinAccount, TwinClock } from '../types.ts';

export const TOKEN_LIFETIME_SECONDS = 3600;

interface IssuedToken {
  targetId: string;
  host: string;
  issuedAtMs: number;
}

export interface SpotnanaTokens {
  issue(account: TwinAccount, clock: TwinClock): string;
  /** Target id the token belongs to, or undefined when unknown, expired or presented on another host. */
  targetOf(token: string, host: string, clock: TwinClock): string | undefined;
}

export function createSpotnanaTokens(): SpotnanaTokens {
  const issued = new Map<string, IssuedToken>();
  return {
    issue(account, clock) {
      const token = randomBytes(32).toString('base64url');
      issued.set(token, { targetId: account.targetId, host: account.host, issuedAtMs: clock.now() });
      return token;
    },
    targetOf(token, host, clock) {
      const entry = issued.get(token);
      if (!entry || entry.host !== host) return undefined;
      // Scoped by the raw token so a test can age one token without touching others.
      if (clock.now(token) >= entry.issuedAtMs + TOKEN_LIFETIME_SECONDS * 1000) return undefined;
      return entry.targetId;
    },
  };
}
