/**
 * The one reviewed list of places where the project knowingly differs from a vendor document
 * (schemas/vendor-divergences.json). Drift reports a finding it matches as WARN, the conformance test lets a
 * violation it matches pass; anything else that differs is an error.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../config/config-error.ts';
import type { Direction } from './schema-views.ts';

/**
 * `stricter`: the project demands more than the vendor (it would refuse a vendor-valid answer);
 * `looser`: the project, or the twin that plays the live API, allows or does what the vendor's document forbids;
 * `deliberate`: a request the suite sends against the vendor's schema on purpose (a negative probe).
 */
export type DivergenceKind = 'stricter' | 'looser' | 'deliberate';

export interface Divergence {
  provider: string;
  /** `METHOD /full/path/template` as the vendor document has it (server base path included), or `*`: every operation. */
  operation: string;
  direction: Direction;
  /** Response status (`200`), or a range (`4XX`: any client error); omitted: any status, or a request. */
  status?: string;
  /** Where in the body: a JSON pointer in which `*` stands for any array index; `/` for the body itself. */
  path: string;
  /** The finding or violation rule it covers; omitted: any rule at that place. */
  rule?: string;
  kind: DivergenceKind;
  /** For a deliberate divergence: the check whose probe it is (its requests carry the probe header, src/http/probe.ts). */
  probe?: string;
  /** `<file>#<pointer>` of the vendor's statement the project differs from. */
  vendor: string;
  reason: string;
}

/** What a divergence is matched against: a drift finding or a conformance violation. */
export interface DivergenceSubject {
  provider: string;
  operation: string;
  direction: Direction;
  status?: string;
  path: string;
  rule: string;
  /** The check a request names as its sender in the probe header, if it does. */
  probe?: string;
}

const KINDS: readonly DivergenceKind[] = ['stricter', 'looser', 'deliberate'];
const REQUIRED = ['provider', 'operation', 'direction', 'path', 'kind', 'vendor', 'reason'] as const;
const OPTIONAL = ['status', 'rule', 'probe'] as const;

/** Array indices of a body's JSON pointer as `*`, the way divergences name places. */
export const wildcardIndices = (pointer: string): string => (pointer === '' ? '/' : pointer.replace(/\/\d+(?=\/|$)/g, '/*'));

function checkedEntry(file: string, raw: unknown, index: number): Divergence {
  const where = `divergences[${index}]`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(file, where, 'is not an object');
  const entry = raw as Record<string, unknown>;
  for (const key of Object.keys(entry)) {
    if (!(REQUIRED as readonly string[]).includes(key) && !(OPTIONAL as readonly string[]).includes(key)) throw new ConfigError(file, `${where}.${key}`, 'is not a known field');
  }
  for (const key of [...REQUIRED, ...OPTIONAL]) {
    const value = entry[key];
    if (value === undefined && (OPTIONAL as readonly string[]).includes(key)) continue;
    if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(file, `${where}.${key}`, 'must be a non-empty string');
  }
  if (entry.direction !== 'request' && entry.direction !== 'response') throw new ConfigError(file, `${where}.direction`, 'must be request or response');
  if (!KINDS.includes(entry.kind as DivergenceKind)) throw new ConfigError(file, `${where}.kind`, `must be one of ${KINDS.join(', ')}`);
  if (entry.operation !== '*' && !/^[A-Z]+ \//.test(entry.operation as string)) throw new ConfigError(file, `${where}.operation`, 'must read "METHOD /path", or be *');
  if (entry.status !== undefined && !/^[1-5](\d\d|XX)$/.test(entry.status as string)) throw new ConfigError(file, `${where}.status`, 'must be a status like 401 or a range like 4XX');
  if ((entry.kind === 'deliberate') !== (entry.probe !== undefined)) throw new ConfigError(file, `${where}.probe`, 'names the check of a deliberate divergence, and only of one');
  if (!(entry.path as string).startsWith('/')) throw new ConfigError(file, `${where}.path`, 'must be a JSON pointer starting with /');
  if (!(entry.vendor as string).includes('#')) throw new ConfigError(file, `${where}.vendor`, 'must read "<file>#<pointer>"');
  return entry as unknown as Divergence;
}

/** Reads and checks the file; a problem is a ConfigError naming the entry and field. */
export function readDivergences(file: string): Divergence[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, 'divergences', `cannot be read: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  const list = (parsed as { divergences?: unknown } | null)?.divergences;
  if (!Array.isArray(list)) throw new ConfigError(file, 'divergences', 'must be an array');
  return list.map((entry, index) => checkedEntry(file, entry, index));
}

function statusMatches(declared: string | undefined, status: string | undefined): boolean {
  if (declared === undefined) return true;
  if (status === undefined) return false;
  return declared.endsWith('XX') ? status[0] === declared[0] : declared === status;
}

export function divergenceMatches(divergence: Divergence, subject: DivergenceSubject): boolean {
  return divergence.provider === subject.provider
    && (divergence.operation === '*' || divergence.operation === subject.operation)
    && divergence.direction === subject.direction
    && statusMatches(divergence.status, subject.status)
    && divergence.path === wildcardIndices(subject.path)
    && (divergence.rule === undefined || divergence.rule === subject.rule)
    // A deliberate divergence covers only the probe that declares it, never the same mistake made elsewhere.
    && (divergence.probe === undefined || divergence.probe === subject.probe);
}

export const findDivergence = (divergences: readonly Divergence[], subject: DivergenceSubject): Divergence | undefined =>
  divergences.find((divergence) => divergenceMatches(divergence, subject));
