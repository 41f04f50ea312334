/**
 * Synthetic extra workspaces (twin mode only): the benchmark scales the matrix by giving every documented target
 * N-1 siblings on the same host, each with credentials of its own. Profile and twin derive the same credentials
 * from the committed twin profile here, so the fact lives in one place.
 */
import type { Target } from './catalogue.ts';

const SUFFIX = /-ws(\d+)$/;

/** The k-th workspace of a target (k = 1 is the target itself). */
export function workspaceOf(target: Target, k: number): Target {
  return k === 1 ? target : { ...target, id: `${target.id}-ws${k}` };
}

/** Every workspace of every target, targets first: 1x = the documented targets. */
export function withWorkspaces(targets: readonly Target[], workspaces: number): Target[] {
  return Array.from({ length: workspaces }, (_, i) => targets.map((t) => workspaceOf(t, i + 1))).flat();
}

/** `spotdraft-us-uat-ws3` → base id `spotdraft-us-uat` and workspace 3; a documented id → workspace 1. */
export function parseWorkspaceId(id: string): { baseId: string; workspace: number } {
  const match = SUFFIX.exec(id);
  return match ? { baseId: id.slice(0, match.index), workspace: Number(match[1]) } : { baseId: id, workspace: 1 };
}

/** The credential value of workspace k, derived from the base target's committed twin value. */
export function workspaceValue(value: string, k: number): string {
  return k === 1 ? value : `${value}-ws${k}`;
}

export const MAX_WORKSPACES = 64;
