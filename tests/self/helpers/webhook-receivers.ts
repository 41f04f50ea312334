/**
 * Webhook receivers for the probe's tests, written from PROVIDERS.md and the vendors' guides — deliberately not from
 * src/webhooks, so the probe and these are two independent witnesses of how a partner signs. `correct` verifies as
 * documented; the broken ones are the mistakes the probe must expose: `accept-all` verifies nothing, `reserialise`
 * verifies the signature over JSON.stringify(JSON.parse(body)) instead of the raw bytes, `redirect` answers 302.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceiverMode = 'correct' | 'accept-all' | 'reserialise' | 'redirect' | 'silent';
export type ReceiverProvider = 'spotdraft' | 'spotnana';

export interface TestReceiver {
  url: string;
  /** Requests received, by path. */
  received: { path: string; probe: string | undefined; status: number }[];
  stop(): Promise<void>;
}

const equal = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function signedBytes(mode: ReceiverMode, raw: Buffer): Buffer {
  if (mode !== 'reserialise') return raw;
  try {
    return Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
  } catch {
    return raw;
  }
}

/** SpotDraft: X-SD-WEBHOOK-CONTENT-HASH = hex HMAC-SHA512(raw body), keyed by the base64-decoded hmac_key. */
function spotdraftVerdict(mode: ReceiverMode, hmacKey: string, headers: http.IncomingHttpHeaders, raw: Buffer): number {
  const sent = headers['x-sd-webhook-content-hash'];
  if (typeof sent !== 'string') return 400;
  const expected = createHmac('sha512', Buffer.from(hmacKey, 'base64')).update(signedBytes(mode, raw)).digest('hex');
  return equal(sent, expected) ? 200 : 401;
}

/**
 * Spotnana: x-spotnana-webhook-signature holds one or more space-separated base64 HMAC-SHA256 of `id.timestamp.body`,
 * keyed by the base64 after `whsec_`; the timestamp within 5 minutes; a repeated id is acknowledged, not processed.
 */
function spotnanaVerdict(mode: ReceiverMode, secret: string, headers: http.IncomingHttpHeaders, raw: Buffer, seen: Set<string>): number {
  const id = headers['x-spotnana-webhook-id'];
  const timestamp = headers['x-spotnana-webhook-timestamp'];
  const signatures = headers['x-spotnana-webhook-signature'];
  if (typeof id !== 'string' || typeof timestamp !== 'string' || typeof signatures !== 'string') return 400;
  if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return 401;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), signedBytes(mode, raw)])).digest('base64');
  if (!signatures.split(' ').some((s) => equal(s, expected))) return 401;
  if (seen.has(id)) return 200;
  seen.add(id);
  return 200;
}

export function startReceiver(provider: ReceiverProvider, mode: ReceiverMode, secret: string): Promise<TestReceiver> {
  const received: TestReceiver['received'] = [];
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const probe = typeof req.headers['x-contract-probe'] === 'string' ? req.headers['x-contract-probe'] : undefined;
      if (mode === 'silent') {
        received.push({ path: req.url ?? '', probe, status: 0 });
        return;
      }
      let status: number;
      if (mode === 'accept-all') status = 200;
      else if (mode === 'redirect') status = req.url === '/elsewhere' ? 200 : 302;
      else status = provider === 'spotdraft' ? spotdraftVerdict(mode, secret, req.headers, raw) : spotnanaVerdict(mode, secret, req.headers, raw, seen);
      received.push({ path: req.url ?? '', probe, status });
      res.writeHead(status, status === 302 ? { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/elsewhere` } : { 'content-type': 'application/json' });
      res.end(status === 302 ? '' : JSON.stringify({ ok: status === 200 }));
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/webhooks/${provider}`,
        received,
        stop: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}
