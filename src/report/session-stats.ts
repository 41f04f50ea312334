/** Per worker and target: how many logins, re-authentications and requests the session made. Counts only, never values. */
import type { ValidatorSource } from '../contracts/validator.ts';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SessionStats {
  target: string;
  workerIndex: number;
  logins: number;
  reauthentications: number;
  requests: number;
  /** Time spent pacing under the partner's documented rate limit. */
  rateLimitWaitMs: number;
  /** Requests repeated after a 429 (should stay 0: the suite paces itself). */
  rateLimitRetries: number;
  /** Per provider whose schemas the worker used: its precompiled validators, or compiled in place. */
  validators: Record<string, ValidatorSource>;
}

const folder = (reportsDir: string) => join(reportsDir, 'session-stats');

export function writeSessionStats(reportsDir: string, stats: SessionStats): void {
  mkdirSync(folder(reportsDir), { recursive: true });
  writeFileSync(join(folder(reportsDir), `${stats.target}-worker${stats.workerIndex}.json`), JSON.stringify(stats));
}

export function readSessionStats(reportsDir: string): SessionStats[] {
  let names: string[] = [];
  try {
    names = readdirSync(folder(reportsDir));
  } catch {
    return [];
  }
  return names.filter((n) => n.endsWith('.json')).map((n) => JSON.parse(readFileSync(join(folder(reportsDir), n), 'utf8')) as SessionStats);
}
