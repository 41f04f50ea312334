/**
 * A night read against the nights before it, from the report history Allure keeps (reports/history.jsonl: one line per
 * run, each test's status and labels): each failure is new, persisting (since when, for how many nights) or flapping;
 * checks that failed last night and pass tonight are fixed; and last night's verdict, for `npm run notify`.
 */
import { existsSync, readFileSync } from 'node:fs';

/** `<target> <check id>`: how a check is known across nights. */
export type CheckKey = string;

export interface NightResult {
  status: string;
  /** Failed as a known issue (the `known-issue` label): does not make the night red. */
  known: boolean;
}

export interface Night {
  at: string;
  results: Map<CheckKey, NightResult>;
}

export interface NightMark {
  state: 'new' | 'persisting' | 'flapping';
  /** Persisting: the first night of the current run of failures, and how many nights it spans (tonight included). */
  since?: string;
  nights?: number;
}

/** How many past nights a flapping check is looked for in, and how many changes of status make it flap. */
const FLAP_WINDOW = 5;
const FLAP_CHANGES = 3;

export const checkKey = (target: string, check: string): CheckKey => `${target} ${check}`;

interface HistoryLine {
  timestamp?: number;
  testResults?: Record<string, { status?: string; labels?: { name: string; value?: string }[] }>;
}

/** The nights in the history file, oldest first; a missing or unreadable file is no history. */
export function readNights(file: string): Night[] {
  if (!existsSync(file)) return [];
  const nights: Night[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let entry: HistoryLine;
    try {
      entry = JSON.parse(line) as HistoryLine;
    } catch {
      continue;
    }
    const results = new Map<CheckKey, NightResult>();
    for (const result of Object.values(entry.testResults ?? {})) {
      const label = (name: string) => result.labels?.find((l) => l.name === name)?.value;
      const target = label('target');
      const check = label('check');
      if (target && check) results.set(checkKey(target, check), { status: result.status ?? 'unknown', known: label('known-issue') !== undefined });
    }
    nights.push({ at: new Date(entry.timestamp ?? 0).toISOString(), results });
  }
  return nights.sort((a, b) => a.at.localeCompare(b.at));
}

const failing = (result: NightResult | undefined): boolean => result !== undefined && (result.status === 'failed' || result.status === 'broken');

/** A night is red when a check failed that was not a known issue. */
export function nightIsRed(night: Night): boolean {
  return [...night.results.values()].some((r) => failing(r) && !r.known);
}

/** How tonight's failure of `key` reads against the nights before. */
export function markFailure(key: CheckKey, nights: readonly Night[]): NightMark {
  const past = nights.map((night) => night.results.get(key));
  const recent = [...past.slice(-FLAP_WINDOW).map(failing), true];
  const changes = recent.slice(1).filter((value, i) => value !== recent[i]).length;
  if (changes >= FLAP_CHANGES) return { state: 'flapping' };
  if (!failing(past.at(-1))) return { state: 'new' };
  let first = past.length - 1;
  while (first > 0 && failing(past[first - 1])) first -= 1;
  return { state: 'persisting', since: nights[first]?.at ?? '', nights: past.length - first + 1 };
}

/** Checks that failed last night and passed tonight. */
export function fixedSince(lastNight: Night | undefined, passedTonight: readonly CheckKey[]): CheckKey[] {
  if (!lastNight) return [];
  return passedTonight.filter((key) => failing(lastNight.results.get(key)));
}
