/**
 * The HttpClient's transport without a proxy or behind an http:// one: Node's http(s) client with one keep-alive
 * connection per host for the worker's life, a CONNECT tunnel (tunnel-agent.ts) when a proxy is in the path.
 * Requests are sent as Playwright sends them (its default headers, the body as given, no redirect followed,
 * gzip/deflate/br decoded), and transport errors are raised with the words Playwright uses, so network-failure.ts
 * classifies both transports alike. Hosts the proxy's bypass list names are reached directly, as Playwright's `bypass`.
 */
import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { HttpsTunnelAgent, HttpTunnelAgent, ProxyRefusal, proxySettings } from './tunnel-agent.ts';
import type { Transport, TransportAnswer, TransportRequest } from './transport.ts';

/** Playwright's rule: a host is bypassed when it is, or ends with, a listed domain. */
export function bypassesProxy(hostname: string, bypass: string | undefined): boolean {
  if (!bypass) return false;
  const domain = `.${hostname}`;
  return bypass.split(',').map((s) => s.trim()).filter(Boolean).some((d) => domain.endsWith(d.startsWith('.') ? d : `.${d}`));
}

/** Headers as Playwright's fetch sends them: its defaults, then the request's, names compared without case. */
function headersFor(userAgent: string, request: TransportRequest, body: Buffer | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: '*/*', 'accept-encoding': 'gzip,deflate,br' };
  const set = (name: string, value: string, keepExisting = false) => {
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing === undefined) headers[name] = value;
    else if (!keepExisting) headers[existing] = value;
  };
  for (const [name, value] of Object.entries(request.headers)) set(name, value);
  if (body) {
    set('content-type', 'application/octet-stream', true);
    set('content-length', String(body.byteLength));
  }
  return headers;
}

function decoded(res: http.IncomingMessage): Readable {
  const encoding = res.headers['content-encoding']?.toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return res.pipe(zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }));
  if (encoding === 'br') return res.pipe(zlib.createBrotliDecompress({ flush: zlib.constants.BROTLI_OPERATION_FLUSH, finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }));
  if (encoding === 'deflate') return res.pipe(zlib.createInflate());
  return res;
}

function headersOf(res: http.IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join('\n') : value;
  }
  return headers;
}

/** A reused keep-alive socket the server had closed: the request never reached it, so it is sent once more. */
function staleSocket(error: unknown, req: http.ClientRequest, answered: boolean): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return req.reusedSocket && !answered && (code === 'ECONNRESET' || code === 'EPIPE');
}

export interface KeepAliveOptions {
  /** An http:// proxy (Playwright's `proxy` option): its server, and the hosts that bypass it. */
  proxy?: { server: string; bypass?: string };
  userAgent: string;
}

export class KeepAliveTransport implements Transport {
  private readonly agents: { https: https.Agent; http: http.Agent; directHttps: https.Agent; directHttp: http.Agent };
  private readonly userAgent: string;
  private readonly bypass: string | undefined;
  private readonly proxied: boolean;

  constructor(options: KeepAliveOptions) {
    const directHttps = new https.Agent({ keepAlive: true });
    const directHttp = new http.Agent({ keepAlive: true });
    const proxy = options.proxy ? proxySettings(options.proxy.server) : undefined;
    this.agents = proxy
      ? { https: new HttpsTunnelAgent(proxy), http: new HttpTunnelAgent(proxy), directHttps, directHttp }
      : { https: directHttps, http: directHttp, directHttps, directHttp };
    this.userAgent = options.userAgent;
    this.bypass = options.proxy?.bypass;
    this.proxied = proxy !== undefined;
  }

  async fetch(url: string, request: TransportRequest): Promise<TransportAnswer> {
    const started = performance.now();
    try {
      return await this.attempt(new URL(url), request, started, true);
    } catch (error) {
      if (error instanceof ProxyRefusal) return error.answer;
      throw error;
    }
  }

  private attempt(url: URL, request: TransportRequest, started: number, mayRetry: boolean): Promise<TransportAnswer> {
    const secure = url.protocol === 'https:';
    const direct = !this.proxied || bypassesProxy(url.hostname, this.bypass);
    const agent = secure ? (direct ? this.agents.directHttps : this.agents.https) : (direct ? this.agents.directHttp : this.agents.http);
    const body = request.data !== undefined ? Buffer.from(request.data, 'utf8') : undefined;
    const send = secure ? https.request : http.request;
    return new Promise<TransportAnswer>((resolve, reject) => {
      let answered = false;
      let settled = false;
      const remaining = Math.max(1, request.timeoutMs - (performance.now() - started));
      // Playwright's time-out covers the whole exchange, connection and body included: so does this one.
      const timer = setTimeout(() => {
        settled = true;
        reject(new Error(`Timeout ${request.timeoutMs}ms exceeded.`));
        req.destroy();
      }, remaining);
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (mayRetry && staleSocket(error, req, answered)) resolve(this.attempt(url, request, started, false));
        else reject(error);
      };
      const req = send(url, { method: request.method, headers: headersFor(this.userAgent, request, body), agent }, (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        const stream = decoded(res);
        res.once('aborted', () => fail(new Error('aborted')));
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.once('error', (error) => fail(stream === res || error.message === 'aborted' ? error : new Error(`failed to decompress '${res.headers['content-encoding']}' encoding: ${error.message}`)));
        stream.once('end', () => {
          const answer = { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: headersOf(res), body: Buffer.concat(chunks).toString('utf8') };
          // The agent frees the socket when the request closes, which may come after the body's end: the next request
          // starts only then, or it would find no free socket and open another tunnel.
          if (closed) done(answer);
          else req.once('close', () => done(answer));
        });
      });
      let closed = false;
      const done = (answer: TransportAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      req.once('close', () => (closed = true));
      req.once('error', fail);
      req.end(body);
    });
  }

  async dispose(): Promise<void> {
    for (const agent of new Set(Object.values(this.agents))) agent.destroy();
  }
}
