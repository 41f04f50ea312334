/** @token: documented lifetimes, JWT claims against the server clock, expired tokens refused, one login per worker and one re-login on 401. */
import { randomBytes } from 'node:crypto';
import type { TargetProfile } from '../config/profile.ts';
import { recoverFromUnissuedToken } from '../auth/recovery.ts';
import { TokenSession, type IssuedToken, type TokenAnswer } from '../auth/session.ts';
import { CheckFailure } from '../failure.ts';
import { jsonOf } from '../http/exchange.ts';
import { ONE_NEGATIVE_AUTH, verdict, type Check, type CheckContext, type Verdict } from './check.ts';
import { decodeJwt } from './jwt-probes.ts';

/** Tolerance between the server's Date header and a token's claims (clock skew, request time). */
const CLOCK_TOLERANCE_SECONDS = 120;

/** Its evidence is the session's own first login (src/auth/recovery.ts): the session fixture looks for this id. */
export const REAUTHENTICATION_CHECK = 'token.reauthenticates-once-on-401';
/** The attempt that recovery makes: a token the API never issued, sent as the session's. */
export const UNISSUED_TOKEN_ATTEMPT = "a token the API never issued, sent as the session's";

const hasToken = (tp: TargetProfile) => tp.target.provider.auth.token !== undefined;
const hasJwt = (tp: TargetProfile) => tp.target.provider.auth.token?.jwt === true;

function tokenSession(ctx: CheckContext): TokenSession {
  if (!(ctx.session instanceof TokenSession)) throw new Error(`${ctx.target.target.id} has no token session`);
  return ctx.session;
}

const isLoginFailure = (error: unknown): error is CheckFailure => error instanceof CheckFailure && error.details.rule.id === 'auth.login';

/** When the session cannot log in, the check is skipped: token.login-issues-token reports the login. */
function skipWithoutLogin(ctx: CheckContext, error: unknown): never {
  if (isLoginFailure(error)) ctx.skip('the session cannot log in: token.login-issues-token reports it');
  throw error;
}

/** The session's token (see skipWithoutLogin). */
async function sessionToken(ctx: CheckContext, session: TokenSession = tokenSession(ctx)): Promise<IssuedToken> {
  try {
    return await session.token();
  } catch (error) {
    skipWithoutLogin(ctx, error);
  }
}

/**
 * The session's own token answer — no login of its own — also when the session refused to use it because it lacked a
 * required expires_in (that answer is what token.expires-in-documented judges).
 */
async function sessionAnswer(ctx: CheckContext, session: TokenSession = tokenSession(ctx)): Promise<TokenAnswer> {
  try {
    return session.answerOf((await session.token()).exchange);
  } catch (error) {
    const refused = isLoginFailure(error) ? error.details.exchange : undefined;
    const answer = refused ? session.answerOf(refused) : undefined;
    if (answer?.accessToken) return answer;
    skipWithoutLogin(ctx, error);
  }
}

function lifetime(ctx: CheckContext): number {
  return ctx.target.target.provider.auth.token?.lifetimeSeconds ?? 0;
}

export const TOKEN_CHECKS: Check[] = [
  {
    id: 'token.login-issues-token', family: 'token', severity: 'blocker', appliesTo: hasToken,
    docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    title: 'the token request answers 200 with a success envelope and an access token',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const session = tokenSession(ctx);
      const { credentials } = ctx.target;
      // Inspect a raw answer: the session itself would only say "no token".
      const answer = session.current?.exchange ? { exchange: session.current.exchange } : await session.requestToken(credentials.clientId, credentials.clientSecret.reveal());
      // The session's login was made before this check (by its recovery from a 401): it is this check's evidence.
      ctx.cite([answer.exchange]);
      v.status(answer.exchange, [200], 'credential-rejected');
      const body = jsonOf(answer.exchange) as { success?: unknown; access_token?: unknown; data?: { access_token?: unknown } } | undefined;
      if (body && 'success' in body && body.success !== true) v.fail('token-lifecycle', 'success: true', `200 with success: ${JSON.stringify(body.success)}`, answer.exchange);
      const token = body?.access_token ?? body?.data?.access_token;
      if (typeof token !== 'string' || token === '') v.fail('token-lifecycle', 'an access_token', 'none in the body', answer.exchange);
    },
  },
  {
    id: 'token.expires-in-documented', family: 'token', severity: 'normal', appliesTo: hasToken, preflight: 'token lifetime',
    docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    title: 'expires_in equals the documented lifetime, and is present where the vendor requires it',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const { exchange, expiresIn } = await sessionAnswer(ctx);
      const policy = ctx.target.target.provider.auth.token;
      if (expiresIn === undefined) {
        if (!policy?.expiresInOptional) v.fail('token-lifecycle', `expires_in ${lifetime(ctx)}`, 'a token answer without expires_in', exchange);
        ctx.note('token lifetime', `expires_in absent (optional per the vendor); the session assumes ${lifetime(ctx)} s`);
        return;
      }
      ctx.note('token lifetime', `${expiresIn}s (documented ${policy?.lifetimeSeconds}s, from ${policy?.lifetimeSource === 'doc' ? 'the docs' : 'the docs\' examples'})`);
      if (expiresIn !== lifetime(ctx)) v.fail('token-lifecycle', `expires_in ${lifetime(ctx)}`, `expires_in ${expiresIn}`, exchange);
    },
  },
  {
    id: 'token.jwt-claims-consistent', family: 'token', severity: 'normal', appliesTo: hasJwt,
    docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    title: "the JWT's exp - iat equals expires_in, and exp lies that far after the server's Date",
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const issued = await sessionToken(ctx);
      const claims = decodeJwt(issued.value)?.payload;
      if (!claims) v.fail('token-lifecycle', 'a JWT (header.payload.signature)', 'a token that does not decode as a JWT', issued.exchange);
      const { iat, exp } = claims;
      if (typeof iat !== 'number' || typeof exp !== 'number') v.fail('token-lifecycle', 'numeric iat and exp claims', `iat ${String(iat)}, exp ${String(exp)}`, issued.exchange);
      // expires_in, or the documented lifetime where the vendor lets the answer leave it out.
      const expiresIn = issued.lifetimeSeconds;
      if (exp - iat !== expiresIn) v.fail('token-lifecycle', `exp - iat = expires_in (${expiresIn})`, `exp - iat = ${exp - iat}`, issued.exchange);
      const dateHeader = issued.exchange.response?.headers.date;
      const serverNow = dateHeader ? Math.floor(new Date(dateHeader).getTime() / 1000) : Math.floor(issued.obtainedAtMs / 1000);
      ctx.note('token timeline', `issued ${new Date(iat * 1000).toISOString()}, expires ${new Date(exp * 1000).toISOString()}, server Date ${dateHeader ?? '(none)'}`);
      const drift = Math.abs(exp - (serverNow + expiresIn));
      if (drift > CLOCK_TOLERANCE_SECONDS) v.fail('token-lifecycle', `exp within ${CLOCK_TOLERANCE_SECONDS}s of Date + expires_in`, `${drift}s apart`, issued.exchange);
    },
  },
  {
    id: 'token.expired-token-rejected', family: 'token', severity: 'critical', appliesTo: hasToken,
    docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    negativeAuth: { attempts: (_tp, profile) => (profile.twinAdminUrl ? 1 : 0) },
    title: 'a token past its lifetime is rejected with 401',
    async run(ctx: CheckContext) {
      if (!ctx.twin) ctx.skip('an expired token needs the twin\'s clock or a token older than its lifetime; live mode has neither');
      const v: Verdict = verdict(ctx, this);
      const twin = ctx.twin;
      // The session's own token, aged past its lifetime for this probe only and then given its time back: no login of
      // its own (one token request per target and worker), and the checks after this one keep a valid token.
      const { value: token } = await sessionToken(ctx);
      ctx.spendNegativeAuth('our token, aged past its lifetime');
      const aged = lifetime(ctx) + 60;
      await twin.ageToken(token, aged);
      let probeFailed = false;
      try {
        ctx.note('token timeline', `the session's token, aged ${aged}s on the twin's clock (lifetime ${lifetime(ctx)}s) for this probe only`);
        const exchange = await ctx.api.call(ctx.target.target.provider.probeEndpoint, { auth: { authorization: `Bearer ${token}` } });
        v.status(exchange, [401], 'token-lifecycle', '401 for an expired token');
      } catch (error) {
        probeFailed = true;
        throw error;
      } finally {
        // A failed restore must not hide why the probe itself failed.
        await twin.ageToken(token, -aged).catch((error: unknown) => {
          if (!probeFailed) throw error;
        });
      }
    },
  },
  {
    id: REAUTHENTICATION_CHECK, family: 'token', severity: 'normal', appliesTo: hasToken,
    docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    // Spent by the session's recovery before any check runs, or by this check when the session logged in otherwise.
    negativeAuth: { attempts: () => 1, first: true },
    title: 'after a 401 the client logs in again exactly once and the retried request succeeds',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const session = tokenSession(ctx);
      // The worker's session took its one login through this recovery (src/auth/recovery.ts, from the session
      // fixture): its record is the evidence. A session that logged in otherwise proves it here, with a login more.
      let record = session.establishment;
      if (!record) {
        ctx.spendNegativeAuth(UNISSUED_TOKEN_ATTEMPT);
        record = await recoverFromUnissuedToken(ctx.target, ctx.http, session);
      }
      ctx.cite(record.exchanges);
      if (record.error !== undefined) {
        if (record.error instanceof CheckFailure && record.error.details.rule.id === 'auth.login') ctx.skip('the session cannot log in: token.login-issues-token reports it');
        throw record.error;
      }
      ctx.note('token timeline', `a token the API never issued, then ${record.logins} new login(s) and ${record.retries} retry(ies)${session.establishment ? ', as the session\'s first login' : ''}`);
      const { final } = record;
      // A record has an answer or an error, never neither: a missing answer must fail the check, never skip its status.
      if (!final) throw new Error(`${ctx.target.target.id}: the recovery recorded neither an answer nor an error`);
      if (record.retries !== 1 || record.logins !== 1) {
        v.fail('token-lifecycle', 'one 401, one new login, one retry', `${record.retries} retry(ies) and ${record.logins} login(s)`, final);
      }
      v.status(final, [ctx.api.endpoint(ctx.target.target.provider.probeEndpoint).successStatus], 'token-lifecycle');
    },
  },
  {
    id: 'token.bearer-not-a-credential', family: 'token', severity: 'normal', appliesTo: (tp) => !hasToken(tp),
    docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'an unknown bearer token is not accepted in place of the credential headers (401/403)',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const { provider } = ctx.target.target;
      ctx.spendNegativeAuth('a bearer token the API never issued, in place of our credential headers');
      const exchange = await ctx.api.call(provider.probeEndpoint, { auth: { authorization: `Bearer ${randomBytes(24).toString('hex')}` } });
      v.status(exchange, provider.auth.rejectedStatuses, 'auth-not-enforced', `a rejection (${provider.auth.rejectedStatuses.join('/')})`);
    },
  },
];
