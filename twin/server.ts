/**
 * The twin: an HTTP proxy (CONNECT for https, absolute-form for http) in front of one TLS endpoint that
 * presents, per documented host, a certificate signed by a CA generated at start.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { handleAdmin } from './admin.ts';
import { CertificateAuthority } from './certificates.ts';
import { createClock } from './clock.ts';
import { FaultSet } from './fault-set.ts';
import { answerFault, tunnelRefusal } from './faults/network-emulation.ts';
import { CERTIFICATE_FAULTS, certificateFault } from './faults/tls.ts';
import { Latency, NO_LATENCY } from './latency.ts';
import { createTwinProviders } from './providers/index.ts';
import { ReplayLog, type ReplayRecord } from './replay-log.ts';
import { RequestLog } from './request-log.ts';
import { carriesCredential } from './credential-presence.ts';
import { Router } from './router.ts';
import { loadAccounts } from './seed.ts';
import { Throttle } from './throttle.ts';
import type { TwinContext, TwinRecord, TwinRequest, TwinResponse } from './types.ts';
import { workerOf } from '../src/http/user-agent.ts';

export interface TwinOptions {
  /** Project root, where env/twin-*.env live. */
  root: string;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  faults?: string | readonly string[];
  /** Workspaces per target (1 = the committed accounts only; more = synthetic siblings for the benchmark). */
  workspaces?: number;
  /** Delay of every provider answer in ms (not the admin API's), ± `jitterMs` uniform; default 0. See twin/latency.ts. */
  latencyMs?: number;
  jitterMs?: number;
  /** Extra delay on the first answer of each new connection (TCP + TLS handshakes); default 0. */
  connectionLatencyMs?: number;
  /** Overrides the providers' documented per-workspace rate limits (SpotDraft: 10/s); 0 = off; default: as documented. */
  rateLimitPerSecond?: number;
  /**
   * In-process only: sees every provider answer before it is sent, and may replace it. The project's tests use it to
   * hold the twin's traffic against the vendors' documents (the twin itself never reads them).
   */
  exchangeGate?: (req: TwinRequest, answer: TwinResponse) => TwinResponse;
}

export interface RunningTwin {
  proxyUrl: string;
  adminUrl: string;
  caFile: string;
  caPem: string;
  hosts: string[];
  log: RequestLog;
  context: TwinContext;
  /** Every request a provider answered, with its headers and body as sent (credentials included): in-process only. */
  replayLog(): readonly ReplayRecord[];
  /** What GET /__twin/records answers: the records created through the providers' APIs that still exist. */
  records(): TwinRecord[];
  setFaults(spec: string | readonly string[]): void;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(contentType: string | undefined, raw: Buffer): Pick<TwinRequest, 'json' | 'form'> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json' && raw.length > 0) {
    try {
      return { json: JSON.parse(raw.toString('utf8')) as unknown };
    } catch {
      return {};
    }
  }
  if (type === 'application/x-www-form-urlencoded') return { form: new URLSearchParams(raw.toString('utf8')) };
  return {};
}

function send(res: ServerResponse, answer: TwinResponse): void {
  const headers: Record<string, string> = { date: new Date().toUTCString(), ...answer.headers };
  let payload = '';
  if (answer.rawBody !== undefined) payload = answer.rawBody;
  else if (answer.body !== undefined) {
    payload = JSON.stringify(answer.body);
    headers['content-type'] ??= 'application/json';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(answer.status, headers);
  res.end(payload);
}

/** The target whose client id (header, JSON or form body) or issued bearer token a request carries. */
function callerOf(req: TwinRequest, ctx: TwinContext): string | undefined {
  const header = req.headers['client-id'];
  const json = req.json && typeof req.json === 'object' ? (req.json as Record<string, unknown>).client_id : undefined;
  const clientId = (typeof header === 'string' ? header : undefined) ?? (typeof json === 'string' ? json : undefined) ?? req.form?.get('client_id') ?? undefined;
  if (clientId) return ctx.accounts.find((a) => a.clientId === clientId)?.targetId;
  const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
  return bearer ? ctx.issued.find((t) => t.token === bearer)?.targetId : undefined;
}

export async function startTwin(options: TwinOptions): Promise<RunningTwin> {
  const ca = new CertificateAuthority();
  // Fresh provider state per twin: its records are those created since it started.
  const providers = createTwinProviders();
  const records = (): TwinRecord[] => providers.flatMap((provider) => provider.records?.() ?? []);
  const router = new Router(providers, new Throttle(options.rateLimitPerSecond));
  const log = new RequestLog();
  const replay = new ReplayLog();
  const latency = new Latency({
    latencyMs: options.latencyMs ?? NO_LATENCY.latencyMs,
    jitterMs: options.jitterMs ?? NO_LATENCY.jitterMs,
    connectionLatencyMs: options.connectionLatencyMs ?? NO_LATENCY.connectionLatencyMs,
  });
  let faults = FaultSet.validated(options.faults ?? []);
  const clock = createClock();
  const context: TwinContext = {
    clock,
    get faults() {
      return faults;
    },
    accounts: loadAccounts(options.root, options.workspaces ?? 1),
    issued: [],
  };
  // One certificate per host, plus one per host and certificate fault: chosen per handshake, as faults can change at runtime.
  const secureContexts = new Map<string, tls.SecureContext>();
  const secureContextFor = (host: string): tls.SecureContext | undefined => {
    if (!router.serves(host)) return undefined;
    const fault = certificateFault(context, host);
    const key = fault ? `${host} ${fault}` : host;
    let secureContext = secureContexts.get(key);
    if (!secureContext) {
      const leaf = ca.issue(host, fault ? CERTIFICATE_FAULTS[fault] : {});
      secureContext = tls.createSecureContext({ cert: leaf.certPem, key: leaf.keyPem });
      secureContexts.set(key, secureContext);
    }
    return secureContext;
  };
  for (const host of router.hosts()) secureContextFor(host);

  /** A network fault (twin/faults/network.ts) answers, or never does, instead of the provider: true when one was played. */
  function playNetworkFault(req: TwinRequest, res: ServerResponse): boolean {
    const caller = callerOf(req, context);
    const target = workerOf(req.headers['user-agent'])?.split('#')[0] ?? caller;
    const played = (req.scheme === 'http' ? tunnelRefusal(context, req.host) : undefined) ?? answerFault(context, target);
    if (!played) return false;
    const answer = 'answer' in played ? played.answer(() => router.handle(req, context)) : undefined;
    log.record({
      scheme: req.scheme, method: req.method, host: req.host, path: req.path, headerNames: Object.keys(req.headers).sort(),
      ...(caller ? { caller } : {}), status: answer?.status ?? 0, auth: answer?.auth ?? 'none', credential: carriesCredential(req), note: `network fault ${played.fault}`,
    });
    if (answer) send(res, answer);
    else if ('play' in played) played.play(res);
    return true;
  }

  async function serve(scheme: 'http' | 'https', host: string, req: IncomingMessage, res: ServerResponse, path: string, query: string) {
    const startMs = performance.now();
    const rawBody = await readBody(req);
    const twinRequest: TwinRequest = {
      method: req.method ?? 'GET', host, scheme, path, query: new URLSearchParams(query), headers: req.headers,
      rawHeaderNames: req.rawHeaders.filter((_, i) => i % 2 === 0), rawBody,
      ...parseBody(req.headers['content-type'], rawBody),
    };
    if (playNetworkFault(twinRequest, res)) return;
    const handled = router.handle(twinRequest, context);
    const answer = options.exchangeGate ? options.exchangeGate(twinRequest, handled) : handled;
    const caller = callerOf(twinRequest, context);
    const latencyMs = latency.delayFor(req.socket);
    const replayed = replay.record(req, { startMs, scheme, host, body: rawBody, status: answer.status, latencyMs });
    log.record({
      scheme, method: twinRequest.method, host, path, headerNames: Object.keys(req.headers).sort(),
      ...(caller ? { caller } : {}), ...(replayed.worker ? { worker: replayed.worker } : {}), connection: replayed.connection, status: answer.status, auth: answer.auth ?? 'none',
      credential: carriesCredential(twinRequest), latencyMs,
    });
    await latency.wait(latencyMs);
    send(res, answer);
    replayed.endMs = performance.now();
  }

  const noSniCertificate = ca.issue('no-sni.twin.invalid');
  const tlsEndpoint = https.createServer(
    {
      SNICallback: (servername, done) => done(null, secureContextFor(servername.toLowerCase())),
      // Served only when a client sends no SNI: such a client gets a certificate for no documented host.
      cert: noSniCertificate.certPem,
      key: noSniCertificate.keyPem,
    },
    (req, res) => {
      const host = (req.headers.host ?? '').split(':')[0]?.toLowerCase() ?? '';
      const url = new URL(req.url ?? '/', 'https://placeholder');
      serve('https', host, req, res, url.pathname, url.search).catch(() => res.destroy());
    },
  );

  // Plain http inside a CONNECT tunnel to port 80 (some clients tunnel http through the proxy too).
  const plainEndpoint = http.createServer((req, res) => {
    const host = (req.headers.host ?? '').split(':')[0]?.toLowerCase() ?? '';
    const url = new URL(req.url ?? '/', 'http://placeholder');
    serve('http', host, req, res, url.pathname, url.search).catch(() => res.destroy());
  });

  const proxy = http.createServer((req, res) => {
    const target = req.url ?? '/';
    if (target.startsWith('/__twin/')) {
      handleAdmin(req, res, {
        log, clock, records, issuedTokens: () => context.issued, setFaults: (spec) => (faults = FaultSet.validated(spec)), faults: () => faults.names(),
      }).catch(() => res.destroy());
      return;
    }
    if (!/^http:\/\//i.test(target)) {
      send(res, { status: 400, body: { error: 'the twin is a proxy: send absolute-form http:// requests or CONNECT' } });
      return;
    }
    const url = new URL(target);
    const host = url.hostname.toLowerCase();
    if (!router.serves(host)) {
      log.record({ scheme: 'http', method: req.method ?? 'GET', host, path: url.pathname, headerNames: [], status: 502, auth: 'none', note: 'unknown host' });
      send(res, { status: 502, body: { error: `unknown host ${host}` } });
      return;
    }
    serve('http', host, req, res, url.pathname, url.search).catch(() => res.destroy());
  });

  const sockets = new Set<Socket>();
  proxy.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  proxy.on('connect', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    const [rawHost = '', port = '443'] = (req.url ?? '').split(':');
    const host = rawHost.toLowerCase();
    if (!router.serves(host) || (port !== '443' && port !== '80')) {
      log.record({ scheme: 'https', method: 'CONNECT', host, path: '', headerNames: [], status: 502, auth: 'none', note: 'unknown host' });
      socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const refusal = tunnelRefusal(context, host);
    if (refusal) {
      log.record({ scheme: 'https', method: 'CONNECT', host, path: '', headerNames: [], status: 502, auth: 'none', note: `network fault ${refusal.fault}` });
      socket.end(refusal.raw);
      return;
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    (port === '443' ? tlsEndpoint : plainEndpoint).emit('connection', socket);
  });
  // Idle keep-alive connections stay open for a minute, as a load balancer in front of a partner keeps them (AWS's
  // default idle timeout is 60 s), rather than Node's 5 s: a worker's pause between two uses of a host costs no handshake.
  for (const server of [tlsEndpoint, plainEndpoint, proxy]) server.keepAliveTimeout = 60_000;
  proxy.on('clientError', (_err, socket) => socket.destroy());
  tlsEndpoint.on('tlsClientError', (_err, socket) => socket.destroy());

  await new Promise<void>((resolve) => proxy.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const dir = mkdtempSync(join(tmpdir(), 'partner-api-twin-'));
  const caFile = join(dir, 'twin-ca.pem');
  writeFileSync(caFile, ca.certPem);
  const proxyUrl = `http://127.0.0.1:${port}`;

  return {
    proxyUrl,
    adminUrl: `${proxyUrl}/__twin`,
    caFile,
    caPem: ca.certPem,
    hosts: router.hosts(),
    log,
    context,
    replayLog: () => replay.all(),
    records,
    setFaults: (spec) => (faults = FaultSet.validated(spec)),
    async stop() {
      // Tunnelled (CONNECT) sockets are not the HTTP server's to close: destroy every socket we ever accepted,
      // and never wait unbounded — a pending close with nothing else alive lets the process exit mid-teardown.
      for (const socket of sockets) socket.destroy();
      const closed = new Promise<void>((resolve) => proxy.close(() => resolve()));
      tlsEndpoint.close();
      plainEndpoint.close();
      await Promise.race([closed, new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref())]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
