/**
 * The floor: replays exactly the requests the twin recorded during a suite run, per worker in the same order, with
 * the same number of workers at once, through a plain keep-alive client (one tunnel per worker), paced under the same
 * documented rate limits. Nothing else: no test runner, no fixtures, no reports. What the suite takes beyond this is
 * its own overhead.
 */
import http from 'node:http';
import https from 'node:https';
import { RateLimiter } from '../../src/http/rate-limiter.ts';
import { TARGETS } from '../../src/providers/catalogue.ts';
import type { ReplayRecord } from '../../twin/replay-log.ts';
import { TunnelAgent } from './tunnel-agent.ts';

export interface FloorResult {
  wallMs: number;
  requests: number;
  workers: number;
  /** Answers whose status differs from the suite's run (state moved on: tokens expired by clock checks, data created). */
  statusChanged: number;
  tooManyRequests: number;
  /** Connections the floor opened (one per worker and host it sends to), as the twin counted them. */
  connections: number;
  /** Per worker of the suite's run: the floor's first request sent to its last answer, in ms. */
  workerSpansMs: Record<string, number>;
}

const rateLimitOfHost = new Map(TARGETS.map((t) => [new URL(t.documentedBaseUrl).hostname, t.provider.rateLimit?.requestsPerSecond]));

function send(record: ReplayRecord, agents: { https: https.Agent; http: http.Agent }, proxyUrl: string): Promise<number> {
  const headers: Record<string, string> = {};
  for (const [name, value] of record.headers) {
    if (name.toLowerCase() !== 'connection') headers[name] = value;
  }
  return new Promise((resolve, reject) => {
    const onAnswer = (res: http.IncomingMessage) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    };
    const req = record.scheme === 'https'
      ? https.request({ host: record.host, port: 443, path: record.pathAndQuery, method: record.method, headers, agent: agents.https }, onAnswer)
      // Plain http goes to the proxy in absolute form, as the suite's client sends it.
      : http.request(`${proxyUrl}/`, { method: record.method, path: `http://${record.host}${record.pathAndQuery}`, headers, agent: agents.http }, onAnswer);
    req.on('error', reject);
    req.end(record.body.length > 0 ? record.body : undefined);
  });
}

async function replayWorker(records: readonly ReplayRecord[], proxyUrl: string, caPem: string, result: FloorResult): Promise<void> {
  const started = performance.now();
  const agents = { https: new TunnelAgent(proxyUrl, caPem, { maxSockets: 1 }), http: new http.Agent({ keepAlive: true, maxSockets: 1 }) };
  const limiters = new Map<string, RateLimiter>();
  try {
    for (const record of records) {
      const limit = rateLimitOfHost.get(record.host);
      let limiter = limit ? limiters.get(record.host) : undefined;
      if (limit && !limiter) limiters.set(record.host, (limiter = new RateLimiter(limit)));
      const release = await limiter?.acquire();
      const status = await send(record, agents, proxyUrl).finally(() => release?.());
      result.requests += 1;
      if (status !== record.status) result.statusChanged += 1;
      if (status === 429) result.tooManyRequests += 1;
    }
    result.workerSpansMs[records[0]?.worker ?? 'unattributed'] = performance.now() - started;
  } finally {
    agents.https.destroy();
    agents.http.destroy();
  }
}

/** Replays `records` (a snapshot of the twin's replay log) with at most `concurrency` workers at once. */
export async function replayFloor(records: readonly ReplayRecord[], options: { proxyUrl: string; caPem: string; concurrency: number }): Promise<FloorResult> {
  const byWorker = new Map<string, ReplayRecord[]>();
  for (const record of [...records].sort((a, b) => a.startMs - b.startMs)) {
    const key = record.worker ?? 'unattributed';
    byWorker.set(key, [...(byWorker.get(key) ?? []), record]);
  }
  const queue = [...byWorker.values()];
  const result: FloorResult = { wallMs: 0, requests: 0, workers: queue.length, statusChanged: 0, tooManyRequests: 0, connections: 0, workerSpansMs: {} };
  const started = performance.now();
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await replayWorker(next, options.proxyUrl, options.caPem, result);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  result.wallMs = performance.now() - started;
  return result;
}
