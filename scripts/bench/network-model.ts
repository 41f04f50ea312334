/**
 * The benchmark's network model. Loopback charges nothing for a connection, a real partner does: every request pays
 * one round trip, and every new connection pays TCP (1 RTT) and TLS 1.3 (1 RTT) before it, plus 1 RTT for the
 * CONNECT when a proxy is in the path. The twin charges the request's RTT on every answer and the connection's
 * round trips on the first answer of each connection (twin/latency.ts), so the suite and the floor pay for exactly
 * the connections they open.
 *
 * The twin is always reached through its own proxy, on loopback, where a CONNECT costs nothing measurable. "Without a
 * proxy" is modelled by not charging the CONNECT's round trip: the suite sends with the same keep-alive transport in
 * both cases (src/http/transport-for.ts), directly or through a tunnel, so only that round trip differs.
 */
export interface NetworkProfile {
  /** `80ms-direct`, `250ms-proxy`: also the run's directory under reports/bench/. */
  label: string;
  description: string;
  rttMs: number;
  proxy: boolean;
  /** Charged on every answer: the request's round trip, ± jitter. */
  latencyMs: number;
  jitterMs: number;
  /** Charged once per new connection, on its first answer. */
  connectionLatencyMs: number;
}

/** Round trips a new connection costs before its first request: TCP and TLS, and the CONNECT behind a proxy. */
export function handshakeRoundTrips(proxy: boolean): number {
  return proxy ? 3 : 2;
}

/** Each RTT without and then with a proxy, in rising RTT order: the last is the slowest path. */
export function networkProfiles(rtts: readonly number[], jitterPercent: number): NetworkProfile[] {
  return [...rtts].sort((a, b) => a - b).flatMap((rttMs) => [false, true].map((proxy) => ({
    label: `${rttMs}ms-${proxy ? 'proxy' : 'direct'}`,
    description: `${rttMs} ms RTT, ${proxy ? 'behind a proxy' : 'no proxy'} (${handshakeRoundTrips(proxy)} RTT per new connection)`,
    rttMs,
    proxy,
    latencyMs: rttMs,
    jitterMs: Math.round((rttMs * jitterPercent) / 100),
    connectionLatencyMs: handshakeRoundTrips(proxy) * rttMs,
  })));
}
