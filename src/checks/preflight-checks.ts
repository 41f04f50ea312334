/** Checks only a pre-release preflight runs: whose account the credential is, how old the secret is, whether the clocks agree. */
import { TokenSession } from '../auth/session.ts';
import { jsonOf, type Exchange } from '../http/exchange.ts';
import { always, verdict, type Check, type CheckContext, type Verdict } from './check.ts';
import { decodeJwt } from './jwt-probes.ts';
import { WEBHOOK_CHECKS } from './webhook-checks.ts';

const DAY_MS = 86_400_000;
/** Largest accepted difference between the server's Date and ours. */
export const CLOCK_TOLERANCE_SECONDS = 120;

/** Every value at a dotted path in a body; arrays fan out (SpotDraft entities are a bare array). */
function valuesAt(body: unknown, path: string): string[] {
  let nodes: unknown[] = [body];
  for (const part of path.split('.')) {
    nodes = nodes.flatMap((node) => (Array.isArray(node) ? node : [node]))
      .map((node) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined))
      .filter((value) => value !== undefined && value !== null);
  }
  return nodes.flatMap((node) => (Array.isArray(node) ? node : [node])).filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

async function identityExchange(ctx: CheckContext, endpointId: string): Promise<Exchange> {
  const tokenEndpoint = ctx.target.target.provider.auth.token?.endpoint;
  // The login answer names the account (Spreetail): use the session's own login, no extra token request.
  if (endpointId === tokenEndpoint && ctx.session instanceof TokenSession) return (await ctx.session.token()).exchange;
  return ctx.api.discover(endpointId);
}

export const PREFLIGHT_CHECKS: Check[] = [
  {
    id: 'preflight.identity', family: 'preflight', severity: 'blocker', preflight: 'identity', appliesTo: always,
    docs: (p) => p.identity.docs,
    title: 'the credential belongs to the account the profile expects (<PREFIX>_EXPECTED_ACCOUNT)',
    async run(ctx: CheckContext) {
      const key = `${ctx.target.target.keyPrefix}_EXPECTED_ACCOUNT`;
      const expected = ctx.target.credentials.expectedAccount;
      if (!expected) ctx.skip(`no ${key} declared: the account behind the credential is not confirmed`);
      const v: Verdict = verdict(ctx, this);
      const { identity } = ctx.target.target.provider;
      const endpoint = ctx.api.endpoint(identity.endpoint);
      const exchange = await identityExchange(ctx, identity.endpoint);
      v.status(exchange, [endpoint.successStatus], 'credential-rejected');
      const body = jsonOf(exchange);
      const seen = identity.fields.flatMap((field) => valuesAt(body, field));
      if (ctx.session instanceof TokenSession) {
        const claims = decodeJwt(ctx.session.current?.value ?? '')?.payload;
        if (claims) seen.push(...['client_id', 'sub'].map((c) => claims[c]).filter((c): c is string => typeof c === 'string'));
      }
      ctx.note('account', `${identity.fields.join(' / ')}: ${[...new Set(seen)].join(', ') || '(none)'}`);
      if (!seen.includes(expected)) {
        v.fail('configuration', `${key} "${expected}" among ${identity.fields.join(' / ')}`, `${[...new Set(seen)].join(', ') || 'no account identifier'} — a credential of another account or environment?`, exchange);
      }
    },
  },
  {
    id: 'preflight.secret-age', family: 'preflight', severity: 'critical', preflight: 'secret age', appliesTo: always,
    docs: () => ({ title: 'Spotnana security recommendations: rotate clientSecret every 90 days (applied to all providers)', url: 'https://developer.spotnana.com/' }),
    title: 'the client secret was rotated recently enough (<PREFIX>_SECRET_ROTATED_AT)',
    async run(ctx: CheckContext) {
      const key = `${ctx.target.target.keyPrefix}_SECRET_ROTATED_AT`;
      const rotated = ctx.target.credentials.secretRotatedAt;
      if (!rotated) ctx.skip(`no ${key} declared: the secret's age is unknown`);
      const v: Verdict = verdict(ctx, this);
      const { warnDays, maxDays } = ctx.profile.secretAge;
      const days = Math.floor((Date.now() - rotated.getTime()) / DAY_MS);
      ctx.note('secret age', `${days} days since ${rotated.toISOString().slice(0, 10)} (warn from ${warnDays}, fail from ${maxDays})`);
      if (days >= maxDays) v.fail('configuration', `a secret younger than ${maxDays} days`, `${days} days since ${key}=${rotated.toISOString().slice(0, 10)}: rotate it`, undefined, undefined, `profile ${key}`);
      if (days >= warnDays) ctx.warn(`secret is ${days} days old (rotation due at ${maxDays})`);
    },
  },
  {
    id: 'preflight.server-clock', family: 'preflight', severity: 'normal', preflight: 'clock', appliesTo: always,
    docs: (p) => p.auth.token?.docs ?? p.auth.docs,
    title: `the server's clock is within ${CLOCK_TOLERANCE_SECONDS} s of ours (token expiry depends on it)`,
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const exchange = await ctx.api.discover(ctx.target.target.provider.probeEndpoint);
      v.status(exchange, [ctx.api.endpoint(ctx.target.target.provider.probeEndpoint).successStatus], 'credential-rejected');
      const date = exchange.response?.headers.date;
      if (!date) v.fail('token-lifecycle', 'a Date header', 'none', exchange);
      const ours = new Date(exchange.startedAt).getTime() + exchange.durationMs / 2;
      const skew = Math.round((new Date(date).getTime() - ours) / 1000);
      ctx.note('clock skew', `${skew} s (server ${date})`);
      if (Math.abs(skew) > CLOCK_TOLERANCE_SECONDS) v.fail('token-lifecycle', `clocks within ${CLOCK_TOLERANCE_SECONDS} s`, `${skew} s apart`, exchange);
    },
  },
  ...WEBHOOK_CHECKS,
];
