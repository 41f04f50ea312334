/** Which suite worker sent a request, from the user-agent the suite sends: `partner-api-contracts/<version> (<target-id>; worker <n>)`. */
const SUITE_USER_AGENT = /\(\s*([^;()\s]+)\s*;\s*worker\s+(\d+)\s*\)/;

/** `<target-id>#<n>`, e.g. `spotdraft-us-uat#0`; undefined for any other client. */
export function workerOf(userAgent: string | string[] | undefined): string | undefined {
  const match = SUITE_USER_AGENT.exec(typeof userAgent === 'string' ? userAgent : '');
  return match ? `${match[1]}#${match[2]}` : undefined;
}
