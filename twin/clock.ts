import type { TwinClock } from './types.ts';

/** Real time plus offsets: a global one, and one per scope (usually one token), so a single token can be aged. */
export function createClock(realNow: () => number = Date.now): TwinClock {
  let globalOffsetMs = 0;
  const scopedOffsetMs = new Map<string, number>();
  return {
    now(scope?: string) {
      const scoped = scope === undefined ? 0 : (scopedOffsetMs.get(scope) ?? 0);
      return realNow() + globalOffsetMs + scoped;
    },
    advance(seconds: number, scope?: string) {
      if (scope === undefined) globalOffsetMs += seconds * 1000;
      else scopedOffsetMs.set(scope, (scopedOffsetMs.get(scope) ?? 0) + seconds * 1000);
    },
    reset() {
      globalOffsetMs = 0;
      scopedOffsetMs.clear();
    },
  };
}
