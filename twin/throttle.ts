/** Documented rate limits: a rolling one-second window of admitted requests per bucket (a provider's workspace, say). */
import { findProvider } from '../src/providers/catalogue.ts';
import type { TwinContext, TwinProvider, TwinRequest, TwinResponse } from './types.ts';

const WINDOW_MS = 1_000;

export class Throttle {
  /** Arrival times (monotonic ms) of the requests admitted in the last window, oldest first, per provider bucket. */
  private readonly admitted = new Map<string, number[]>();

  /**
   * Each provider's documented limit (its descriptor's `rateLimit`), unless `override` says otherwise; 0 turns every
   * limit off. `now` is monotonic: the twin's clock can be moved for tokens, not for this.
   */
  constructor(
    private readonly override: number | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (override !== undefined && (!Number.isInteger(override) || override < 0)) {
      throw new RangeError(`rateLimitPerSecond must be a whole number >= 0 (0 = off), got ${override}`);
    }
  }

  /**
   * The provider's refusal when the request's bucket already had `perSecond` requests admitted within the last second;
   * otherwise undefined, and the request counts. Refused requests do not count: a client that waits Retry-After gets through.
   */
  refusal(provider: TwinProvider, req: TwinRequest, ctx: TwinContext): TwinResponse | undefined {
    const perSecond = this.override ?? findProvider(provider.id)?.rateLimit?.requestsPerSecond ?? 0;
    if (perSecond === 0 || !provider.rateLimit) return undefined;
    const bucket = provider.rateLimit.bucket(req, ctx);
    if (bucket === undefined) return undefined;
    const key = `${provider.id} ${bucket}`;
    const now = this.now();
    const times = (this.admitted.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    this.admitted.set(key, times);
    if (times.length < perSecond) {
      times.push(now);
      return undefined;
    }
    // HTTP's Retry-After is whole seconds; 1 at least, or a client would retry at once.
    const waitMs = (times[0] ?? now) + WINDOW_MS - now;
    return provider.rateLimit.refuse(Math.max(1, Math.ceil(waitMs / 1_000)));
  }
}
