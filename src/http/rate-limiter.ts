/**
 * Keeps a client under a partner's documented request rate (e.g. SpotDraft: 10 requests per second per workspace).
 * The partner counts requests as they arrive, which we cannot see; but a request arrives after we send it and
 * before its answer comes back. So request n+limit is sent no sooner than `windowMs` after request n's answer
 * came back: no `limit + 1` requests can then arrive within one window, whatever the network delay. It costs at
 * most one round trip per window against the limit itself.
 */
interface Slot {
  /** When the answer (or failure) came back; undefined while in flight. */
  done?: number;
  finished: Promise<void>;
}

export class RateLimiter {
  /** The last `limit` requests, oldest first. */
  private readonly slots: Slot[] = [];
  /** Total time spent waiting for the limit (reported by the benchmark). */
  waitedMs = 0;

  constructor(
    readonly limit: number,
    readonly windowMs = 1_000,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  /** Waits until a request may be sent; call the returned function when its answer (or failure) is in. */
  async acquire(): Promise<() => void> {
    for (;;) {
      const oldest = this.slots[0];
      if (!oldest || this.slots.length < this.limit) break;
      if (oldest.done === undefined) {
        await oldest.finished;
        continue;
      }
      const wait = oldest.done + this.windowMs - this.now();
      if (wait > 0) {
        this.waitedMs += wait;
        await this.sleep(wait);
        continue;
      }
      this.slots.shift();
    }
    let finish: () => void = () => undefined;
    const slot: Slot = { finished: new Promise<void>((resolve) => (finish = resolve)) };
    this.slots.push(slot);
    return () => {
      slot.done = this.now();
      finish();
    };
  }
}
