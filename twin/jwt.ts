/** Minimal HS256 JSON Web Tokens: enough for the twin to issue and check Spreetail-style tokens. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

export type JwtVerification = { ok: true; claims: JwtClaims } | { ok: false; reason: string };

const SEGMENT = /^[A-Za-z0-9_-]+$/;

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decodeJsonObject(segment: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function signature(signingInput: string, key: Buffer | string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

export function signHs256(claims: JwtClaims, key: Buffer | string): string {
  const signingInput = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson(claims)}`;
  return `${signingInput}.${signature(signingInput, key).toString('base64url')}`;
}

/** Checks structure, algorithm and signature only; expiry is the caller's business (it owns the clock). */
export function verifyHs256(token: string, key: Buffer | string): JwtVerification {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return { ok: false, reason: 'malformed' };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonObject(headerPart);
  if (!header) return { ok: false, reason: 'malformed header' };
  if (header.alg !== 'HS256') return { ok: false, reason: 'unsupported alg' };
  const claims = decodeJsonObject(payloadPart);
  if (!claims) return { ok: false, reason: 'malformed payload' };
  const expected = signature(`${headerPart}.${payloadPart}`, key);
  const given = Buffer.from(signaturePart, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad signature' };
  return { ok: true, claims };
}

/** The payload of a three-part token, without verifying anything (for decisions a fault bends). */
export function decodeClaims(token: string): JwtClaims | undefined {
  const parts = token.split('.');
  return parts.length === 3 && parts.every((part) => SEGMENT.test(part)) ? decodeJsonObject(parts[1] as string) : undefined;
}
