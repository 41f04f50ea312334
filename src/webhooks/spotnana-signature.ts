/**
 * Spotnana's delivery signature: base64 HMAC-SHA256 of `{id}.{timestamp}.{raw body}`, keyed by the base64-decoded part of
 * the `whsec_` secret; while a secret rotates, the header carries several signatures separated by spaces.
 */
import { createHmac } from 'node:crypto';
import type { IdTimestampHmacScheme } from '../providers/types.ts';
import { decodeBase64 } from './key-bytes.ts';

/** The key bytes of a prefixed secret, or undefined when it lacks the prefix or the rest is not base64. */
export function spotnanaKeyBytes(scheme: IdTimestampHmacScheme, secret: string): Buffer | undefined {
  if (!secret.startsWith(scheme.secretPrefix)) return undefined;
  return decodeBase64(secret.slice(scheme.secretPrefix.length));
}

export function spotnanaSignature(key: Buffer, id: string, timestamp: string, rawBody: Buffer): string {
  return createHmac('sha256', key).update(`${id}.${timestamp}.`).update(rawBody).digest('base64');
}

export interface SpotnanaDelivery {
  id: string;
  /** Unix seconds, as text: it is signed exactly as sent. */
  timestamp: string;
  rawBody: Buffer;
}

/** The headers of a delivery, signed with every key given (two during a rotation), as Spotnana signs. */
export function spotnanaSignedHeaders(scheme: IdTimestampHmacScheme, keys: readonly Buffer[], delivery: SpotnanaDelivery): Record<string, string> {
  return {
    [scheme.idHeader]: delivery.id,
    [scheme.timestampHeader]: delivery.timestamp,
    [scheme.signatureHeader]: keys.map((key) => spotnanaSignature(key, delivery.id, delivery.timestamp, delivery.rawBody)).join(' '),
  };
}
