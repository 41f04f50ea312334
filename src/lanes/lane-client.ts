/** A worker's lane (lane-server.ts): asked for once its checks are loaded, before the first request; held until exit. */
import net from 'node:net';
import { GRANTED } from './lane-server.ts';

export const LANE_SERVER_ENV = 'CONTRACT_LANE_SERVER';

let held: Promise<void> | undefined;

function askForLane(address: string): Promise<void> {
  const separator = address.lastIndexOf(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address.slice(0, separator), port: Number(address.slice(separator + 1)) }, () => socket.write(`lane ${process.pid}\n`));
    let granted = false;
    socket.on('data', (chunk) => {
      if (granted || !chunk.includes(GRANTED)) return;
      granted = true;
      // The worker's exit closes it, and so frees the lane; it must not keep the worker alive.
      socket.unref();
      resolve();
    });
    socket.on('error', (error) => {
      if (!granted) reject(new Error(`[configuration] the run's lane coordinator at ${address} is unreachable: ${error.message}`));
    });
    socket.on('close', () => {
      if (!granted) reject(new Error(`[configuration] the run's lane coordinator at ${address} closed before granting a lane`));
    });
  });
}

/**
 * Resolves once this worker holds a lane; at once in the runner, or when the run has no coordinator (Playwright's
 * `--workers` on the command line). Every spec file of the worker awaits the same lane.
 */
export function laneForThisWorker(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const address = env[LANE_SERVER_ENV];
  if (env.TEST_WORKER_INDEX === undefined || !address) return Promise.resolve();
  return (held ??= askForLane(address));
}
