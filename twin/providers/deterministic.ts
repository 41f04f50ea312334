/** Stable pseudo-random values derived from text, so seeded data is the same in every twin process. */
import { createHash } from 'node:crypto';

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** A version-4-shaped UUID derived from `text`. */
export function uuidFrom(text: string): string {
  const bytes = digest(text).subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An integer in [min, min + span) derived from `text`. */
export function intFrom(text: string, min: number, span: number): number {
  return min + (digest(text).readUInt32BE(0) % span);
}

/** `length` stable pseudo-random bytes derived from `text` (a seeded signing key). */
export function bytesFrom(text: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i += 1) blocks.push(digest(`${text}#${i}`));
  return Buffer.concat(blocks).subarray(0, length);
}
