/** Playwright fixtures: per worker (one target), the profile, HTTP client, session, API client and validator; per test, a check context. */
import { resolve } from 'node:path';
// Playwright's bare test type, without the browser fixtures: `test` from @playwright/test sets up some 30 browser-context
// fixtures around every test (about 60 steps per check, each capturing a source-mapped stack), and its trace recorder
// makes every request a step that keeps a failed call's log, request headers included.
import * as allure from 'allure-js-commons';
import { _baseTest as base, request, type APIRequestContext, type TestInfo } from '@playwright/test';
import { ApiClient } from './auth/api-client.ts';
import type { NegativeAuthBudget } from './auth/negative-auth-budget.ts';
import { recoverFromUnissuedToken } from './auth/recovery.ts';
import { createSession, TokenSession, type AuthSession } from './auth/session.ts';
import { checksFor } from './checks/index.ts';
import { negativeAuthBudget } from './checks/negative-auth-needs.ts';
import { REAUTHENTICATION_CHECK, UNISSUED_TOKEN_ATTEMPT } from './checks/token-checks.ts';
import type { CheckContext } from './checks/check.ts';
import { TwinControl } from './checks/twin-control.ts';
import { findTargetProfile, loadProfile, type Profile, type TargetProfile } from './config/profile.ts';
import { refuseTracing } from './config/trace-refusal.ts';
import { precompiledDir } from './contracts/precompiled.ts';
import { ContractValidator } from './contracts/validator.ts';
import type { HttpClient } from './http/client.ts';
import { targetHttpClient } from './http/target-client.ts';
import type { Transport } from './http/transport.ts';
import { openTransport } from './http/transport-for.ts';
import { redactExchange, redactText, secrets } from './http/redact.ts';
import { toAllureHttp, HTTP_ATTACHMENT_TYPE } from './report/http-attachment.ts';
import { NEGATIVE_AUTH_ANNOTATION } from './report/negative-auth-count.ts';
import { reproducer } from './report/reproducer.ts';
import { writeSessionStats } from './report/session-stats.ts';
import { userAgent } from './http/user-agent.ts';
import { DEGRADED_ANNOTATION, LATENCY_ANNOTATION, latencyBudgetMs, overBudget, slowFailure } from './report/latency.ts';
import { withPlainStacks } from './http/plain-stacks.ts';
import { webhookSecretForms } from './webhooks/secret-forms.ts';
import type { Exchange } from './http/exchange.ts';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

let loadedProfile: Profile | undefined;

/** The run's profile, loaded once per process: the runner registers every target's specs, a worker its own and its fixtures. */
export function runProfile(): Profile {
  return (loadedProfile ??= loadProfile({ root: PROJECT_ROOT }));
}

class SkipCheck extends Error {}

/** Exchanges a step of a round trip attached inside itself: the test does not attach them a second time. */
const attachedInStep = new WeakSet<Exchange>();

/** Each exchange as an HTTP attachment; everything here leaves memory, so it is redacted at this one choke point first. */
async function attachExchanges(testInfo: TestInfo, exchanges: readonly Exchange[]): Promise<void> {
  for (const [index, exchange] of exchanges.map(redactExchange).entries()) {
    const url = new URL(exchange.request.url);
    await attachPlain(testInfo, `${index + 1}. ${exchange.request.method} ${url.host}${url.pathname} -> ${exchange.response?.status ?? exchange.failure?.kind}`, {
      body: JSON.stringify(toAllureHttp(exchange), null, 2),
      contentType: HTTP_ATTACHMENT_TYPE,
    });
  }
}

/** testInfo.attach, without source-mapping the stack its step captures (see src/http/plain-stacks.ts). */
const attachPlain = (testInfo: TestInfo, name: string, options: { body: string; contentType: string }): Promise<void> =>
  withPlainStacks(() => testInfo.attach(name, options));

interface WorkerFixtures {
  profile: Profile;
  targetProfile: TargetProfile;
  apiContext: APIRequestContext;
  transport: Transport;
  http: HttpClient;
  session: AuthSession;
  api: ApiClient;
  validator: ContractValidator;
  negativeAuth: NegativeAuthBudget;
}

interface TestFixtures {
  checkContext: CheckContext;
  /** Exchanges of the current test, redacted, in order. */
  exchanges: Exchange[];
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  profile: [async ({}, use) => use(runProfile()), { scope: 'worker' }],

  targetProfile: [async ({ profile }, use, workerInfo) => {
    const tp = findTargetProfile(profile, workerInfo.project.name);
    secrets.add(tp.credentials.clientSecret.reveal());
    for (const value of webhookSecretForms(tp)) secrets.add(value);
    await use(tp);
  }, { scope: 'worker' }],

  apiContext: [async ({ profile, targetProfile }, use, workerInfo) => {
    // Whatever asked for tracing (config, --trace): a traced context would write credentials to disk.
    refuseTracing(workerInfo.project.use.trace, 'Playwright options');
    const context = await request.newContext({
      ...(profile.proxy ? { proxy: profile.proxy } : {}),
      // Names the suite, the target and the worker: the twin's log (and a partner's) can tell whose request it was.
      userAgent: userAgent(targetProfile.target.id, workerInfo.workerIndex),
      ignoreHTTPSErrors: false,
      timeout: profile.requestTimeoutMs,
    });
    await use(context);
    await context.dispose();
  }, { scope: 'worker' }],

  // What the HttpClient sends with: one keep-alive connection per host, through the proxy too (transport-for.ts).
  transport: [async ({ profile, targetProfile }, use, workerInfo) => {
    refuseTracing(workerInfo.project.use.trace, 'Playwright options');
    const transport = await openTransport({
      ...(profile.proxy ? { proxy: profile.proxy } : {}), userAgent: userAgent(targetProfile.target.id, workerInfo.workerIndex), timeoutMs: profile.requestTimeoutMs,
    });
    await use(transport);
    await transport.dispose();
  }, { scope: 'worker' }],

  http: [async ({ transport, targetProfile, profile }, use) => use(targetHttpClient(transport, targetProfile, profile)), { scope: 'worker' }],

  // Every worker of a target (a replacement after a failure, too) shares the run's ledger in the output folder.
  negativeAuth: [async ({ profile, targetProfile }, use, workerInfo) => {
    await use(negativeAuthBudget(targetProfile, profile, workerInfo.config.shard, workerInfo.project.outputDir));
  }, { scope: 'worker' }],

  session: [async ({ targetProfile, http, profile, negativeAuth }, use) => {
    const session = createSession({ profile: targetProfile, http });
    // A token session takes its one login through the recovery that token.reauthenticates-once-on-401 judges, before
    // any check runs: proving the recovery costs no token of its own, and no check's evidence holds its exchanges.
    // Its never-issued token is a failing attempt: refused by the prod budget, the session logs in plainly.
    if (session instanceof TokenSession && checksFor('token', targetProfile, profile).some((c) => c.id === REAUTHENTICATION_CHECK)
      && negativeAuth.spendOutsideTest(REAUTHENTICATION_CHECK, UNISSUED_TOKEN_ATTEMPT).ok) {
      session.establishment = await recoverFromUnissuedToken(targetProfile, http, session);
    }
    await use(session);
  }, { scope: 'worker' }],

  api: [async ({ targetProfile, http, session, profile, validator }, use, workerInfo) => {
    const api = new ApiClient(targetProfile, http, session, validator);
    await use(api);
    // Counts only (no values): tests and the benchmark prove "one login per target per worker" from these, and that
    // the worker used the runner's precompiled validators.
    writeSessionStats(profile.reportsDir, {
      target: targetProfile.target.id, workerIndex: workerInfo.workerIndex,
      logins: session.logins, reauthentications: api.reauthentications, requests: http.sent,
      rateLimitWaitMs: Math.round(http.limiter?.waitedMs ?? 0), rateLimitRetries: http.rateLimitRetries, validators: validator.sources(),
    });
  }, { scope: 'worker' }],

  validator: [async ({}, use) => use(new ContractValidator(resolve(PROJECT_ROOT, 'schemas'), precompiledDir(PROJECT_ROOT))), { scope: 'worker' }],

  exchanges: async ({ http, session, targetProfile, profile }, use, testInfo) => {
    const raw: Exchange[] = [];
    const stop = http.listen((exchange) => raw.push(exchange));
    await use(raw);
    stop();
    const budget = latencyBudgetMs(profile, targetProfile);
    const slow = overBudget(raw, budget);
    if (raw.length > 0) testInfo.annotations.push({ type: LATENCY_ANNOTATION, description: raw.map((e) => e.durationMs).join(',') });
    const passed = testInfo.status === testInfo.expectedStatus && testInfo.status === 'passed';
    if (slow && passed && !profile.strict) {
      testInfo.annotations.push({ type: DEGRADED_ANNOTATION, description: slow.line }, { type: 'warning', description: `degraded: ${slow.line}` });
    }
    // A round trip's steps attached their own exchanges inside themselves.
    await attachExchanges(testInfo, raw.filter((exchange) => !attachedInStep.has(exchange)));
    // --strict: slower than the budget is a failure (thrown after the evidence is attached, so the report has it).
    const slowFails = slow !== undefined && passed && profile.strict;
    // For triage: a passing check needs no reproducer (each attachment is a step with a captured stack: not free).
    if (raw.length > 0 && (testInfo.status !== testInfo.expectedStatus || slowFails)) {
      const token = session instanceof TokenSession ? session.current?.value : undefined;
      await attachPlain(testInfo, 'reproduce with curl', {
        body: reproducer(raw, targetProfile, token ? [token] : [], profile.proxy?.server),
        contentType: 'text/plain',
      });
    }
    if (slowFails) {
      await allure.label('failure-category', 'slow');
      throw slowFailure(targetProfile, slow, budget);
    }
  },

  checkContext: async ({ profile, targetProfile, api, http, session, validator, exchanges, negativeAuth }, use, testInfo) => {
    const notes: string[] = [];
    const evidence: [string, string][] = [];
    const spending = negativeAuth.forCheck(testInfo.annotations.find((a) => a.type === 'check')?.description ?? testInfo.title);
    const attempted = (what: string) => testInfo.annotations.push({ type: NEGATIVE_AUTH_ANNOTATION, description: redactText(what) });
    // Attempts the worker made before any test (the session's recovery) are reported on its first test.
    for (const what of negativeAuth.takeOutsideTests()) attempted(what);
    const context: CheckContext = {
      profile, target: targetProfile, api, http, session, validator,
      ...(profile.twinAdminUrl ? { twin: new TwinControl(profile.twinAdminUrl) } : {}),
      note(name, value) {
        notes.push(`${name}: ${value}`);
        testInfo.annotations.push({ type: name, description: redactText(value) });
      },
      warn(message) {
        testInfo.annotations.push({ type: 'warning', description: redactText(message) });
        notes.push(`warning: ${message}`);
      },
      attach(name, body) {
        evidence.push([name, redactText(body)]);
      },
      cite(cited) {
        exchanges.push(...cited.filter((exchange) => !exchanges.includes(exchange)));
      },
      skip(reason) {
        testInfo.skip(true, reason);
        throw new SkipCheck(reason);
      },
      step(name, body) {
        // A Playwright step is an Allure step: the exchanges made inside it are attached inside it, failed or not.
        return base.step(name, async () => {
          const first = exchanges.length;
          try {
            return await body();
          } finally {
            const own = exchanges.slice(first);
            for (const exchange of own) attachedInStep.add(exchange);
            await attachExchanges(testInfo, own);
          }
        });
      },
      spendNegativeAuth(what) {
        const spent = spending.spend(what);
        if (!spent.ok) context.skip(spent.reason);
        attempted(what);
      },
      negativeAuthAllowance: () => spending.allowance(),
    };
    await use(context);
    if (notes.length > 0) await attachPlain(testInfo, 'facts and timeline', { body: redactText(notes.join('\n')), contentType: 'text/plain' });
    for (const [name, body] of evidence) await attachPlain(testInfo, name, { body, contentType: 'text/plain' });
  },
});

export { expect } from './expect.ts';
