/** @auth: per auth scheme, the credential combinations that matter; each negative case asserts the documented status and error body. */
import { randomBytes, randomUUID } from 'node:crypto';
import type { TargetProfile } from '../config/profile.ts';
import { TokenSession } from '../auth/session.ts';
import { jsonOf } from '../http/exchange.ts';
import { probeHeaders } from '../http/probe.ts';
import { secrets } from '../http/redact.ts';
import type { AuthSchemeName } from '../providers/types.ts';
import { ONE_NEGATIVE_AUTH, verdict, type Check, type CheckContext, type Verdict } from './check.ts';
import { forgeJwt, tamperJwt } from './jwt-probes.ts';

const usesScheme = (scheme: AuthSchemeName) => (tp: TargetProfile) => tp.target.provider.auth.scheme === scheme;

function tokenSession(ctx: CheckContext): TokenSession {
  if (!(ctx.session instanceof TokenSession)) throw new Error(`${ctx.target.target.id} has no token session`);
  return ctx.session;
}

/**
 * The probe endpoint called with exactly these headers, expecting the documented rejection and error body. `attempt`
 * names what of our identity the headers carry and spends a failing-authentication attempt; without headers, none.
 */
async function expectRejected(ctx: CheckContext, check: Check, headers: Record<string, string>, attempt?: string): Promise<void> {
  const v: Verdict = verdict(ctx, check);
  const { provider } = ctx.target.target;
  if (attempt !== undefined) ctx.spendNegativeAuth(attempt);
  const exchange = await ctx.api.call(provider.probeEndpoint, { auth: headers });
  v.status(exchange, provider.auth.rejectedStatuses, 'auth-not-enforced', `a rejection (${provider.auth.rejectedStatuses.join('/')})`);
  v.schema(exchange, provider.auth.errorSchema);
}

async function expectAccepted(ctx: CheckContext, check: Check, headers: Record<string, string>): Promise<void> {
  const v: Verdict = verdict(ctx, check);
  const probe = ctx.api.endpoint(ctx.target.target.provider.probeEndpoint);
  const exchange = await ctx.api.call(probe.id, { auth: headers });
  v.status(exchange, [probe.successStatus], 'credential-rejected');
}

function headerCredentials(ctx: CheckContext): { id: string; secret: string } {
  return { id: ctx.target.credentials.clientId, secret: ctx.target.credentials.clientSecret.reveal() };
}

function wrongSecret(): string {
  const value = `wrong-${randomBytes(12).toString('hex')}`;
  secrets.add(value);
  return value;
}

const clientHeaders = usesScheme('client-headers');
const jwtLogin = usesScheme('jwt-login');
const clientCredentials = usesScheme('oauth-client-credentials');

export const AUTH_CHECKS: Check[] = [
  // SpotDraft-style header credentials.
  {
    id: 'auth.headers-both-accepted', family: 'auth', severity: 'blocker', appliesTo: clientHeaders, docs: (p) => p.auth.docs,
    title: 'client-id and client-secret together are accepted',
    async run(ctx: CheckContext) {
      const { id, secret } = headerCredentials(ctx);
      await expectAccepted(ctx, this, { 'client-id': id, 'client-secret': secret });
    },
  },
  {
    id: 'auth.headers-missing-client-id-rejected', family: 'auth', severity: 'critical', appliesTo: clientHeaders, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a request without client-id is rejected (401/403 with an error body)',
    async run(ctx: CheckContext) {
      await expectRejected(ctx, this, { 'client-secret': headerCredentials(ctx).secret }, 'our client-secret without client-id');
    },
  },
  {
    id: 'auth.headers-missing-client-secret-rejected', family: 'auth', severity: 'critical', appliesTo: clientHeaders, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a request without client-secret is rejected (401/403 with an error body)',
    async run(ctx: CheckContext) {
      await expectRejected(ctx, this, { 'client-id': headerCredentials(ctx).id }, 'our client-id without client-secret');
    },
  },
  {
    id: 'auth.headers-wrong-secret-rejected', family: 'auth', severity: 'critical', appliesTo: clientHeaders, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a wrong client-secret is rejected (401/403 with an error body)',
    async run(ctx: CheckContext) {
      await expectRejected(ctx, this, { 'client-id': headerCredentials(ctx).id, 'client-secret': wrongSecret() }, 'our client-id with a wrong client-secret');
    },
  },
  {
    id: 'auth.headers-names-case-insensitive', family: 'auth', severity: 'normal', appliesTo: clientHeaders, docs: (p) => p.auth.docs,
    title: 'credential header names are case-insensitive (Client-Id / CLIENT-SECRET work)',
    async run(ctx: CheckContext) {
      const { id, secret } = headerCredentials(ctx);
      const probe = ctx.api.endpoint(ctx.target.target.provider.probeEndpoint);
      const lowerCase = await ctx.api.call(probe.id, { auth: { 'client-id': id, 'client-secret': secret } });
      if (lowerCase.response?.status !== probe.successStatus) ctx.skip('the lower-case credential headers are refused too: auth.headers-both-accepted reports that');
      await expectAccepted(ctx, this, { 'Client-Id': id, 'CLIENT-SECRET': secret });
    },
  },
  {
    id: 'auth.user-email-active-accepted', family: 'auth', severity: 'normal',
    appliesTo: (tp) => clientHeaders(tp) && tp.target.provider.userContext !== undefined,
    docs: (p) => p.userContext?.docs ?? p.auth.docs,
    title: 'user-email of an active workspace member is accepted',
    async run(ctx: CheckContext) {
      const email = ctx.target.credentials.userEmail;
      if (!email) ctx.skip(`no ${ctx.target.keys.userEmail} in the profile: an active member to act as is unknown`);
      const { id, secret } = headerCredentials(ctx);
      const header = ctx.target.target.provider.userContext?.header ?? 'user-email';
      await expectAccepted(ctx, this, { 'client-id': id, 'client-secret': secret, [header]: email });
    },
  },
  {
    id: 'auth.user-email-unknown-rejected', family: 'auth', severity: 'normal',
    appliesTo: (tp) => clientHeaders(tp) && tp.target.provider.userContext !== undefined,
    docs: (p) => p.userContext?.docs ?? p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'user-email of someone outside the workspace is rejected (401/403 with an error body)',
    async run(ctx: CheckContext) {
      const { id, secret } = headerCredentials(ctx);
      const header = ctx.target.target.provider.userContext?.header ?? 'user-email';
      await expectRejected(ctx, this, { 'client-id': id, 'client-secret': secret, [header]: `unknown-${randomUUID()}@example.invalid` }, 'our credentials with the user-email of someone outside the workspace');
    },
  },
  {
    id: 'auth.user-email-inactive-rejected', family: 'auth', severity: 'normal',
    appliesTo: (tp) => clientHeaders(tp) && tp.target.provider.userContext !== undefined,
    docs: (p) => p.userContext?.docs ?? p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'user-email of an inactive workspace member is rejected (401/403 with an error body)',
    async run(ctx: CheckContext) {
      const context = ctx.target.target.provider.userContext;
      if (!context) ctx.skip('no user context');
      const listing = await ctx.api.discover(context.usersEndpoint);
      // A listing that failed is a failure (of its own category), never a reason to skip.
      verdict(ctx, this).status(listing, [ctx.api.endpoint(context.usersEndpoint).successStatus], 'credential-rejected');
      const users = jsonOf(listing) as { results?: { email?: string; is_active?: boolean }[] } | undefined;
      const inactive = users?.results?.find((u) => u.is_active === false && typeof u.email === 'string')?.email;
      if (!inactive) ctx.skip(`the workspace lists no inactive member (${context.usersEndpoint}) to probe with`);
      const { id, secret } = headerCredentials(ctx);
      await expectRejected(ctx, this, { 'client-id': id, 'client-secret': secret, [context.header]: inactive }, 'our credentials with the user-email of an inactive member');
    },
  },

  // Spreetail-style JWT login.
  {
    id: 'auth.login-bad-credentials-rejected', family: 'auth', severity: 'critical', appliesTo: jwtLogin, docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'login with a wrong secret answers 401 with the documented failure envelope',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      ctx.spendNegativeAuth('a login with our client id and a wrong secret');
      const answer = await tokenSession(ctx).requestToken(ctx.target.credentials.clientId, wrongSecret());
      v.status(answer.exchange, ctx.target.target.provider.auth.rejectedStatuses, 'auth-not-enforced', 'a rejection (401)');
      v.schema(answer.exchange, ctx.target.target.provider.auth.errorSchema);
    },
  },
  {
    id: 'auth.no-authorization-rejected', family: 'auth', severity: 'critical', appliesTo: (tp) => jwtLogin(tp) || clientCredentials(tp),
    docs: (p) => p.auth.docs,
    title: 'a request without Authorization is rejected (401 with an error body)',
    async run(ctx: CheckContext) {
      await expectRejected(ctx, this, {});
    },
  },
  {
    id: 'auth.missing-bearer-prefix-rejected', family: 'auth', severity: 'normal', appliesTo: jwtLogin, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a token sent without the "Bearer " prefix is rejected (401)',
    async run(ctx: CheckContext) {
      const token = (await tokenSession(ctx).token()).value;
      await expectRejected(ctx, this, { authorization: token }, 'our token without the "Bearer " prefix');
    },
  },
  {
    id: 'auth.malformed-token-rejected', family: 'auth', severity: 'normal', appliesTo: jwtLogin, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a malformed bearer token is rejected (401)',
    async run(ctx: CheckContext) {
      await expectRejected(ctx, this, { authorization: 'Bearer not-a-jwt' }, 'a malformed bearer token');
    },
  },
  {
    id: 'auth.tampered-token-rejected', family: 'auth', severity: 'critical', appliesTo: jwtLogin, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a token whose payload was altered (signature no longer matches) is rejected (401)',
    async run(ctx: CheckContext) {
      const tampered = tamperJwt((await tokenSession(ctx).token()).value);
      secrets.add(tampered);
      await expectRejected(ctx, this, { authorization: `Bearer ${tampered}` }, 'our token with its payload altered');
    },
  },
  {
    id: 'auth.foreign-token-rejected', family: 'auth', severity: 'critical', appliesTo: jwtLogin, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a well-formed token signed by someone else is rejected (401)',
    async run(ctx: CheckContext) {
      const foreign = forgeJwt((await tokenSession(ctx).token()).value);
      await expectRejected(ctx, this, { authorization: `Bearer ${foreign}` }, 'a copy of our token signed by someone else');
    },
  },

  // Spotnana-style OAuth client credentials.
  {
    id: 'auth.token-bad-credentials-rejected', family: 'auth', severity: 'critical', appliesTo: clientCredentials, docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'a token request with a wrong secret is rejected (401/403 with the error body)',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      ctx.spendNegativeAuth('a token request with our client id and a wrong secret');
      const answer = await tokenSession(ctx).requestToken(ctx.target.credentials.clientId, wrongSecret());
      v.status(answer.exchange, ctx.target.target.provider.auth.rejectedStatuses, 'auth-not-enforced', 'a rejection (401/403)');
      v.schema(answer.exchange, ctx.target.target.provider.auth.errorSchema);
    },
  },
  {
    id: 'auth.token-json-body-rejected', family: 'auth', severity: 'normal', appliesTo: clientCredentials, docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    title: 'the token endpoint refuses a JSON body where form encoding is documented (400/415)',
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const { provider } = ctx.target.target;
      const tokenEndpoint = ctx.api.endpoint(provider.auth.token?.endpoint ?? '');
      const { id, secret } = headerCredentials(ctx);
      const exchange = await ctx.http.send({
        method: 'POST', url: ctx.api.url(tokenEndpoint), headers: { accept: 'application/json', ...probeHeaders(this.id) },
        json: { grant_type: 'client_credentials', client_id: id, client_secret: secret }, carriesCredentials: true, isLogin: true,
      });
      const accepted = provider.auth.wrongBodyStatuses ?? [400, 415];
      const token = (jsonOf(exchange) as { access_token?: unknown } | undefined)?.access_token;
      if (typeof token === 'string') secrets.add(token);
      v.status(exchange, accepted, 'auth-not-enforced', `a refusal (${accepted.join('/')})`);
    },
  },
  {
    id: 'auth.invalid-bearer-rejected', family: 'auth', severity: 'critical', appliesTo: clientCredentials, docs: (p) => p.auth.docs,
    negativeAuth: ONE_NEGATIVE_AUTH,
    title: 'an invalid bearer token is rejected (401 with the error body)',
    async run(ctx: CheckContext) {
      await expectRejected(ctx, this, { authorization: `Bearer ${randomBytes(24).toString('hex')}` }, 'a bearer token the API never issued');
    },
  },
];
