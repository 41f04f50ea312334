/** Spreetail access tokens: HS256 JWTs signed with a key that lives and dies with one twin instance. */
import { randomBytes, randomUUID } from 'node:crypto';
import { signHs256, verifyHs256 } from '../jwt.ts';
import type { TwinClock } from '../types.ts';

export const TOKEN_LIFETIME_SECONDS = 86400;

export interface SpreetailTokens {
  issue(clientId: string, clock: TwinClock): string;
  /** The token's client id, or undefined when the token is malformed, foreign, tampered with or expired. */
  clientIdOf(token: string, clock: TwinClock): string | undefined;
}

export function createSpreetailTokens(): SpreetailTokens {
  const key = randomBytes(32);
  return {
    issue(clientId, clock) {
      const iat = Math.floor(clock.now() / 1000);
      return signHs256({ sub: clientId, client_id: clientId, iat, exp: iat + TOKEN_LIFETIME_SECONDS, jti: randomUUID() }, key);
    },
    clientIdOf(token, clock) {
      const verified = verifyHs256(token, key);
      if (!verified.ok) return undefined;
      const { exp, client_id: clientId } = verified.claims;
      if (typeof exp !== 'number' || typeof clientId !== 'string') return undefined;
      // The clock is scoped by the raw token so a test can age one token without touching others.
      if (exp <= clock.now(token) / 1000) return undefined;
      return clientId;
    },
  };
}
