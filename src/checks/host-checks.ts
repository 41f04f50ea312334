/** @host: the documented host, its certificate, http -> https, path joining, and host/credential coupling. */
import { TARGETS } from '../providers/catalogue.ts';
import { CheckFailure } from '../failure.ts';
import type { Exchange } from '../http/exchange.ts';
import type { TargetProfile } from '../config/profile.ts';
import { TokenSession } from '../auth/session.ts';
import { doubleFirstSegment } from '../http/url.ts';
import { classifyNetworkError } from '../http/network-failure.ts';
import { probeCertificate } from '../http/tls-probe.ts';
import { always, verdict, type Check, type CheckContext, type Verdict } from './check.ts';

/** Other documented hosts of the same provider that must reject this target's credentials, with their base URLs. */
export function foreignHosts(tp: TargetProfile): { label: string; baseUrl: string }[] {
  const ownHost = new URL(tp.baseUrl).host;
  const seen = new Set([ownHost]);
  const result: { label: string; baseUrl: string }[] = [];
  for (const other of TARGETS) {
    if (other.provider.id !== tp.target.provider.id) continue;
    const sameRegion = other.region === tp.target.region;
    const sameEnvironment = other.environment === tp.target.environment;
    // Other regions in the same environment; the other environment of the same region where its host differs.
    if (!(sameEnvironment && !sameRegion) && !(sameRegion && !sameEnvironment)) continue;
    const host = new URL(other.documentedBaseUrl).host;
    if (seen.has(host)) continue;
    seen.add(host);
    result.push({ label: other.id, baseUrl: other.documentedBaseUrl });
  }
  return result;
}

/** A token target presents its client credentials (a token request) and then its token to each other host. */
const attemptsPerHost = (tp: TargetProfile): number => (tp.target.provider.auth.scheme === 'client-headers' ? 1 : 2);

/** Certificate expiry thresholds in days: warn under the first, fail under the second. */
export const CERTIFICATE_WARN_DAYS = 21;
export const CERTIFICATE_FAIL_DAYS = 7;

/** The exchange, unless TLS to the host fails (on the call itself or on the login it needs): then host.tls-certificate reports it and this check is skipped. */
async function unlessTlsFails(ctx: CheckContext, call: () => Promise<Exchange>): Promise<Exchange> {
  const skip = () => ctx.skip('the TLS handshake with the host failed: host.tls-certificate reports it');
  try {
    const exchange = await call();
    if (exchange.failure?.category === 'tls') skip();
    return exchange;
  } catch (error) {
    if (error instanceof CheckFailure && error.category === 'tls') skip();
    throw error;
  }
}

const tlsCertificate: Check = {
  id: 'host.tls-certificate',
  family: 'host',
  title: `the TLS certificate is trusted, issued for the documented host and valid for at least ${CERTIFICATE_FAIL_DAYS} more days`,
  severity: 'blocker',
  preflight: 'tls',
  docs: (p) => p.hostDocs,
  appliesTo: always,
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    const host = new URL(ctx.target.baseUrl).hostname;
    const where = `TLS ${host}:443 /`;
    let report;
    try {
      report = await probeCertificate(host, { ...(ctx.profile.proxy ? { proxy: ctx.profile.proxy } : {}), timeoutMs: ctx.profile.requestTimeoutMs });
    } catch (error) {
      const failure = classifyNetworkError(error);
      v.fail(failure.category, 'a TLS handshake', `${failure.kind}: ${failure.message}`, undefined, undefined, where);
    }
    ctx.note('certificate', `${report.subject} (SAN ${report.altNames.join(', ')}) issued by ${report.issuer}, valid until ${report.validTo}`);
    ctx.note('days to certificate expiry', String(report.daysToExpiry));
    if (report.failure) {
      v.fail('tls', `a trusted certificate for ${host}`, `${report.failure.kind}: ${report.failure.message} (subject ${report.subject}, SAN ${report.altNames.join(', ')}, valid ${report.validFrom} to ${report.validTo})`, undefined, undefined, where);
    }
    if (report.daysToExpiry < 0) v.fail('tls', 'a certificate that has not expired', `expired on ${report.validTo}`, undefined, undefined, where);
    if (report.daysToExpiry < CERTIFICATE_FAIL_DAYS) {
      v.fail('tls', `at least ${CERTIFICATE_FAIL_DAYS} days to certificate expiry`, `${report.daysToExpiry} days (expires ${report.validTo})`, undefined, undefined, where);
    }
    if (report.daysToExpiry < CERTIFICATE_WARN_DAYS) ctx.warn(`certificate of ${host} expires in ${report.daysToExpiry} days (${report.validTo})`);
  },
};

const ownHostAcceptsCredentials: Check = {
  id: 'host.own-host-accepts-credentials',
  family: 'host',
  title: "the target's credentials work on its own documented host",
  severity: 'blocker',
  preflight: 'credential',
  docs: (p) => p.hostDocs,
  appliesTo: always,
  async run(ctx: CheckContext) {
    const endpoint = ctx.api.endpoint(ctx.target.target.provider.probeEndpoint);
    const exchange = await unlessTlsFails(ctx, () => ctx.api.call(endpoint.id));
    const v: Verdict = verdict(ctx, this);
    v.accepted(exchange, [endpoint.successStatus], 'wrong-host');
  },
};

const otherHostsRejectCredentials: Check = {
  id: 'host.other-hosts-reject-credentials',
  family: 'host',
  title: "credentials are rejected on every other region's or environment's host (401/403, never 2xx, 404 or 5xx)",
  severity: 'critical',
  preflight: 'isolation',
  docs: (p) => p.hostDocs,
  appliesTo: (tp) => foreignHosts(tp).length > 0,
  negativeAuth: { attempts: (tp) => foreignHosts(tp).length * attemptsPerHost(tp), unit: attemptsPerHost },
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    const { provider } = ctx.target.target;
    const probe = ctx.api.endpoint(provider.probeEndpoint);
    const params = await ctx.api.params(probe);
    const credentials = await ctx.session.authenticate();
    // Against prod the budget of failing authentication attempts may allow fewer hosts: those probed are probed whole.
    const perHost = attemptsPerHost(ctx.target);
    const hosts = foreignHosts(ctx.target);
    const probed = hosts.slice(0, Math.floor(Math.min(hosts.length * perHost, ctx.negativeAuthAllowance()) / perHost));
    // Nothing left for one host: spending says why, and skips the check.
    if (probed.length === 0) ctx.spendNegativeAuth(`our credentials on ${hosts[0]?.label ?? 'another'}'s host`);
    ctx.note('hosts probed', probed.map((h) => h.label).join(', '));
    if (probed.length < hosts.length) {
      ctx.warn(`isolation probed on ${probed.length} of ${hosts.length} other hosts (prod limit CONTRACT_PROD_NEGATIVE_AUTH_LIMIT=${ctx.profile.prodNegativeAuthLimit} failing attempts per target)`);
    }
    for (const foreign of probed) {
      if (ctx.session instanceof TokenSession) {
        const { credentials: c } = ctx.target;
        ctx.spendNegativeAuth(`a token request with our client credentials on ${foreign.label}'s host`);
        const answer = await ctx.session.requestToken(c.clientId, c.clientSecret.reveal(), foreign.baseUrl);
        v.status(answer.exchange, provider.auth.rejectedStatuses, 'wrong-host', `our client credentials refused by ${foreign.label}'s host (${provider.auth.rejectedStatuses.join('/')})`);
      }
      ctx.spendNegativeAuth(`our ${ctx.session instanceof TokenSession ? 'token' : 'credentials'} on ${foreign.label}'s host`);
      const exchange = await ctx.api.call(probe.id, { auth: credentials, url: ctx.api.url(probe, params, foreign.baseUrl) });
      v.status(exchange, provider.auth.rejectedStatuses, 'wrong-host', `our credentials refused by ${foreign.label}'s host (${provider.auth.rejectedStatuses.join('/')})`);
    }
  },
};

const httpRedirectsToHttps: Check = {
  id: 'host.http-redirects-to-https',
  family: 'host',
  title: 'http:// answers a redirect to https on the same host (and no credential is ever sent over http)',
  severity: 'critical',
  docs: (p) => p.slash.docs,
  appliesTo: always,
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    const probe = ctx.api.endpoint(ctx.target.target.provider.probeEndpoint);
    const httpsUrl = ctx.api.url(probe, await ctx.api.params(probe));
    const httpUrl = httpsUrl.replace(/^https:/, 'http:');
    // No credentials: the guard would refuse them over http anyway.
    const exchange = await ctx.api.call(probe.id, { auth: 'none', url: httpUrl });
    const response = v.status(exchange, [301, 302, 303, 307, 308], 'redirect', 'a 3xx redirect to https');
    const location = response.headers.location;
    const target = location ? new URL(location, httpUrl) : undefined;
    if (!target || target.protocol !== 'https:' || target.host !== new URL(httpsUrl).host) {
      v.fail('redirect', `Location https://${new URL(httpsUrl).host}/…`, location ?? 'no Location header', exchange);
    }
  },
};

const doubledBaseSegmentNotServed: Check = {
  id: 'host.doubled-path-segment-not-served',
  family: 'host',
  title: 'a path with the base segment doubled (e.g. /api/api/) is not served as if valid',
  severity: 'normal',
  docs: (p) => p.hostDocs,
  appliesTo: always,
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    const probe = ctx.api.endpoint(ctx.target.target.provider.probeEndpoint);
    const canonical = ctx.api.url(probe, await ctx.api.params(probe));
    const doubled = doubleFirstSegment(canonical, new URL(ctx.target.baseUrl).pathname);
    const exchange = await unlessTlsFails(ctx, () => ctx.api.call(probe.id, { url: doubled }));
    const status = exchange.response?.status ?? 0;
    if (status >= 200 && status < 300) {
      v.fail('wrong-host', 'a 404 or a redirect for a doubled path segment', `${status}: the doubled path is served as if valid`, exchange);
    }
    // No answer, a server error or a rate limit says nothing about the doubled path: reported as what it is.
    if (exchange.failure || status === 429 || status >= 500) v.status(exchange, [], 'wrong-host', 'a 404 or a redirect for a doubled path segment');
  },
};

export const HOST_CHECKS: Check[] = [tlsCertificate, ownHostAcceptsCredentials, otherHostsRejectCredentials, httpRedirectsToHttps, doubledBaseSegmentNotServed];

export type { CheckContext };
