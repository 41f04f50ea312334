/**
 * A request the suite sends against the vendor's schema on purpose (a negative probe) names the check that sends it
 * in this header, so whoever reads the traffic — the partner's logs, the project's conformance test — can tell a
 * deliberate probe from a mistake. The value is a check id, never anything secret.
 */
export const PROBE_HEADER = 'x-contract-probe';

export const probeHeaders = (checkId: string): Record<string, string> => ({ [PROBE_HEADER]: checkId });
