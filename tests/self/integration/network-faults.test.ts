/**
 * Network faults (twin/faults/network.ts, plus the contract catalogue's wrong-host certificate): every one is met by the
 * suite, classified into its category with a failure line that names its kind, no check waits much longer than
 * CONTRACT_REQUEST_TIMEOUT_MS, no stack trace is printed, and the run ends with exit 1, summary.json and Allure results.
 * Two suite runs try them all, one fault per target (`name@target`), on the checks that meet the network first.
 * Then: transport errors as Playwright and the keep-alive transport report them, and a run whose setup fails still leaves both reports.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { request } from '@playwright/test';
import { isCategory } from '../../../src/categories.ts';
import { HOST_CHECKS } from '../../../src/checks/host-checks.ts';
import { playwrightTransport } from '../../../src/http/transport.ts';
import { HttpClient } from '../../../src/http/client.ts';
import { KeepAliveTransport } from '../../../src/http/keep-alive-transport.ts';
import { findTarget } from '../../../src/providers/catalogue.ts';
import type { NetworkFailure } from '../../../src/http/exchange.ts';
import type { Summary, SummaryCheck } from '../../../src/report/summary-reporter.ts';
import { findFault } from '../../../twin/faults/catalogue.ts';
import { NETWORK_FAULTS, findNetworkFault } from '../../../twin/faults/network.ts';
import { targetsOnHost } from '../../../twin/faults/scope.ts';
import { allureCli } from '../../../scripts/run-playwright.ts';
import { PLAYWRIGHT_CLI, ROOT } from '../helpers/paths.ts';
import { cleanEnv, describeRun, readSummary, runContracts, runNode, type RunResult } from '../helpers/processes.ts';
import { tempDir } from '../helpers/profiles.ts';

const TIMEOUT_MS = 2_000;
/** What a check may take beyond its timeout: fixtures, a worker's first request, the bounded 429 retries' last answer. */
const MARGIN_MS = 1_500;

/** The checks that meet the network first: the TLS probe, the first authenticated call, plain http, an unauthenticated call. */
const CHECKS = ['host.tls-certificate', 'host.own-host-accepts-credentials', 'host.http-redirects-to-https', 'schema.error-body'];
const ERROR_BODY_TITLE = 'an unauthenticated request answers with the documented error body';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const GREP = [...HOST_CHECKS.filter((c) => CHECKS.includes(c.id)).map((c) => c.title), ERROR_BODY_TITLE].map(escape).join('|');

interface Trial {
  fault: string;
  /** The target it is scoped to (`fault@target`). */
  target: string;
}

/** One fault per target; tunnel-layer faults on the Spotnana hosts, which no other target of this selection reaches. */
const ANSWERS_AND_TUNNELS: Trial[] = [
  { fault: 'network-no-response', target: 'spotdraft-in-uat' },
  { fault: 'network-body-stalls', target: 'spotdraft-in-prod' },
  { fault: 'network-reset-mid-body', target: 'spotdraft-us-uat' },
  { fault: 'network-500', target: 'spotdraft-us-prod' },
  { fault: 'network-502', target: 'spotdraft-me-uat' },
  { fault: 'network-503', target: 'spotdraft-me-prod' },
  { fault: 'network-429-with-retry-after', target: 'spotdraft-eu-uat' },
  { fault: 'network-429-without-retry-after', target: 'spotdraft-eu-prod' },
  // Token targets: the login is the first body the suite parses.
  { fault: 'network-invalid-json', target: 'spreetail-eu-uat' },
  { fault: 'network-html-instead-of-json', target: 'spreetail-eu-prod' },
  { fault: 'network-connection-refused', target: 'spotnana-global-uat' },
  { fault: 'network-unknown-host', target: 'spotnana-global-prod' },
];

/** Certificates belong to a host: each fault takes both targets of its (shared) host. */
const CERTIFICATES: Trial[] = [
  { fault: 'spotdraft-certificate-for-another-host', target: 'spotdraft-in-prod' },
  { fault: 'network-untrusted-certificate-authority', target: 'spreetail-eu-prod' },
];

interface Expectation {
  fault: string;
  category: string;
  kind: string;
  /** Every target the fault reaches: the scoped one, or all on its host for host-wide layers. */
  targets: string[];
  /** The checks that must fail (the rest may pass: a TLS fault leaves plain http alone, an answer fault the TLS probe). */
  mustFail: string[];
}

function hostOf(targetId: string): string {
  const target = findTarget(targetId);
  assert.ok(target, `${targetId} is a target`);
  return new URL(target.documentedBaseUrl).hostname;
}

function expectationOf({ fault, target }: Trial): Expectation {
  const network = findNetworkFault(fault);
  if (network) {
    return {
      fault, category: network.category, kind: network.kind,
      targets: network.layer === 'answer' ? [target] : targetsOnHost(hostOf(target)),
      mustFail: {
        answer: ['host.own-host-accepts-credentials', 'schema.error-body'],
        tunnel: ['host.tls-certificate', 'host.own-host-accepts-credentials', 'schema.error-body'],
        tls: ['host.tls-certificate', 'schema.error-body'],
      }[network.layer],
    };
  }
  const contract = findFault(fault);
  assert.ok(contract, `${fault} is in neither catalogue`);
  return {
    fault, category: contract.category, kind: 'certificate for another host',
    targets: targetsOnHost(hostOf(contract.target)), mustFail: ['host.tls-certificate', 'schema.error-body'],
  };
}

const STACK_FRAME = /^\s+at (?:\S+ \()?\S+:\d+:\d+\)?$/m;

function allureResults(dir: string): { status: string; labels: { name: string; value: string }[]; statusDetails?: { message?: string } }[] {
  const resultsDir = join(dir, 'reports', 'allure-results');
  assert.ok(existsSync(resultsDir), `no Allure results at ${resultsDir}`);
  return readdirSync(resultsDir).filter((f) => f.endsWith('-result.json')).map((f) => JSON.parse(readFileSync(join(resultsDir, f), 'utf8')));
}

/** What a fault did: the categories and kind its failures carried, how many checks failed, on which targets. */
interface Outcome {
  got: Set<string>;
  failed: number;
  targets: string[];
}

/** The assertions every network-fault run must pass, per fault and for the run as a whole; returns each fault's outcome. */
function assertClassified(run: RunResult, dir: string, expectations: Expectation[]): Map<string, Outcome> {
  assert.equal(run.code, 1, describeRun(run));
  assert.equal(run.signal, null, describeRun(run));
  assert.doesNotMatch(`${run.stdout}\n${run.stderr}`, STACK_FRAME, `a stack trace was printed\n${describeRun(run)}`);
  const summary: Summary = readSummary(dir);
  assert.equal(summary.status, 'failed');
  const outcomes = new Map<string, Outcome>();
  for (const expected of expectations) {
    const outcome: Outcome = { got: new Set(), failed: 0, targets: expected.targets };
    outcomes.set(expected.fault, outcome);
    for (const targetId of expected.targets) {
      const target = summary.targets.find((t) => t.target === targetId);
      assert.ok(target, `${targetId} ran`);
      const failed = target.checks.filter((c) => c.status === 'failed');
      const ids = failed.map((c) => c.id);
      for (const id of expected.mustFail) assert.ok(ids.includes(id), `${expected.fault} on ${targetId}: ${id} failed (failed: ${ids.join(', ')})`);
      for (const check of failed) assertLine(expected, targetId, check);
      for (const check of target.checks) {
        assert.ok(check.durationMs <= TIMEOUT_MS + MARGIN_MS, `${targetId} ${check.id} took ${check.durationMs} ms, more than the ${TIMEOUT_MS} ms timeout + ${MARGIN_MS} ms`);
      }
      for (const check of failed) outcome.got.add(`${check.category} (${expected.kind})`);
      outcome.failed += failed.length;
    }
  }
  // Allure has a failed result under the same category for every failed check, and nothing broken (a suite error).
  const results = allureResults(dir);
  assert.deepEqual(results.filter((r) => r.status === 'broken').map((r) => r.statusDetails?.message), []);
  const label = (r: (typeof results)[number], name: string) => r.labels.find((l) => l.name === name)?.value;
  const inAllure = results.filter((r) => r.status === 'failed').map((r) => `${label(r, 'target')} ${label(r, 'check')} ${label(r, 'failure-category')}`).sort();
  const inSummary = summary.targets.flatMap((t) => t.checks.filter((c) => c.status === 'failed').map((c) => `${t.target} ${c.id} ${c.category}`)).sort();
  assert.deepEqual(inAllure, inSummary);
  return outcomes;
}

function assertLine(expected: Expectation, targetId: string, check: SummaryCheck): void {
  const reason = check.reason ?? '';
  const where = `${expected.fault} on ${targetId}, ${check.id}: ${reason}`;
  assert.equal(check.category, expected.category, where);
  assert.ok(reason.startsWith(`[${expected.category}] ${targetId}: `), where);
  assert.ok(reason.includes(expected.kind), `the line names the kind "${expected.kind}": ${where}`);
  assert.doesNotMatch(reason, /[\r\n]|Call log|apiRequestContext|client-secret|authorization/i, where);
}

function suiteRun(trials: Trial[], dir: string, projects: string[] = []): Promise<RunResult> {
  return runContracts(cleanEnv({
    TWIN_FAULTS: trials.map((t) => `${t.fault}@${t.target}`).join(','),
    CONTRACT_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS),
  }), dir, 240_000, ['--grep', GREP, ...projects.flatMap((p) => ['--project', p])]);
}

const out = tempDir('contracts-network-faults-');
after(() => out.remove());
const tried = new Map<string, Outcome>();

describe('network faults from the twin', () => {
  test('every network fault of the catalogue is tried here, and consulted by the twin', () => {
    const trials = [...ANSWERS_AND_TUNNELS, ...CERTIFICATES].map((t) => t.fault);
    assert.deepEqual(NETWORK_FAULTS.map((f) => f.name).filter((name) => !trials.includes(name)), []);
    assert.equal(new Set(ANSWERS_AND_TUNNELS.map((t) => t.target)).size, ANSWERS_AND_TUNNELS.length, 'one fault per target');
    const twin = ['network-emulation.ts', 'tls.ts'].map((file) => readFileSync(join(ROOT, 'twin', 'faults', file), 'utf8')).join('\n');
    assert.deepEqual(NETWORK_FAULTS.filter((f) => !twin.includes(`'${f.name}'`)).map((f) => f.name), [], 'faults no twin module plays');
    for (const f of NETWORK_FAULTS) assert.ok(isCategory(f.category), `${f.name}: category ${f.category}`);
  });

  test('answers and tunnels: 12 faults in one run, one per target, each classified with its kind', { timeout: 300_000 }, async () => {
    const dir = join(out.path, 'answers-and-tunnels');
    const run = await suiteRun(ANSWERS_AND_TUNNELS, dir);
    for (const [fault, outcome] of assertClassified(run, dir, ANSWERS_AND_TUNNELS.map(expectationOf))) tried.set(fault, outcome);
  });

  test('certificates: another host\'s, and one from a CA nobody trusts', { timeout: 120_000 }, async () => {
    const dir = join(out.path, 'certificates');
    const expectations = CERTIFICATES.map(expectationOf);
    const run = await suiteRun(CERTIFICATES, dir, expectations.flatMap((e) => e.targets));
    for (const [fault, outcome] of assertClassified(run, dir, expectations)) tried.set(fault, outcome);
  });

  after(() => {
    const lines = [...tried].map(([fault, o]) => `  ${fault}: ${[...o.got].join(', ')} — ${o.failed} failed checks on ${o.targets.join(', ')}`);
    console.log(`network faults tried: ${tried.size}\n${lines.join('\n')}`);
  });
});

/** A local server that reads requests and answers none, or breaks each connection off after the status line. */
function misbehavingServer(how: 'silent' | 'reset'): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = http.createServer((_req, res) => {
    if (how === 'reset') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"results": [', () => res.socket?.destroy());
    }
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((done) => server.close(() => done()));
    },
  })));
}

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

type Via = 'playwright' | 'keep-alive';

describe('transport errors, as Playwright and the keep-alive transport report them, are classified the same way', () => {
  const policy = { credentialHosts: new Set<string>(), production: false, allowProdWrites: false };
  let port = 0;
  before(async () => {
    port = await closedPort();
  });

  /** Playwright's context, or the keep-alive transport (keep-alive-transport.ts), through the proxy when one is given. */
  async function failureOf(via: Via, url: string, proxy?: string): Promise<{ failure: NetworkFailure | undefined; ms: number }> {
    const transport = via === 'playwright'
      ? playwrightTransport(await request.newContext({ ...(proxy ? { proxy: { server: proxy } } : {}), timeout: TIMEOUT_MS }))
      : new KeepAliveTransport({ ...(proxy ? { proxy: { server: proxy } } : {}), userAgent: 'network-faults-test' });
    try {
      const exchange = await new HttpClient(transport, policy, TIMEOUT_MS).send({ method: 'GET', url, carriesCredentials: false });
      return { failure: exchange.failure, ms: exchange.durationMs };
    } finally {
      await transport.dispose();
    }
  }

  const cases: { label: string; at: () => Promise<{ url: string; proxy?: string; close?: () => Promise<void> }>; category: string; kind: string }[] = [
    { label: 'nothing listens on the port', at: async () => ({ url: `https://127.0.0.1:${port}/` }), category: 'network-unreachable', kind: 'connection refused' },
    { label: 'the proxy itself refuses the connection', at: async () => ({ url: 'https://api.us.spotdraft.com/', proxy: `http://127.0.0.1:${port}` }), category: 'network-unreachable', kind: 'connection refused' },
    { label: 'the name does not resolve (.invalid)', at: async () => ({ url: 'https://partner-api-contracts.invalid/' }), category: 'network-unreachable', kind: 'unknown host (DNS)' },
    { label: 'the server never answers', at: () => misbehavingServer('silent'), category: 'timeout', kind: 'timeout' },
    { label: 'the connection breaks off mid-body', at: () => misbehavingServer('reset'), category: 'network-unreachable', kind: 'connection reset mid-body' },
  ];
  for (const via of ['playwright', 'keep-alive'] as const) for (const { label, at, category, kind } of cases) {
    test(`${via}: ${label}: ${category} (${kind}), within the timeout`, async () => {
      const where = await at();
      try {
        const { failure, ms } = await failureOf(via, where.url, where.proxy);
        assert.equal(failure?.category, category, JSON.stringify(failure));
        assert.equal(failure?.kind, kind, JSON.stringify(failure));
        assert.doesNotMatch(failure?.message ?? '', /[\r\n]|apiRequestContext|Call log/);
        assert.ok(ms <= TIMEOUT_MS + MARGIN_MS, `${ms} ms`);
      } finally {
        await where.close?.();
      }
    });
  }
});

describe('a run whose setup fails', () => {
  test('npm run contracts refuses an unknown twin fault before Playwright starts: exit 2, one line naming TWIN_FAULTS', { timeout: 60_000 }, async () => {
    const dir = join(out.path, 'setup-refused');
    const run = await runContracts(cleanEnv({ TWIN_FAULTS: 'network-no-such-fault' }), dir, 55_000, ['--project', 'spotnana-global-prod']);
    assert.equal(run.code, 2, describeRun(run));
    assert.match(run.stderr.trim(), /^\[configuration\] environment: TWIN_FAULTS — unknown twin fault "network-no-such-fault" \([^\n]*$/);
    assert.ok(!existsSync(join(dir, 'reports', 'summary.json')), 'nothing ran, so nothing reports');
  });

  test('playwright test itself still writes summary.json (setup-failed, with the one-line reason), an Allure result and a report', { timeout: 120_000 }, async () => {
    // Without npm run contracts' check, the same mistake reaches the twin's global setup.
    const dir = join(out.path, 'setup-fails');
    const reports = join(dir, 'reports');
    const run = await runNode([PLAYWRIGHT_CLI, 'test', '--project', 'spotnana-global-prod'], cleanEnv({
      TWIN_FAULTS: 'network-no-such-fault', CONTRACT_REPORTS_DIR: reports, CONTRACT_OUTPUT_DIR: join(dir, 'test-results'),
    }), 110_000);
    assert.equal(run.code, 1, describeRun(run));
    assert.doesNotMatch(`${run.stdout}\n${run.stderr}`, STACK_FRAME, `a stack trace was printed\n${describeRun(run)}`);
    const summary = readSummary(dir);
    assert.equal(summary.status, 'setup-failed');
    assert.match(summary.setupError ?? '', /^\[configuration\] setup: the run could not start — unknown twin fault "network-no-such-fault" \(/);
    assert.doesNotMatch(summary.setupError ?? '', /[\r\n]/);
    assert.deepEqual(summary.totals, { passed: 0, failed: 0, known: 0, skipped: 0, degraded: 0 });
    assert.equal(summary.verdict, 'red', 'a run that could not start is never green');
    const results = allureResults(dir);
    assert.equal(results.length, 1, JSON.stringify(results));
    assert.equal(results[0]?.status, 'broken');
    assert.equal(results[0]?.statusDetails?.message, summary.setupError);
    assert.equal(results[0]?.labels.find((l) => l.name === 'failure-category')?.value, 'configuration');
    const report = await runNode([allureCli(), 'generate', join(reports, 'allure-results'), '--output', join(reports, 'allure-report'), '--config', join(ROOT, 'allurerc.mjs')], cleanEnv({ CONTRACT_REPORTS_DIR: reports }), 60_000);
    assert.equal(report.code, 0, describeRun(report));
    assert.ok(existsSync(join(reports, 'allure-report', 'index.html')), describeRun(report));
  });
});
