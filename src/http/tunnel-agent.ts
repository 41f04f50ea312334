/**
 * Keep-alive agents whose connections are CONNECT tunnels through an http:// proxy: one tunnel per host, reused for
 * every request to it, where Playwright's APIRequestContext opens a tunnel (and a TLS session) per request.
 * A proxy that refuses the CONNECT has its answer handed back as the answer (ProxyRefusal), as Playwright does, so
 * its Proxy-Status is read the same way (proxy-status.ts).
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import net from 'node:net';
import tls from 'node:tls';
import type { TransportAnswer } from './transport.ts';

/** The proxy's own answer to a refused CONNECT. */
export class ProxyRefusal extends Error {
  constructor(readonly answer: TransportAnswer) {
    super(`proxy refused the tunnel: ${answer.status}`);
  }
}

export interface ProxySettings {
  host: string;
  port: number;
  /** `Basic …` from the proxy URL's user and password; sent to the proxy only, never in an exchange. */
  authorization?: string;
}

export function proxySettings(server: string): ProxySettings {
  const url = new URL(/^\w+:\/\//.test(server.trim()) ? server.trim() : `http://${server.trim()}`);
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: Number(url.port || 80),
    ...(user || password ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : {}),
  };
}

type Callback = (error: Error | null, stream: Duplex) => void;

/** The body of a refused CONNECT: what came with its head, then up to its content-length or the socket's end. */
function refusalBody(res: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<string> {
  const expected = Number(res.headers['content-length'] ?? 0);
  const chunks = [head];
  let size = head.length;
  return new Promise((resolve) => {
    const done = () => {
      socket.destroy();
      resolve(Buffer.concat(chunks).toString('utf8').slice(0, expected || undefined));
    };
    if (size >= expected) return done();
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= expected) done();
    });
    socket.once('end', done);
    socket.once('error', done);
  });
}

function openTunnel(proxy: ProxySettings, host: string, port: number, callback: (error: Error | null, socket?: net.Socket) => void): void {
  const connect = http.request({
    host: proxy.host, port: proxy.port, method: 'CONNECT', path: `${host}:${port}`, agent: false,
    headers: { host: `${host}:${port}`, ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}) },
  });
  connect.once('connect', (res, socket, head) => {
    const status = res.statusCode ?? 0;
    if (status === 200) {
      if (head.length > 0) socket.unshift(head);
      callback(null, socket);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    void refusalBody(res, socket, head).then((body) => callback(new ProxyRefusal({ status, statusText: res.statusMessage ?? '', headers, body })));
  });
  connect.once('error', (error) => callback(error));
  connect.end();
}

// Node's agent ignores the stream when it gets an error.
const noStream = undefined as unknown as Duplex;

/** https through the proxy: TLS to the partner inside the tunnel, verified against Node's CAs (and NODE_EXTRA_CA_CERTS). */
export class HttpsTunnelAgent extends https.Agent {
  constructor(private readonly proxy: ProxySettings) {
    super({ keepAlive: true });
  }

  override createConnection(options: https.RequestOptions, callback?: Callback): Duplex | null | undefined {
    const host = options.hostname ?? options.host ?? '';
    openTunnel(this.proxy, host, Number(options.port ?? 443), (error, socket) => {
      if (error || !socket) return callback?.(error ?? new Error('no tunnel'), noStream);
      const secure = tls.connect({ ...(options as tls.ConnectionOptions), socket, servername: options.servername ?? host });
      callback?.(null, secure);
    });
    return undefined;
  }
}

/** Plain http through the proxy: a tunnel to port 80, as Playwright sends it (the twin serves both forms). */
export class HttpTunnelAgent extends http.Agent {
  constructor(private readonly proxy: ProxySettings) {
    super({ keepAlive: true });
  }

  override createConnection(options: http.ClientRequestArgs, callback?: Callback): Duplex | null | undefined {
    openTunnel(this.proxy, options.hostname ?? options.host ?? '', Number(options.port ?? 80), (error, socket) => {
      callback?.(error, socket ?? noStream);
    });
    return undefined;
  }
}
