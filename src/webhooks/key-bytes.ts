/** Signing keys as bytes: strict base64 decoding, and a comparison that takes the same time wherever two keys differ. */
import { timingSafeEqual } from 'node:crypto';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The bytes of standard base64 text, or undefined when it is not (Buffer.from would silently skip bad characters). */
export function decodeBase64(text: string): Buffer | undefined {
  if (text.length === 0 || !BASE64.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

/** Equal keys, compared in constant time; keys of different lengths are unequal without a byte being compared. */
export function sameKey(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
