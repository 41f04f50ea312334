/**
 * The order reports list targets in, whatever order a run's workers finished them in or a shard ran them: the
 * profile's — workspace, then environment (uat, prod), then the catalogue's order.
 */
import { TARGETS } from '../providers/catalogue.ts';
import { ENVIRONMENTS } from '../providers/types.ts';
import { parseWorkspaceId } from '../providers/workspaces.ts';

function targetRank(targetId: string): number {
  const { baseId, workspace } = parseWorkspaceId(targetId);
  const index = TARGETS.findIndex((t) => t.id === baseId);
  const environment = index < 0 ? ENVIRONMENTS.length : ENVIRONMENTS.indexOf(TARGETS[index]!.environment);
  return (workspace - 1) * 1_000_000 + environment * 1_000 + (index < 0 ? 999 : index);
}

export function byTargetOrder(a: string, b: string): number {
  return targetRank(a) - targetRank(b) || a.localeCompare(b);
}
