/** A plain keep-alive https client for the twin: every connection is a CONNECT tunnel through its proxy, trusting its CA. */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

export class TunnelAgent extends https.Agent {
  constructor(private readonly proxyUrl: string, private readonly caPem: string, options: https.AgentOptions = {}) {
    super({ keepAlive: true, ...options });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const proxy = new URL(this.proxyUrl);
    const host = options.hostname ?? options.host ?? '';
    // Node's agent ignores the stream when it gets an error.
    const fail = (error: Error) => callback?.(error, undefined as unknown as Duplex);
    const connect = http.request({ host: proxy.hostname, port: proxy.port, method: 'CONNECT', path: `${host}:${options.port ?? 443}` });
    connect.once('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(new Error(`CONNECT ${host} answered ${res.statusCode}`));
        return;
      }
      callback?.(null, tls.connect({ socket, servername: host, ca: this.caPem }));
    });
    connect.once('error', fail);
    connect.end();
    return undefined;
  }
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** From sending the request to the end of the answer, in ms. */
  elapsedMs: number;
}

/** One request through the agent, body collected. */
export function fetchThrough(agent: https.Agent, url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = https.request(url, { agent, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, elapsedMs: performance.now() - started }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}
