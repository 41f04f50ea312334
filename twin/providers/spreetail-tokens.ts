/** Spreetail access tokens: HS256 JWTs signed with a key that lives and dies with one twin instance. */
import { randomBytes, randomUUID } from 'node:crypto';
import { decodeClaims, signHs256, verifyHs256 } from '../jwt.ts';
import type { TwinClock } from '../types.ts';

export const TOKEN_LIFETIME_SECONDS = 86400;

/** What the twin makes of a presented token; the provider module decides what to accept. */
export type TokenCheck =
  | { status: 'valid'; clientId: string }
  | { status: 'expired'; clientId: string }
  /** Not a JWT at all. */
  | { status: 'malformed' }
  /**
   * Well-formed, but not signed by this twin. `signatureIssued`: the signature is one this twin issued (the
   * payload was altered); `contentIssued`: header and payload are exactly those of an issued token (re-signed).
   */
  | { status: 'bad-signature'; clientId?: string; signatureIssued: boolean; contentIssued: boolean }
  | { status: 'invalid' };

export interface SpreetailTokens {
  /** A token for the client; its `exp` lies `lifetimeSeconds` after `iat`. */
  issue(clientId: string, clock: TwinClock, lifetimeSeconds?: number): string;
  check(token: string, clock: TwinClock): TokenCheck;
}

export function createSpreetailTokens(): SpreetailTokens {
  const key = randomBytes(32);
  const issuedSignatures = new Set<string>();
  const issuedContents = new Set<string>();
  const isExpired = (exp: number, token: string, clock: TwinClock) => exp <= clock.now(token) / 1000;
  return {
    issue(clientId, clock, lifetimeSeconds = TOKEN_LIFETIME_SECONDS) {
      const iat = Math.floor(clock.now() / 1000);
      const token = signHs256({ sub: clientId, client_id: clientId, iat, exp: iat + lifetimeSeconds, jti: randomUUID() }, key);
      const [header, payload, signature] = token.split('.');
      issuedSignatures.add(signature ?? '');
      issuedContents.add(`${header}.${payload}`);
      return token;
    },
    check(token, clock) {
      const verified = verifyHs256(token, key);
      if (!verified.ok) {
        if (verified.reason !== 'bad signature') return verified.reason === 'malformed' ? { status: 'malformed' } : { status: 'invalid' };
        const [header, payload, signature] = token.split('.');
        const clientId = decodeClaims(token)?.client_id;
        return {
          status: 'bad-signature',
          ...(typeof clientId === 'string' ? { clientId } : {}),
          signatureIssued: issuedSignatures.has(signature ?? ''),
          contentIssued: issuedContents.has(`${header}.${payload}`),
        };
      }
      const { exp, client_id: clientId } = verified.claims;
      if (typeof exp !== 'number' || typeof clientId !== 'string') return { status: 'invalid' };
      // The clock is scoped by the raw token so a test can age one token without touching others.
      return isExpired(exp, token, clock) ? { status: 'expired', clientId } : { status: 'valid', clientId };
    },
  };
}
