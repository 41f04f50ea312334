/**
 * The twin's timing knobs and its replay log, through its proxy with a plain keep-alive client: latency ± jitter per
 * answer (plus a per-connection cost), SpotDraft's per-workspace rate limit (429 + Retry-After), and a replay log that
 * keeps what was sent while the admin log keeps no secret.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTwin, type RunningTwin, type TwinOptions } from '../../../twin/server.ts';
import { ROOT } from '../helpers/paths.ts';
import { fetchThrough, TunnelAgent } from '../../../scripts/bench/tunnel-agent.ts';

const HOST = 'api.us.spotdraft.com';
const CONTRACT_TYPES = `https://${HOST}/api/v2.1/public/contract_types/`;

/** A twin with these options and a keep-alive client for it, for the tests of one `describe`. */
function useTwin(options: Omit<TwinOptions, 'root'>): { twin(): RunningTwin; agent(): TunnelAgent } {
  let twin: RunningTwin | undefined;
  let agent: TunnelAgent | undefined;
  before(async () => {
    twin = await startTwin({ root: ROOT, ...options });
    agent = new TunnelAgent(twin.proxyUrl, twin.caPem, { maxSockets: 1 });
  });
  after(async () => {
    agent?.destroy();
    await twin?.stop();
  });
  return { twin: () => twin ?? assert.fail('no twin'), agent: () => agent ?? assert.fail('no agent') };
}

function credentials(twin: RunningTwin, targetId: string): Record<string, string> {
  const account = twin.context.accounts.find((a) => a.targetId === targetId) ?? assert.fail(`no account ${targetId}`);
  return { 'client-id': account.clientId, 'client-secret': account.clientSecret };
}

function adminGet(twin: RunningTwin, path: string): Promise<{ elapsedMs: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(`${twin.adminUrl}${path}`, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ elapsedMs: performance.now() - started, body }));
    }).on('error', reject);
  });
}

describe('latency: each provider answer waits latency ± jitter, a new connection pays its handshakes once', () => {
  const LATENCY = 120;
  const JITTER = 40;
  const CONNECTION = 150;
  const { twin, agent } = useTwin({ latencyMs: LATENCY, jitterMs: JITTER, connectionLatencyMs: CONNECTION });

  test('six requests on one keep-alive connection', async () => {
    const headers = credentials(twin(), 'spotdraft-us-uat');
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push(await fetchThrough(agent(), CONTRACT_TYPES, { headers }));
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200, 200, 200]);

    const applied = twin().log.all().map((entry) => entry.latencyMs ?? assert.fail('no latencyMs in the log'));
    const [first = 0, ...rest] = applied;
    assert.ok(first >= CONNECTION + LATENCY - JITTER && first <= CONNECTION + LATENCY + JITTER, `first answer (new connection): ${first} ms`);
    for (const ms of rest) assert.ok(ms >= LATENCY - JITTER && ms <= LATENCY + JITTER, `answer delayed ${ms} ms, outside ${LATENCY} ± ${JITTER}`);
    assert.ok(new Set(rest).size > 1, `jitter varies the delay: ${rest.join(', ')}`);
    // What the client measured includes the delay the twin applied (timers may fire up to 1 ms early).
    answers.forEach((answer, i) => assert.ok(answer.elapsedMs >= (applied[i] ?? 0) - 1, `measured ${answer.elapsedMs} ms < applied ${applied[i]} ms`));

    const replay = twin().replayLog();
    assert.equal(new Set(replay.map((r) => r.connection)).size, 1, 'keep-alive: one connection');
    assert.deepEqual(replay.map((r) => r.latencyMs), applied);
  });

  test('the admin API is not delayed', async () => {
    const { elapsedMs } = await adminGet(twin(), '/health');
    assert.ok(elapsedMs < LATENCY - JITTER, `admin answered after ${elapsedMs} ms`);
  });
});

describe('SpotDraft rate limit: 10 requests per second per workspace, then 429 with Retry-After', () => {
  const { twin, agent } = useTwin({ rateLimitPerSecond: 10 });

  test('the 11th request within a second is refused; another workspace and unidentified callers are not; after Retry-After it passes', async () => {
    const uat = credentials(twin(), 'spotdraft-us-uat');
    const started = performance.now();
    const answers = [];
    for (let i = 0; i < 11; i += 1) answers.push(await fetchThrough(agent(), CONTRACT_TYPES, { headers: uat }));
    assert.ok(performance.now() - started < 1_000, 'the eleven requests were sent within one second');
    assert.deepEqual(answers.map((a) => a.status), [...Array<number>(10).fill(200), 429]);

    const refused = answers[10] ?? assert.fail('no 11th answer');
    const retryAfter = String(refused.headers['retry-after']);
    assert.match(retryAfter, /^[1-9]\d*$/, 'Retry-After: whole seconds, at least 1');
    const body = JSON.parse(refused.body) as { detail?: unknown };
    assert.equal(typeof body.detail, 'string', `SpotDraft error body {"detail": "..."}: ${refused.body}`);
    const logged = twin().log.all().at(-1);
    assert.equal(logged?.status, 429);
    assert.equal(logged?.caller, 'spotdraft-us-uat');

    const prod = await fetchThrough(agent(), CONTRACT_TYPES, { headers: credentials(twin(), 'spotdraft-us-prod') });
    assert.equal(prod.status, 200, 'another workspace on the same host has its own budget');
    for (let i = 0; i < 12; i += 1) {
      const anonymous = await fetchThrough(agent(), CONTRACT_TYPES);
      assert.equal(anonymous.status, 401, 'no client-id: no workspace, not counted');
    }

    await sleep(Number(retryAfter) * 1_000);
    const again = await fetchThrough(agent(), CONTRACT_TYPES, { headers: uat });
    assert.equal(again.status, 200, 'after Retry-After seconds the workspace is served again');
  });
});

describe('replay log: what was sent, in-process only; the admin log names the worker and keeps no secret', () => {
  const { twin, agent } = useTwin({});

  test('a POST with a body, a query and the suite user-agent', async () => {
    const headers = {
      ...credentials(twin(), 'spotdraft-us-uat'),
      'User-Agent': 'partner-api-contracts/0.1.0 (spotdraft-us-uat; worker 3)',
      'Content-Type': 'application/json',
    };
    const body = JSON.stringify({ is_individual: false, organization_name: 'Replay Ltd' });
    const url = `https://${HOST}/api/v2.1/public/counter_parties/?source=replay`;
    const answer = await fetchThrough(agent(), url, { method: 'POST', headers, body });
    assert.equal(answer.status, 201);

    const [record, ...others] = twin().replayLog();
    assert.equal(others.length, 0);
    assert.ok(record);
    assert.equal(record.method, 'POST');
    assert.equal(record.scheme, 'https');
    assert.equal(record.host, HOST);
    assert.equal(record.pathAndQuery, '/api/v2.1/public/counter_parties/?source=replay');
    assert.equal(record.body.toString('utf8'), body);
    assert.equal(record.status, 201);
    assert.equal(record.worker, 'spotdraft-us-uat#3');
    assert.equal(record.userAgent, headers['User-Agent']);
    assert.equal(record.latencyMs, 0);
    assert.ok(record.endMs !== undefined && record.endMs >= record.startMs);
    for (const [name, value] of Object.entries(headers)) {
      assert.ok(record.headers.some(([n, v]) => n === name && v === value), `header ${name} kept as sent`);
    }

    const adminLog = (await adminGet(twin(), '/log')).body;
    const secret = credentials(twin(), 'spotdraft-us-uat')['client-secret'] ?? assert.fail('no secret');
    assert.ok(record.headers.some(([, value]) => value === secret), 'the replay log holds the secret as sent');
    assert.ok(!adminLog.includes(secret), 'the admin log holds no secret');
    const [entry] = JSON.parse(adminLog) as { worker?: string; latencyMs?: number }[];
    assert.equal(entry?.worker, 'spotdraft-us-uat#3');
    assert.equal(entry?.latencyMs, 0);
  });

  test('the documented limit (10/s per workspace) applies by default', async () => {
    const headers = credentials(twin(), 'spotdraft-me-prod');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await fetchThrough(agent(), CONTRACT_TYPES.replace('api.us.', 'api.me.'), { headers })).status);
    assert.deepEqual(statuses, [...Array<number>(10).fill(200), 429], 'SpotDraft documents 10 requests per second per workspace');
  });
});
