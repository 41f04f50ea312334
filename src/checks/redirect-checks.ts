/** @redirect: canonical paths answer directly; slash mismatches redirect to the canonical path on the same https origin, never followed. */
import type { ExchangeResponse, Exchange } from '../http/exchange.ts';
import { toggleTrailingSlash } from '../http/url.ts';
import { always, verdict, type Check, type CheckContext, type Verdict } from './check.ts';
import { readEndpoints, writeEndpoints, writesAllowed } from './endpoints.ts';

const REDIRECTS = [301, 302, 303, 307, 308];
/** Following these turns a POST into a GET and drops its body (RFC 9110 §15.4). */
const METHOD_CHANGING = [301, 302, 303];

/** A redirect's Location must stay on the same host, over https, and name the canonical path. */
function assertCanonicalLocation(v: Verdict, exchange: Exchange, response: ExchangeResponse, canonicalUrl: string): void {
  const location = response.headers.location;
  if (!location) v.fail('redirect', `Location ${canonicalUrl}`, `${response.status} without a Location header`, exchange);
  const resolved = new URL(location, exchange.request.url);
  const canonical = new URL(canonicalUrl);
  if (resolved.protocol !== 'https:') {
    v.fail('redirect', `Location on https://${canonical.host}`, `${location}: a redirect to ${resolved.protocol}// would expose credentials (credential-leak risk)`, exchange);
  }
  if (resolved.host !== canonical.host) {
    v.fail('redirect', `Location on ${canonical.host}`, `${location}: a redirect to another origin would send credentials there (credential-leak risk)`, exchange);
  }
  if (resolved.pathname !== canonical.pathname) v.fail('redirect', `Location path ${canonical.pathname}`, `${location}`, exchange);
}

/** Answers a slash-mismatched request as the provider's policy allows: documented redirect, or (where undocumented) 404 or redirect. */
function assertMismatchAnswer(ctx: CheckContext, v: Verdict, exchange: Exchange, canonicalUrl: string): ExchangeResponse {
  const policy = ctx.target.target.provider.slash.mismatch;
  const accepted = policy === 'redirect' ? REDIRECTS : [...REDIRECTS, 404];
  const expected = policy === 'redirect' ? `a redirect (302) to ${new URL(canonicalUrl).pathname}` : `404 or a redirect to ${new URL(canonicalUrl).pathname}`;
  const status = exchange.response?.status ?? 0;
  if (status >= 200 && status < 300) {
    v.fail('redirect', expected, `${status}: the non-canonical path was ${exchange.request.method === 'GET' ? 'served' : 'processed'}`, exchange);
  }
  const response = v.status(exchange, accepted, 'redirect', expected);
  if (REDIRECTS.includes(response.status)) assertCanonicalLocation(v, exchange, response, canonicalUrl);
  return response;
}

const canonicalPathsAnswerDirectly: Check = {
  id: 'redirect.canonical-paths-answer-directly',
  family: 'redirect',
  title: 'every documented read endpoint answers on its canonical path without a redirect',
  severity: 'critical',
  docs: (p) => p.slash.docs,
  appliesTo: always,
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    for (const endpoint of readEndpoints(ctx.target, ctx.profile)) {
      const exchange = await ctx.api.call(endpoint.id);
      const status = exchange.response?.status ?? 0;
      if (REDIRECTS.includes(status)) {
        v.fail('redirect', `${endpoint.successStatus} on the canonical path ${new URL(exchange.request.url).pathname}`, `${status} -> ${exchange.response?.headers.location ?? '(no Location)'}`, exchange);
      }
      v.accepted(exchange, [endpoint.successStatus], 'redirect');
    }
  },
};

const slashMismatchOnRead: Check = {
  id: 'redirect.slash-mismatch-get',
  family: 'redirect',
  title: 'a trailing-slash mismatch on GET is redirected to the canonical path on the same https host (or, where undocumented, answered 404) — never served',
  severity: 'normal',
  docs: (p) => p.slash.docs,
  appliesTo: always,
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    for (const endpoint of readEndpoints(ctx.target, ctx.profile)) {
      const canonicalUrl = ctx.api.url(endpoint, await ctx.api.params(endpoint));
      const exchange = await ctx.api.call(endpoint.id, { url: toggleTrailingSlash(canonicalUrl) });
      assertMismatchAnswer(ctx, v, exchange, canonicalUrl);
    }
  },
};

const slashMismatchOnWrite: Check = {
  id: 'redirect.slash-mismatch-post',
  family: 'redirect',
  title: 'a trailing-slash mismatch on POST is redirected (or refused), never processed; a redirect that would turn POST into GET is reported',
  severity: 'critical',
  mutating: true,
  docs: (p) => p.slash.docs,
  appliesTo: (tp) => tp.target.provider.endpoints.some((e) => e.mutating && e.method === 'POST'),
  async run(ctx: CheckContext) {
    if (!writesAllowed(ctx.target, ctx.profile)) ctx.skip('mutating requests to prod are not allowed (CONTRACT_ALLOW_PROD_WRITES is not set)');
    const v: Verdict = verdict(ctx, this);
    const endpoint = writeEndpoints(ctx.target, ctx.profile).find((e) => e.method === 'POST');
    if (!endpoint) ctx.skip('no POST endpoint is callable on this target');
    const canonicalUrl = ctx.api.url(endpoint, await ctx.api.params(endpoint));
    const exchange = await ctx.api.call(endpoint.id, { url: toggleTrailingSlash(canonicalUrl) });
    const response = assertMismatchAnswer(ctx, v, exchange, canonicalUrl);
    if (METHOD_CHANGING.includes(response.status)) {
      ctx.note('redirect changes the method', `${response.status} on POST: a client that follows it turns POST into GET and drops the body; the suite never follows it`);
    }
  },
};

export const REDIRECT_CHECKS: Check[] = [canonicalPathsAnswerDirectly, slashMismatchOnRead, slashMismatchOnWrite];
