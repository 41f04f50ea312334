/** The suite's User-Agent: `partner-api-contracts/<version> (<target>; worker <n>)`. No credential, ever. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const VERSION = (JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

export function userAgent(targetId: string, workerIndex: number): string {
  return `partner-api-contracts/${VERSION} (${targetId}; worker ${workerIndex})`;
}

/** The target and worker a User-Agent names, e.g. `spotdraft-us-uat#0`; undefined for other clients (the twin's log uses it). */
export function workerOf(agent: string | string[] | undefined): string | undefined {
  const match = /^partner-api-contracts\/\S+ \(([^;]+); worker (\d+)\)$/.exec(typeof agent === 'string' ? agent : '');
  return match ? `${match[1]}#${match[2]}` : undefined;
}
