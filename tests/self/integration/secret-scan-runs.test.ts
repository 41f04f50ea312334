/**
 * `npm run scan:secrets` after every kind of run: each run below goes against this file's twin, in its own folder,
 * and leaves its reports (summary.json, allure-results, the Allure report), its test results (traces included),
 * blob reports and its captured console output there. Every file is then scanned — zip entries included — for every
 * configured secret and every token the twin issued so far, raw and in every encoding: no finding, ever.
 * Runs: a green one, one with every catalogue fault at once, one with network faults, tracing ones (refused: see
 * README, Traces), and one whose checks fail through `expect(…).toBeOK()`. Runs with a `--config` leave a blob report.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, test } from 'node:test';
import { knownSecrets } from '../../../src/config/known-secrets.ts';
import { scanForSecrets, type NamedSecret } from '../../../src/security/secret-scan.ts';
import { FAULTS } from '../../../twin/faults/catalogue.ts';
import { findNetworkFault } from '../../../twin/faults/network.ts';
import { PLAYWRIGHT_CLI, ROOT } from '../helpers/paths.ts';
import { cleanEnv, describeRun, readSummary, runContracts, runNode, runTsx, useTwinAndTempDir, type RunResult } from '../helpers/processes.ts';

/** A token target (Spotnana: client_secret in a form body, then a bearer) and a header-credential one (SpotDraft). */
const TARGETS = ['spotnana-global-uat', 'spotdraft-us-uat'];
/** One target per provider and environment: each failing check restarts its worker, and a run of all 12 takes minutes. */
const UAT = ['spotnana-global-uat', 'spotdraft-us-uat', 'spreetail-eu-uat'];
/** spotdraft-in-prod's and spreetail-eu-prod's hosts present bad certificates under all faults: requests fail in transport. */
const PROD = ['spotnana-global-prod', 'spotdraft-in-prod', 'spreetail-eu-prod'];
const projects = (targets: readonly string[]): string[] => targets.flatMap((t) => ['--project', t]);
/** The suite's configuration plus a blob report. */
const WITH_BLOB = ['--config', 'tests/self/fixtures/with-blob.config.ts'];
/**
 * Network faults (`fault@target`) that fail in transport, where Playwright's error carries its call log, request headers
 * included: on header credentials, and at the tunnel and TLS layers. spotnana-global-uat runs without a fault of its own:
 * it logs in, and its bearer meets the refused tunnel when sent to the production host (which must reject it).
 */
const NETWORK: Record<string, string> = {
  'spotdraft-us-uat': 'network-no-response',
  'spotdraft-me-uat': 'network-reset-mid-body',
  'spotnana-global-prod': 'network-connection-refused',
  'spreetail-eu-prod': 'network-untrusted-certificate-authority',
};
const NETWORK_TARGETS = [...Object.keys(NETWORK), 'spotnana-global-uat'];

const { twin, dir } = useTwinAndTempDir('contracts-secret-scan-');

interface RunSpec {
  /** TWIN_FAULTS while the run lasts. */
  faults?: readonly string[];
  /** Playwright's arguments, after `npm run contracts --`. */
  args: string[];
  /** Playwright's CLI directly, past the entry point's own checks. */
  direct?: boolean;
  env?: Record<string, string>;
  expectedCode: number;
  timeoutMs?: number;
}

interface ScannedRun {
  run: RunResult;
  /** The run's folder: reports/, test-results/, blob-report/, console/. */
  folder: string;
  files: number;
}

const counts: string[] = [];

/** Configured secrets, and every token the twin issued so far (a superset of the run's). */
function secretsToFind(): { secrets: NamedSecret[]; tokens: number } {
  const issued = twin().context.issued.map((t, i) => ({ name: `token #${i + 1} issued to ${t.targetId}`, value: t.token }));
  return { secrets: [...knownSecrets(ROOT), ...issued], tokens: issued.length };
}

/** One run against the twin with `spec`, its console output kept beside its reports, then everything scanned. */
async function scannedRun(label: string, spec: RunSpec): Promise<ScannedRun> {
  const folder = join(dir().path, label.replace(/\W+/g, '-'));
  const env = cleanEnv({
    CONTRACT_TWIN_PROXY: twin().proxyUrl, CONTRACT_TWIN_ADMIN_URL: twin().adminUrl, NODE_EXTRA_CA_CERTS: twin().caFile, ...spec.env,
  });
  twin().setFaults(spec.faults ?? []);
  let run: RunResult;
  try {
    run = spec.direct
      ? await runNode([PLAYWRIGHT_CLI, 'test', ...spec.args], { ...env, CONTRACT_REPORTS_DIR: join(folder, 'reports'), CONTRACT_OUTPUT_DIR: join(folder, 'test-results') }, spec.timeoutMs ?? 120_000)
      : await runContracts(env, folder, spec.timeoutMs ?? 120_000, spec.args);
  } finally {
    twin().setFaults([]);
  }
  mkdirSync(join(folder, 'console'), { recursive: true });
  writeFileSync(join(folder, 'console', 'stdout.txt'), run.stdout);
  writeFileSync(join(folder, 'console', 'stderr.txt'), run.stderr);
  assert.equal(run.code, spec.expectedCode, describeRun(run));

  const zips = filesBelow(folder, '.zip');
  if (spec.args.includes('--config')) assert.equal(filesBelow(join(folder, 'blob-report'), '.zip').length, 1, 'a blob report was written');

  const { secrets, tokens } = secretsToFind();
  const result = scanForSecrets([folder], secrets, folder);
  const line = `${label}: ${result.filesScanned} files (${zips.length} zips, read entry by entry) scanned for ${secrets.length - tokens} configured secrets + ${tokens} issued tokens: ${result.findings.length} findings (run: ${Math.round(run.durationMs / 1000)} s)`;
  counts.push(line);
  console.log(`secret scan, ${line}`);
  assert.deepEqual(result.findings, [], `secrets left by the ${label} run`);
  // The command itself, as CI runs it, agrees.
  const command = await runTsx(['scripts/scan-secrets.ts', '--dir', folder, '--twin-admin', twin().adminUrl], cleanEnv(), 60_000);
  assert.equal(command.code, 0, describeRun(command));
  assert.match(command.stdout, new RegExp(`^scanned ${result.filesScanned} file\\(s\\) in 1 folder\\(s\\) for \\d+ secret\\(s\\): 0 found$`, 'm'), describeRun(command));
  return { run, folder, files: result.filesScanned };
}

function filesBelow(folder: string, suffix: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith(suffix)).map((f) => join(folder, f));
}

interface AllureResult {
  name: string;
  status: string;
  statusDetails?: { message?: string };
}

function allureResults(folder: string): AllureResult[] {
  return filesBelow(join(folder, 'reports', 'allure-results'), '-result.json').map((f) => JSON.parse(readFileSync(f, 'utf8')) as AllureResult);
}

after(() => console.log(`secret scan after each run:\n  ${counts.join('\n  ')}`));

describe('the secret scan after each kind of run finds nothing', () => {
  test('a green run', { timeout: 150_000 }, async () => {
    const before = twin().context.issued.length;
    const { folder, files } = await scannedRun('green', { args: [...WITH_BLOB, ...projects(UAT)], expectedCode: 0 });
    assert.ok(twin().context.issued.length > before, 'the twin issued tokens during the run');
    assert.equal(readSummary(folder).totals.failed, 0);
    assert.ok(files >= 100, `the run left ${files} files`);
  });

  test('a run with every catalogue fault at once (each provider\'s apply to all its targets)', { timeout: 150_000 }, async () => {
    const faults = FAULTS.map((f) => f.name);
    const { folder, files } = await scannedRun('all faults', { faults, args: [...WITH_BLOB, ...projects(PROD)], expectedCode: 1, timeoutMs: 140_000 });
    const summary = readSummary(folder);
    assert.deepEqual(summary.targets.map((t) => t.target).sort(), [...PROD].sort(), 'the twin served every target through all faults');
    assert.ok(summary.totals.failed >= 30, `${summary.totals.failed} checks failed`);
    assert.ok(files >= 200, `the run left ${files} files`);
  });

  test('a run with network faults', { timeout: 120_000 }, async () => {
    for (const fault of Object.values(NETWORK)) assert.ok(findNetworkFault(fault), `${fault} is a network fault`);
    const before = twin().context.issued.length;
    const { folder, files } = await scannedRun('network faults', {
      faults: Object.entries(NETWORK).map(([target, fault]) => `${fault}@${target}`),
      env: { CONTRACT_REQUEST_TIMEOUT_MS: '2000' },
      args: [...WITH_BLOB, '--grep', '@host', ...projects(NETWORK_TARGETS)], expectedCode: 1,
    });
    const failed = readSummary(folder).targets.filter((t) => t.checks.some((c) => c.status === 'failed')).map((t) => t.target);
    assert.deepEqual(failed.sort(), [...NETWORK_TARGETS].sort(), 'every target met a fault');
    assert.ok(twin().context.issued.length > before, 'a token was issued, and looked for');
    assert.ok(files >= 50, `the run left ${files} files`);
  });

  test('tracing: `npm run contracts -- --trace on` is refused before any request, exit 2, one line', { timeout: 60_000 }, async () => {
    const requests = twin().log.all().length;
    const { run, folder } = await scannedRun('trace on (contracts)', { args: ['--trace', 'on', ...projects(UAT)], expectedCode: 2 });
    const lines = `${run.stdout}${run.stderr}`.split('\n').filter((l) => l.trim() !== '');
    assert.deepEqual(lines, ["[configuration] command line: --trace on is refused: a Playwright trace keeps every request and answer unredacted (client secrets, tokens); each exchange is in the Allure report, redacted (README, Traces)"]);
    assert.equal(twin().log.all().length, requests, 'no request reached the twin');
    assert.ok(!existsSync(join(folder, 'test-results')) && !existsSync(join(folder, 'reports')), 'nothing was written');
  });

  test('tracing, past the entry point (`playwright test --trace on`): refused in every check, no request, no trace written', { timeout: 120_000 }, async () => {
    const requests = twin().log.all().length;
    const { folder } = await scannedRun('trace on (playwright)', { direct: true, args: [...WITH_BLOB, '--trace', 'on', '--grep', '@token', ...projects(TARGETS.slice(0, 1))], expectedCode: 1 });
    assert.equal(twin().log.all().length, requests, 'no request reached the twin');
    // The suite's test type has no trace recorder (src/fixtures.ts): whatever asks for a trace, none is written.
    const traces = filesBelow(join(folder, 'test-results'), 'trace.zip');
    assert.deepEqual(traces.map((t) => relative(folder, t)), [], 'no trace file');
    const failed = allureResults(folder).filter((r) => r.status !== 'passed');
    assert.ok(failed.length >= 2);
    for (const result of failed) assert.match(result.statusDetails?.message ?? '', /^(ConfigError: )?\[configuration\] Playwright options: trace on is refused: /, result.name);
  });

  test('a run whose checks fail through expect(response).toBeOK(): one redacted line each, naming status, method, host and path', { timeout: 120_000 }, async () => {
    const { folder } = await scannedRun('toBeOK failures', {
      args: ['--config', 'tests/self/fixtures/playwright.config.ts', ...projects(TARGETS)], expectedCode: 1,
    });
    const checks = readSummary(folder).targets.flatMap((t) => t.checks);
    assert.equal(checks.length, 4 * TARGETS.length, checks.map((c) => c.title).join(', '));
    const ONE_LINE = /^(Error: )?expect\(response\)\.(not\.)?toBeOK\(\): expected (not )?2xx, got \d{3} [A-Za-z ]+ \((GET|POST) [a-z0-9-]+(\.[a-z0-9-]+)+ \/\S*\)$/;
    const lines = checks.map((c) => (c.reason ?? '').replace(/^Error: /, ''));
    for (const check of checks) {
      assert.equal(check.status, 'failed', check.title);
      assert.match(check.reason ?? '', ONE_LINE, check.title);
    }
    // The whole message is that line: no call log, no answer text.
    for (const result of allureResults(folder)) assert.ok(lines.includes((result.statusDetails?.message ?? '').replace(/^Error: /, '')), result.statusDetails?.message);
    assert.ok(lines.some((l) => /got 404 .*\/no-such-path-for-to-be-ok\)$/.test(l)), 'a wrong path is named');
    assert.ok(lines.some((l) => /got 401 /.test(l)), 'a spoilt credential is rejected and named');
    assert.ok(lines.some((l) => /^expect\(response\)\.not\.toBeOK\(\): expected not 2xx, got 200 .*\(POST /.test(l)), 'a login answer under .not');
  });
});
