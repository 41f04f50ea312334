/**
 * `npm run bench`: how fast the suite is, what it costs, and how it scales — all from one invocation, against the twin.
 *
 *  1. 0 ms latency, the default matrix: suite wall time, Allure generation time, tests, HTTP requests, token requests
 *     per target and worker, 429s, peak RSS, and the suite's own overhead per check (suite − floor, per check).
 *  2. Scale: the matrix with 4x and 16x workspaces per target (synthetic, CONTRACT_TWIN_WORKSPACES), time per target.
 *  3. Real networks (bench/network-model.ts): the default matrix and its floor at each RTT (80 and 250 ms), without
 *     and with a proxy in the path, every request and every new connection charged its round trips: `ratio` for each.
 *
 * Every run starts its own twin in this process (so the floor can replay its in-memory log, credentials included,
 * without writing them anywhere) with SpotDraft's documented rate limit on. The last line printed is
 * `ratio suite/floor = R` of the last profile: the largest RTT, behind a proxy. Figures go to reports/bench/bench.json.
 *
 * Options: --rtts 80,250, --jitter-percent 10, --scales 1,4,16, --scale-latency 0, --workers N (default: the config's).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadProfile } from '../src/config/profile.ts';
import { joinUrl } from '../src/http/url.ts';
import { TARGETS } from '../src/providers/catalogue.ts';
import type { Summary } from '../src/report/summary-reporter.ts';
import { readSessionStats } from '../src/report/session-stats.ts';
import { startTwin } from '../twin/server.ts';
import type { ReplayRecord } from '../twin/replay-log.ts';
import { replayFloor, type FloorResult } from './bench/floor.ts';
import { networkProfiles, type NetworkProfile } from './bench/network-model.ts';
import { samplePeakRss } from './bench/process-tree.ts';
import { allureCli, playwrightCli, playwrightEnv } from './run-playwright.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'reports', 'bench');

const { values: args } = parseArgs({
  options: {
    rtts: { type: 'string', default: '80,250' },
    'jitter-percent': { type: 'string', default: '10' },
    scales: { type: 'string', default: '1,4,16' },
    'scale-latency': { type: 'string', default: '0' },
    workers: { type: 'string' },
  },
});

/** Workers at once, in the suite and therefore in the floor: --workers, or the profile's (CONTRACT_WORKERS, default 4). */
const WORKERS = Number(args.workers ?? loadProfile({ root: ROOT }).workers);

interface RunFigures {
  label: string;
  latencyMs: number;
  /** The network profile's handshake charge per new connection (TCP + TLS, + CONNECT behind a proxy), in ms. */
  connectionLatencyMs: number;
  /** Connections the twin saw (tunnels or keep-alive sockets): the suite's, and the floor's replay. */
  connections: number;
  workspaces: number;
  targets: number;
  tests: number;
  failed: number;
  skipped: number;
  suiteMs: number;
  allureMs?: number;
  peakRssBytes: number;
  requests: number;
  tooManyRequests: number;
  /** Token-endpoint requests that issued a token (should be the session logins, one per token target and worker). */
  tokensIssued: number;
  /** Token-endpoint requests that were refused on purpose (negative-auth checks), in total. */
  tokenProbesRefused: number;
  /** Session logins per `<target>#<worker>` (the suite's own count). */
  logins: Record<string, number>;
  rateLimitWaitMs: number;
  floor?: FloorResult;
  /** Where the suite's wall time goes, from the twin's clock (the same process as the suite's start and exit). */
  timeline: {
    /** The suite's start to its first request at the twin: the runner's and the first workers' boot. */
    firstRequestMs: number;
    /** The last answer to the suite's exit: the last workers' teardown, the reporters. */
    lastAnswerToExitMs: number;
    /** Each worker's first request to its last answer, summed over the run's workers. */
    workerSpansMs: number;
  };
}

/** `host path` of every token endpoint, from the descriptors. */
const TOKEN_ENDPOINTS = new Set(TARGETS.flatMap((t) => {
  const token = t.provider.auth.token;
  const endpoint = token && t.provider.endpoints.find((e) => e.id === token.endpoint);
  if (!endpoint) return [];
  const url = new URL(joinUrl(t.documentedBaseUrl, endpoint.path));
  return [`${url.hostname} ${url.pathname}`];
}));

function runChild(script: string, argv: string[], env: NodeJS.ProcessEnv, log: string): Promise<{ code: number; ms: number; peakRss: number; startedAt: number; endedAt: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [script, ...argv], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => chunks.push(c));
  const rss = samplePeakRss(child.pid ?? 0);
  return new Promise((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      writeFileSync(log, Buffer.concat(chunks));
      const endedAt = performance.now();
      resolvePromise({ code: code ?? 1, ms: endedAt - started, peakRss: rss.stop(), startedAt: started, endedAt });
    });
  });
}

function tokenFigures(records: readonly ReplayRecord[]): Pick<RunFigures, 'tokensIssued' | 'tokenProbesRefused'> {
  let tokensIssued = 0;
  let tokenProbesRefused = 0;
  for (const r of records) {
    if (r.method !== 'POST' || !TOKEN_ENDPOINTS.has(`${r.host} ${r.pathAndQuery.split('?')[0]}`)) continue;
    if (r.status >= 200 && r.status < 300) tokensIssued += 1;
    else tokenProbesRefused += 1;
  }
  return { tokensIssued, tokenProbesRefused };
}

async function measure(label: string, network: Pick<NetworkProfile, 'latencyMs' | 'jitterMs' | 'connectionLatencyMs'>, workspaces: number, withAllure: boolean, withFloor: boolean): Promise<RunFigures> {
  const { latencyMs, connectionLatencyMs } = network;
  const dir = join(OUT, label);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const twin = await startTwin({ root: ROOT, ...network, workspaces });
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CI: '1',
      FORCE_COLOR: '0',
      CONTRACT_ENV: '',
      TWIN_FAULTS: '',
      CONTRACT_TWIN_PROXY: twin.proxyUrl,
      CONTRACT_TWIN_ADMIN_URL: twin.adminUrl,
      NODE_EXTRA_CA_CERTS: twin.caFile,
      CONTRACT_TWIN_WORKSPACES: String(workspaces),
      CONTRACT_REPORTS_DIR: dir,
      CONTRACT_OUTPUT_DIR: join(dir, 'test-results'),
      ...(args.workers ? { CONTRACT_WORKERS: args.workers } : {}),
    };
    const suite = await runChild(playwrightCli(), ['test'], playwrightEnv(env), join(dir, 'suite.log'));
    const summaryFile = join(dir, 'summary.json');
    if (!existsSync(summaryFile)) throw new Error(`${label}: the suite wrote no summary (exit ${suite.code}); see ${join(dir, 'suite.log')}`);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as Summary;
    let allureMs: number | undefined;
    if (withAllure) {
      const allure = await runChild(allureCli(), ['generate', join(dir, 'allure-results'), '--output', join(dir, 'allure-report'), '--config', join(ROOT, 'allurerc.mjs')], env, join(dir, 'allure.log'));
      if (allure.code !== 0) throw new Error(`${label}: allure generate failed (exit ${allure.code}); see ${join(dir, 'allure.log')}`);
      allureMs = allure.ms;
    }
    const records = [...twin.replayLog()];
    const stats = readSessionStats(dir);
    const figures: RunFigures = {
      label, latencyMs, connectionLatencyMs, workspaces,
      connections: new Set(records.map((r) => r.connection)).size,
      targets: summary.targets.length,
      tests: summary.totals.passed + summary.totals.failed + summary.totals.skipped,
      failed: summary.totals.failed,
      skipped: summary.totals.skipped,
      suiteMs: suite.ms,
      ...(allureMs !== undefined ? { allureMs } : {}),
      peakRssBytes: suite.peakRss,
      requests: records.length,
      tooManyRequests: records.filter((r) => r.status === 429).length,
      ...tokenFigures(records),
      logins: Object.fromEntries(stats.filter((s) => s.logins > 0).map((s) => [`${s.target}#${s.workerIndex}`, s.logins])),
      rateLimitWaitMs: stats.reduce((sum, s) => sum + (s.rateLimitWaitMs ?? 0), 0),
      timeline: timelineOf(records, suite),
    };
    if (withFloor) {
      const workers = new Set(records.map((r) => r.worker)).size;
      figures.floor = await replayFloor(records, { proxyUrl: twin.proxyUrl, caPem: twin.caPem, concurrency: Math.min(WORKERS, workers) });
      figures.floor.connections = new Set(twin.replayLog().slice(records.length).map((r) => r.connection)).size;
    }
    return figures;
  } finally {
    await twin.stop();
  }
}

function timelineOf(records: readonly ReplayRecord[], suite: { startedAt: number; endedAt: number }): RunFigures['timeline'] {
  const spans = new Map<string, { first: number; last: number }>();
  for (const r of records) {
    const key = r.worker ?? 'unattributed';
    const span = spans.get(key) ?? { first: r.startMs, last: r.endMs ?? r.startMs };
    spans.set(key, { first: Math.min(span.first, r.startMs), last: Math.max(span.last, r.endMs ?? r.startMs) });
  }
  const all = [...spans.values()];
  return {
    firstRequestMs: Math.min(...all.map((x) => x.first)) - suite.startedAt,
    lastAnswerToExitMs: suite.endedAt - Math.max(...all.map((x) => x.last)),
    workerSpansMs: all.reduce((sum, x) => sum + x.last - x.first, 0),
  };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * True when every token target's worker logged in exactly once (SpotDraft sends header credentials: no token), and
 * the token endpoints issued no token beyond those logins.
 */
function oneTokenPerTargetAndWorker(f: RunFigures): boolean {
  const counts = Object.values(f.logins);
  return counts.length === TARGETS.filter((t) => t.provider.auth.token).length * f.workspaces && counts.every((c) => c === 1) && f.tokensIssued === counts.length;
}

function describeTokens(f: RunFigures): string {
  const counts = Object.values(f.logins);
  const logins = counts.reduce((a, b) => a + b, 0);
  return `${oneTokenPerTargetAndWorker(f) ? 'exactly 1' : `NOT exactly 1 (${Math.min(...counts)}..${Math.max(...counts)} logins)`} per target and worker ` +
    `(${counts.length} token-target workers; SpotDraft sends header credentials, no token). At the token endpoints: ${f.tokensIssued} tokens issued ` +
    `for ${logins} session logins (each worker's login comes through the 401 recovery that token.reauthenticates-once-on-401 judges), ` +
    `${f.tokenProbesRefused} refused on purpose (negative-auth checks)`;
}

function report(f: RunFigures): void {
  const perCheck = f.floor ? (f.suiteMs - f.floor.wallMs) / f.tests : undefined;
  console.log(`[${f.label}] ${f.targets} targets, ${f.tests} tests (${f.failed} failed, ${f.skipped} skipped), latency ${f.latencyMs} ms per request + ${f.connectionLatencyMs} ms per new connection`);
  console.log(`  wall time: suite ${s(f.suiteMs)}${f.allureMs !== undefined ? ` + Allure generation ${s(f.allureMs)} = ${s(f.suiteMs + f.allureMs)}` : ''}`);
  console.log(`  HTTP requests sent: ${f.requests} over ${f.connections} connections; 429s received: ${f.tooManyRequests}; pacing under the rate limit: ${s(f.rateLimitWaitMs)} summed over workers`);
  console.log(`  token requests: ${describeTokens(f)}`);
  console.log(`  peak memory (RSS of the runner and its workers): ${mb(f.peakRssBytes)}`);
  if (f.floor) {
    console.log(`  floor: ${s(f.floor.wallMs)} for ${f.floor.requests} replayed requests over ${f.floor.workers} workers and ${f.floor.connections} connections (${f.floor.tooManyRequests} 429s, ${f.floor.statusChanged} answered differently)`);
    if (perCheck !== undefined) console.log(`  suite overhead per check: ${perCheck.toFixed(0)} ms`);
    const floorSpans = Object.values(f.floor.workerSpansMs).reduce((a, b) => a + b, 0);
    console.log(`  where the suite's time goes: first request ${s(f.timeline.firstRequestMs)} after the start; workers' first request to last answer ` +
      `${s(f.timeline.workerSpansMs)} summed (the floor's ${s(floorSpans)}); last answer to exit ${s(f.timeline.lastAnswerToExitMs)}`);
  }
}

mkdirSync(OUT, { recursive: true });
const profiles = networkProfiles(args.rtts.split(',').map(Number).filter((n) => n > 0), Number(args['jitter-percent']));
const scaleLatency = Number(args['scale-latency']);
const scales = args.scales.split(',').map(Number).filter((n) => n >= 1);
console.log(`bench: ${cpus().length} cores, ${mb(totalmem())} RAM, Node ${process.version}; workers ${WORKERS}`);

const ZERO = { latencyMs: 0, jitterMs: 0, connectionLatencyMs: 0 };
const zero = await measure('0ms-1x', ZERO, 1, true, true);
report(zero);
const scaled: RunFigures[] = [];
for (const n of scales) {
  const figures = n === 1 && scaleLatency === 0 ? zero : await measure(`${scaleLatency}ms-${n}x`, { ...ZERO, latencyMs: scaleLatency }, n, false, false);
  if (figures !== zero) report(figures);
  scaled.push(figures);
}
const networks: { profile: NetworkProfile; figures: RunFigures }[] = [];
for (const profile of profiles) {
  const figures = await measure(`${profile.label}-1x`, profile, 1, false, true);
  report(figures);
  networks.push({ profile, figures });
}

console.log(`scale (latency ${scaleLatency} ms):`);
const base = scaled[0] ? scaled[0].suiteMs / scaled[0].targets : 0;
for (const f of scaled) {
  const perTarget = f.suiteMs / f.targets;
  console.log(`  ${String(f.workspaces).padStart(2)}x: ${String(f.targets).padStart(3)} targets in ${s(f.suiteMs)} = ${(perTarget / 1000).toFixed(2)} s per target (${(perTarget / base).toFixed(2)}x of 1x); ` +
    `429s ${f.tooManyRequests}; one token per target and worker: ${oneTokenPerTargetAndWorker(f) ? 'yes' : 'NO'}; failed ${f.failed}`);
}
const ratioOf = (f: RunFigures) => (f.floor ? f.suiteMs / f.floor.wallMs : Number.NaN);
console.log('real networks (suite / floor):');
for (const { profile, figures } of networks) {
  console.log(`  ${profile.description.padEnd(44)} suite ${s(figures.suiteMs)}, floor ${figures.floor ? s(figures.floor.wallMs) : '-'}: R = ${ratioOf(figures).toFixed(2)}`);
}
writeFileSync(join(OUT, 'bench.json'), JSON.stringify({
  generatedAt: new Date().toISOString(), cores: cpus().length, node: process.version,
  runs: [zero, ...scaled.filter((f) => f !== zero), ...networks.map((n) => ({ ...n.figures, network: n.profile }))],
}, null, 2));
const last = networks.at(-1)?.figures;
console.log(`ratio suite/floor = ${(last ? ratioOf(last) : Number.NaN).toFixed(2)}`);
