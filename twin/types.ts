/** Contracts between the twin's core (proxy, TLS, router) and its provider modules. */
import type { IncomingHttpHeaders } from 'node:http';
import type { EnvironmentName } from '../src/providers/types.ts';

export interface TwinRequest {
  method: string;
  /** Host name without port, lower case. */
  host: string;
  scheme: 'http' | 'https';
  /** Path without query string, exactly as received (no normalisation). */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Header names exactly as sent (the `headers` keys are lower-cased by Node). */
  rawHeaderNames?: string[];
  rawBody: Buffer;
  /** Parsed body when content-type is JSON and the body parses, else undefined. */
  json?: unknown;
  /** Parsed body when content-type is application/x-www-form-urlencoded. */
  form?: URLSearchParams;
}

export interface TwinResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string;
  /** What the provider decided about the caller's credentials (recorded in the request log). */
  auth?: 'accepted' | 'rejected' | 'none';
}

/** One credential set the twin accepts, loaded from the committed env/twin-<environment>.env profiles. */
export interface TwinAccount {
  targetId: string;
  provider: string;
  region: string;
  environment: EnvironmentName;
  host: string;
  clientId: string;
  clientSecret: string;
  /** Active workspace member (SpotDraft). */
  userEmail?: string;
}

export interface TwinClock {
  /** Milliseconds since the epoch as the twin sees it for the given scope (a token, usually). */
  now(scope?: string): number;
  /** Move the clock forward for one scope (e.g. a token) or, without scope, for everything. */
  advance(seconds: number, scope?: string): void;
  reset(): void;
}

export interface TwinFaults {
  /** Is the named fault active for this target (or for every target)? */
  active(name: string, targetId?: string): boolean;
}

export interface IssuedToken {
  targetId: string;
  token: string;
}

export interface TwinContext {
  clock: TwinClock;
  faults: TwinFaults;
  accounts: readonly TwinAccount[];
  /** Every access token this twin issued: what a secret scan after a run looks for (served on the loopback admin API only). */
  issued: IssuedToken[];
}

export interface Route {
  method: string;
  /** Full request path as documented, with `{param}` placeholders, e.g. `/api/v2.1/public/contracts/{composite_id}/status`. */
  path: string;
  handle(req: TwinRequest, params: Record<string, string>, ctx: TwinContext): TwinResponse;
}

/** Routes a (changed) request through the router as if it had been received: lets a fault serve what should not be served. */
export type Dispatch = (req: TwinRequest) => TwinResponse;

export interface TwinProvider {
  /** Matches the ProviderDescriptor id. */
  id: string;
  /** Hosts this module answers for (from the descriptor). */
  hosts: string[];
  routes: Route[];
  /** Answer for a path that matches a route only after adding or removing a trailing slash. */
  slashMismatch(req: TwinRequest, canonicalPath: string, ctx: TwinContext, dispatch: Dispatch): TwinResponse;
  /** Answer for a path no route knows. */
  notFound(req: TwinRequest, ctx: TwinContext, dispatch: Dispatch): TwinResponse;
  /** Answer for a plain-http request (before any route is consulted). */
  plainHttp(req: TwinRequest, ctx: TwinContext, dispatch: Dispatch): TwinResponse;
  /** Last look at every answer of this provider (faults that change all error bodies, say). */
  finalize?(req: TwinRequest, res: TwinResponse, ctx: TwinContext): TwinResponse;
  /** A documented per-second rate limit (the twin's `rateLimitPerSecond` sets how many; 0 = not enforced). */
  rateLimit?: RateLimitRule;
  /** The records created through this provider's API (never the seeded ones) that still exist. */
  records?(): TwinRecord[];
}

/** A record a caller created: what a run must clean up, or knowingly leave behind. */
export interface TwinRecord {
  /** The target (account) it belongs to. */
  target: string;
  provider: string;
  kind: 'user' | 'order' | 'counter-party';
  /** The id the provider's API knows it by. */
  id: string;
  /** Its human name: a user's email, an order's reference, a counter party's name. */
  label: string;
}

export interface RateLimitRule {
  /** The bucket a request counts against (its workspace, say); undefined: the request is not limited. */
  bucket(req: TwinRequest, ctx: TwinContext): string | undefined;
  /** The provider's answer to a request over the limit. */
  refuse(retryAfterSeconds: number): TwinResponse;
}
