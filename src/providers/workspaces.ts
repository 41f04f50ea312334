/**
 * Synthetic extra workspaces (twin mode only): the benchmark scales the matrix by giving every documented target
 * N-1 siblings on the same host, each with credentials of its own. Profile and twin derive the same credentials
 * from the committed twin profile here, so the fact lives in one place.
 */
import type { Target } from './catalogue.ts';

const SUFFIX = /-ws(\d+)$/;

/** The id of a target's k-th workspace (k = 1 is the target itself). */
export function workspaceId(targetId: string, k: number): string {
  return k === 1 ? targetId : `${targetId}-ws${k}`;
}

/** The k-th workspace of a target (k = 1 is the target itself). */
export function workspaceOf(target: Target, k: number): Target {
  return k === 1 ? target : { ...target, id: workspaceId(target.id, k) };
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
