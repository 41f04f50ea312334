/** The runner's side of the lanes: the coordinator, and what the workers it forks inherit to find it. */
import { BOOT_GATE_PRELOAD, withPreload } from '../startup/preload-options.ts';
import { LANE_SERVER_ENV } from './lane-client.ts';
import { startLaneServer } from './lane-server.ts';
import type { WorkerPlan } from './worker-plan.ts';

/** Starts the coordinator when the plan has lanes; sets (or clears) what workers read from `env`. */
export async function openLanes(plan: WorkerPlan, env: NodeJS.ProcessEnv): Promise<void> {
  if (!plan.lanes) {
    delete env[LANE_SERVER_ENV];
    return;
  }
  env[LANE_SERVER_ENV] = (await startLaneServer(plan.lanes)).address;
  env.NODE_OPTIONS = withPreload(env.NODE_OPTIONS, BOOT_GATE_PRELOAD);
}
