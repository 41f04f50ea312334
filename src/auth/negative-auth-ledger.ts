/**
 * What a target has spent of its deliberately failing authentication attempts in this run. Kept in a file of the run's
 * output folder (Playwright empties it when a run starts): a check that fails ends its worker, and the worker that
 * replaces it must not start from a fresh budget (its session would prove the recovery again, for one).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from '../atomic-file.ts';

export interface LedgerState {
  spent: number;
  byCheck: Record<string, number>;
}

export interface NegativeAuthLedger {
  read(): LedgerState;
  write(state: LedgerState): void;
}

const empty = (): LedgerState => ({ spent: 0, byCheck: {} });

export function memoryLedger(): NegativeAuthLedger {
  let state = empty();
  return { read: () => structuredClone(state), write: (next) => (state = structuredClone(next)) };
}

/** One file per target: only one worker of a target's project runs at a time (`workers: 1` per project). */
export function fileLedger(outputDir: string, targetId: string): NegativeAuthLedger {
  const path = join(outputDir, '.negative-auth', `${targetId}.json`);
  return {
    read() {
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as LedgerState;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty();
        throw error;
      }
    },
    write: (state) => writeFileAtomically(path, `${JSON.stringify(state)}\n`),
  };
}
