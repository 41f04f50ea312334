/** How a target's requests are authenticated: static headers or a cached token, logged in once per worker. */
import type { TargetProfile } from '../config/profile.ts';
import { CheckFailure } from '../failure.ts';
import type { HttpClient } from '../http/client.ts';
import { describeAnswer } from '../http/answer-text.ts';
import { jsonOf, type Exchange } from '../http/exchange.ts';
import { describeBodyProblem, jsonBodyProblem } from '../http/json-body.ts';
import { secrets } from '../http/redact.ts';
import { joinUrl } from '../http/url.ts';
import type { AuthSchemeName, TokenPolicy } from '../providers/types.ts';
import type { RecoveryRecord } from './recovery.ts';

export interface IssuedToken {
  value: string;
  /** `expires_in` as the token answer gave it; absent only where the vendor makes it optional. */
  expiresIn?: number;
  /** What the session schedules its refresh from: `expires_in`, or without it the policy's documented lifetime. */
  lifetimeSeconds: number;
  obtainedAtMs: number;
  /** When the session stops using it (documented: refresh 5 minutes before expiry). */
  refreshAtMs: number;
  exchange: Exchange;
}

export interface SessionDeps {
  profile: TargetProfile;
  http: HttpClient;
  now?: () => number;
}

export interface AuthSession {
  readonly scheme: AuthSchemeName;
  /** Token requests made so far (0 for header credentials). */
  readonly logins: number;
  /** Headers that authenticate the next request. */
  authenticate(): Promise<Record<string, string>>;
  /** Forget the cached token (after a 401); returns whether a token was held. */
  invalidate(): boolean;
  /** Whether a 401 may be cured by logging in again. */
  readonly renewable: boolean;
}

export class HeaderCredentialsSession implements AuthSession {
  readonly scheme = 'client-headers' as const;
  readonly logins = 0;
  readonly renewable = false;

  constructor(private readonly deps: SessionDeps) {}

  async authenticate(): Promise<Record<string, string>> {
    const { credentials } = this.deps.profile;
    return { 'client-id': credentials.clientId, 'client-secret': credentials.clientSecret.reveal() };
  }

  invalidate(): boolean {
    return false;
  }
}

export interface TokenAnswer {
  exchange: Exchange;
  accessToken?: string;
  expiresIn?: number;
}

/** A token session: caches one token, refreshes before expiry, re-authenticates when told the token was rejected. */
export abstract class TokenSession implements AuthSession {
  abstract readonly scheme: AuthSchemeName;
  readonly renewable = true;
  logins = 0;
  /** How the session got its first token, when that went through the recovery path (src/auth/recovery.ts). */
  establishment: RecoveryRecord | undefined;
  private cached: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;
  private unissued: string | undefined;

  constructor(
    protected readonly deps: SessionDeps,
    protected readonly policy: TokenPolicy,
  ) {}

  protected now(): number {
    return (this.deps.now ?? Date.now)();
  }

  protected tokenUrl(baseUrl: string): string {
    const endpoint = this.deps.profile.target.provider.endpoints.find((e) => e.id === this.policy.endpoint);
    if (!endpoint) throw new Error(`token endpoint ${this.policy.endpoint} is not described`);
    return joinUrl(baseUrl, endpoint.path);
  }

  /** One raw token request with the given credentials, at this target's host unless another base URL is given (checks probe with wrong ones too). */
  abstract requestToken(clientId: string, clientSecret: string, baseUrl?: string): Promise<TokenAnswer>;

  /** What a token request's answer carries: the token and `expires_in`, where the answer is a success. */
  abstract answerOf(exchange: Exchange): TokenAnswer;

  get current(): IssuedToken | undefined {
    return this.cached;
  }

  async token(): Promise<IssuedToken> {
    if (this.cached && this.now() < this.cached.refreshAtMs) return this.cached;
    // Concurrent callers share one login.
    this.pending ??= this.login().finally(() => (this.pending = undefined));
    this.cached = await this.pending;
    return this.cached;
  }

  async authenticate(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${this.unissued ?? (await this.token()).value}` };
  }

  /** Until a 401 invalidates it, requests carry `value`, a token the API never issued (to exercise recovery from a 401). */
  sendUnissuedToken(value: string): void {
    this.unissued = value;
  }

  forgetUnissuedToken(): void {
    this.unissued = undefined;
  }

  invalidate(): boolean {
    const had = this.cached !== undefined || this.unissued !== undefined;
    this.cached = undefined;
    this.unissued = undefined;
    return had;
  }

  private async login(): Promise<IssuedToken> {
    const { credentials } = this.deps.profile;
    const answer = await this.requestToken(credentials.clientId, credentials.clientSecret.reveal());
    this.logins += 1;
    const { exchange, accessToken, expiresIn } = answer;
    // Where the vendor makes expires_in optional, a token without it lives as long as documented.
    const lifetimeSeconds = expiresIn ?? (this.policy.expiresInOptional ? this.policy.lifetimeSeconds : undefined);
    if (!accessToken || lifetimeSeconds === undefined) throw this.loginFailure(answer);
    secrets.add(accessToken);
    const obtainedAtMs = this.now();
    return {
      value: accessToken,
      ...(expiresIn !== undefined ? { expiresIn } : {}),
      lifetimeSeconds,
      obtainedAtMs,
      refreshAtMs: obtainedAtMs + (lifetimeSeconds - this.policy.refreshBeforeSeconds) * 1000,
      exchange,
    };
  }

  /** Why a login gave the session no usable token, classified like any check's failure. */
  private loginFailure({ exchange, accessToken }: TokenAnswer): CheckFailure {
    const status = exchange.response?.status;
    const notJson = status !== undefined && status < 300 && exchange.response ? jsonBodyProblem(exchange.response) : undefined;
    const category = exchange.failure?.category
      ?? (status === 429 ? 'rate-limited' : status !== undefined && status >= 500 ? 'partner-server-error' : status === 401 || status === 403 ? 'credential-rejected' : notJson ? 'invalid-response' : 'token-lifecycle');
    const actual = exchange.failure
      ? `${exchange.failure.kind}: ${exchange.failure.message}`
      : accessToken ? `${status} with a token but no expires_in`
        : notJson ? `${status} with ${describeBodyProblem(notJson)}` : exchange.response ? describeAnswer(exchange, exchange.response) : 'no response';
    return new CheckFailure({
      category,
      target: this.deps.profile.target.id,
      rule: { id: 'auth.login', title: 'our credentials obtain a token', docs: this.policy.docs },
      expected: `${this.policy.endpoint} to issue a token${this.policy.expiresInOptional ? '' : ' with its expires_in'}`,
      actual,
      exchange,
    });
  }
}

/** Every token that reaches us is a secret from that moment on, whoever asked for it and whatever the answer's status. */
function registerToken(value: unknown): void {
  if (typeof value === 'string') secrets.add(value);
}

function numberOrUndefined(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Spreetail-style: POST JSON {client_id, client_secret} -> {success, data: {access_token, expires_in}}. */
export class JwtLoginSession extends TokenSession {
  readonly scheme = 'jwt-login' as const;

  async requestToken(clientId: string, clientSecret: string, baseUrl = this.deps.profile.baseUrl): Promise<TokenAnswer> {
    return this.answerOf(await this.deps.http.send({
      method: 'POST', url: this.tokenUrl(baseUrl), json: { client_id: clientId, client_secret: clientSecret },
      headers: { accept: 'application/json' }, carriesCredentials: true, isLogin: true,
    }));
  }

  answerOf(exchange: Exchange): TokenAnswer {
    const body = jsonOf(exchange) as { success?: unknown; data?: { access_token?: unknown; expires_in?: unknown } } | undefined;
    registerToken(body?.data?.access_token);
    if (exchange.response?.status !== 200 || body?.success !== true) return { exchange };
    const accessToken = stringOrUndefined(body.data?.access_token);
    const expiresIn = numberOrUndefined(body.data?.expires_in);
    return { exchange, ...(accessToken ? { accessToken } : {}), ...(expiresIn !== undefined ? { expiresIn } : {}) };
  }
}

/** OAuth 2 client credentials, form-encoded -> {access_token, token_type, expires_in?}. */
export class ClientCredentialsSession extends TokenSession {
  readonly scheme = 'oauth-client-credentials' as const;

  async requestToken(clientId: string, clientSecret: string, baseUrl = this.deps.profile.baseUrl): Promise<TokenAnswer> {
    return this.answerOf(await this.deps.http.send({
      method: 'POST', url: this.tokenUrl(baseUrl),
      form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret },
      headers: { accept: 'application/json' }, carriesCredentials: true, isLogin: true,
    }));
  }

  answerOf(exchange: Exchange): TokenAnswer {
    const body = jsonOf(exchange) as { access_token?: unknown; expires_in?: unknown } | undefined;
    registerToken(body?.access_token);
    if (exchange.response?.status !== 200) return { exchange };
    const accessToken = stringOrUndefined(body?.access_token);
    const expiresIn = numberOrUndefined(body?.expires_in);
    return { exchange, ...(accessToken ? { accessToken } : {}), ...(expiresIn !== undefined ? { expiresIn } : {}) };
  }
}

export function createSession(deps: SessionDeps): AuthSession {
  const { auth } = deps.profile.target.provider;
  switch (auth.scheme) {
    case 'client-headers':
      return new HeaderCredentialsSession(deps);
    case 'jwt-login':
      if (!auth.token) throw new Error('jwt-login needs a token policy');
      return new JwtLoginSession(deps, auth.token);
    case 'oauth-client-credentials':
      if (!auth.token) throw new Error('oauth-client-credentials needs a token policy');
      return new ClientCredentialsSession(deps, auth.token);
  }
}
