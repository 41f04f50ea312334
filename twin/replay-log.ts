/**
 * Every request a provider module answered, as sent, so the benchmark's floor can replay the suite's run exactly.
 * It holds credentials: kept in this process only (RunningTwin.replayLog()), never served by the admin API or written out.
 */
import type { IncomingMessage } from 'node:http';
import { workerOf } from '../src/http/user-agent.ts';

export interface ReplayRecord {
  /** The `user-agent` header as sent (the suite names its target and worker there); undefined when absent. */
  userAgent: string | undefined;
  /** `<target-id>#<n>` parsed from the suite's user-agent; undefined for other clients. */
  worker: string | undefined;
  /** Which connection it came on: 1, 2, … in the order the twin first saw them (one per tunnel or keep-alive socket). */
  connection: number;
  /** `performance.now()` of the twin process when the request's head arrived. */
  startMs: number;
  /** `performance.now()` when the answer was written; undefined while the answer is still waiting out its latency. */
  endMs: number | undefined;
  method: string;
  scheme: 'http' | 'https';
  /** Host name without port, lower case. */
  host: string;
  /** Path and query string exactly as sent (origin form, no normalisation). */
  pathAndQuery: string;
  /** Header names and values exactly as sent: order, case and repeats kept. */
  headers: [name: string, value: string][];
  /** The raw body bytes (empty when none). */
  body: Buffer;
  status: number;
  /** The delay the twin applied before answering (latency ± jitter, plus any connection cost). */
  latencyMs: number;
}

export type ReplayFacts = Pick<ReplayRecord, 'startMs' | 'scheme' | 'host' | 'body' | 'status' | 'latencyMs'>;

export class ReplayLog {
  private entries: ReplayRecord[] = [];
  private readonly connections = new WeakMap<object, number>();
  private nextConnection = 1;

  /** Records the request and returns its record, so the caller can stamp `endMs` once the answer is written. */
  record(req: IncomingMessage, facts: ReplayFacts): ReplayRecord {
    let connection = this.connections.get(req.socket);
    if (connection === undefined) {
      connection = this.nextConnection++;
      this.connections.set(req.socket, connection);
    }
    const headers: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string]);
    const userAgent = typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined;
    const entry: ReplayRecord = {
      userAgent, worker: workerOf(userAgent), connection, endMs: undefined,
      method: req.method ?? 'GET', pathAndQuery: originForm(req.url ?? '/'), headers, ...facts,
    };
    this.entries.push(entry);
    return entry;
  }

  all(): readonly ReplayRecord[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

/** `/path?query` of a request target; an absolute-form target (plain http through the proxy) loses its scheme and authority. */
function originForm(target: string): string {
  return target.startsWith('/') ? target : target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/';
}
