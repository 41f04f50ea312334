/**
 * The mark on every record a run creates: `contract-suite-<UTC time>-<8 hex>`, e.g.
 * `contract-suite-20261202t150102z-3f9a0c1e`. The flows put it in a name, an email or a reference; the sweep finds
 * leftovers by it and tells their age from it. The one record a flow owns per workspace carries `contract-suite-owned`.
 */
import { randomBytes } from 'node:crypto';

export const MARK_PREFIX = 'contract-suite';
export const OWNED_MARK = `${MARK_PREFIX}-owned`;

const MARK = /contract-suite-(?:owned|(\d{8}t\d{6}z)-[0-9a-f]{8})/i;

export interface FoundMark {
  mark: string;
  owned: boolean;
  /** When the record was made, from the mark's time; absent on the owned record. */
  createdAt?: Date;
}

/** A fresh mark, lower case (it goes into email addresses). */
export function newMark(now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').toLowerCase();
  return `${MARK_PREFIX}-${stamp}-${randomBytes(4).toString('hex')}`;
}

function parseStamp(stamp: string): Date {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})t(\d{2})(\d{2})(\d{2})z$/i.exec(stamp) ?? [];
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
}

/** The mark inside `text` (any case), or undefined: a record without it is never the suite's. */
export function findMark(text: string): FoundMark | undefined {
  const match = MARK.exec(text);
  if (!match) return undefined;
  const stamp = match[1];
  return stamp ? { mark: match[0].toLowerCase(), owned: false, createdAt: parseStamp(stamp) } : { mark: match[0].toLowerCase(), owned: true };
}
