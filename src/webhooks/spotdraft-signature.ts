/** SpotDraft's delivery signature: lowercase hex HMAC-SHA512 of the raw body, keyed by the base64-decoded workspace key. */
import { createHmac } from 'node:crypto';
import type { BodyHmacScheme } from '../providers/types.ts';
import { decodeBase64 } from './key-bytes.ts';

export function spotdraftKeyBytes(hmacKey: string): Buffer | undefined {
  return decodeBase64(hmacKey);
}

export function spotdraftSignature(key: Buffer, rawBody: Buffer): string {
  return createHmac('sha512', key).update(rawBody).digest('hex');
}

/** The headers of a delivery of `rawBody`, signed as SpotDraft signs. */
export function spotdraftSignedHeaders(scheme: BodyHmacScheme, key: Buffer, rawBody: Buffer): Record<string, string> {
  return { [scheme.signatureHeader]: spotdraftSignature(key, rawBody) };
}
