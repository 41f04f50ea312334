/**
 * How long a provider answer waits before it is written, to model a partner across a region.
 *
 * One latency per request/response exchange (the round trip), ± uniform jitter. A real partner also charges round trips
 * for each new TCP + TLS handshake, which loopback does not; `connectionLatencyMs` (default 0) adds that cost to the first
 * answer on each connection. Set it (≈ 2 × latency for TCP + TLS 1.3, 3 × behind a proxy, for the CONNECT) to make
 * connection churn cost what it would across a region; the benchmark does (scripts/bench/network-model.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface LatencySettings {
  /** Added to every provider answer, in ms. */
  latencyMs: number;
  /** Uniform spread around `latencyMs`, in ms: each answer waits latency ± jitter. At most `latencyMs`. */
  jitterMs: number;
  /** Added to the first answer on each new connection (TCP + TLS handshakes), in ms. */
  connectionLatencyMs: number;
}

export const NO_LATENCY: LatencySettings = { latencyMs: 0, jitterMs: 0, connectionLatencyMs: 0 };

export class Latency {
  private readonly seen = new WeakSet<object>();

  constructor(
    private readonly settings: LatencySettings,
    private readonly random: () => number = Math.random,
  ) {
    for (const [name, value] of Object.entries(settings)) {
      if (!Number.isFinite(value) || value < 0) throw new RangeError(`twin option ${name} must be a number of milliseconds >= 0, got ${value}`);
    }
    if (settings.jitterMs > settings.latencyMs) {
      throw new RangeError(`twin option jitterMs (${settings.jitterMs}) must not exceed latencyMs (${settings.latencyMs}): a delay cannot be negative`);
    }
  }

  /** The delay for the next answer on this connection (any object that identifies it: its socket). */
  delayFor(connection: object): number {
    const { latencyMs, jitterMs, connectionLatencyMs } = this.settings;
    const handshake = this.seen.has(connection) ? 0 : connectionLatencyMs;
    this.seen.add(connection);
    return Math.round(handshake + latencyMs + jitterMs * (2 * this.random() - 1));
  }

  async wait(ms: number): Promise<void> {
    if (ms > 0) await sleep(ms);
  }
}
