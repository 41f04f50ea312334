/** Crafted JWTs for negative checks: one with an altered payload, one signed with a key nobody else has. */
import { createHmac, randomBytes } from 'node:crypto';

function decodePart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

const encodePart = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } | undefined {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || signature === undefined) return undefined;
  try {
    return { header: decodePart(header), payload: decodePart(payload) };
  } catch {
    return undefined;
  }
}

/** Same header and signature, payload with a later expiry: a server that checks signatures must refuse it. */
export function tamperJwt(token: string): string {
  const [header = '', , signature = ''] = token.split('.');
  const claims = decodeJwt(token)?.payload ?? {};
  const exp = typeof claims.exp === 'number' ? claims.exp + 86_400 : Math.floor(Date.now() / 1000) + 86_400;
  return [header, encodePart({ ...claims, exp }), signature].join('.');
}

/** The same claims, validly signed (HS256) with a random key. */
export function forgeJwt(token: string): string {
  const claims = decodeJwt(token)?.payload ?? {};
  const head = encodePart({ alg: 'HS256', typ: 'JWT' });
  const body = encodePart(claims);
  const signature = createHmac('sha256', randomBytes(32)).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
