/** The twin's admin API, on the proxy port under /__twin/: request log, clock, faults and created records. Loopback only. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestLog } from './request-log.ts';
import type { TwinClock, TwinRecord } from './types.ts';

export interface AdminDeps {
  log: RequestLog;
  issuedTokens(): { targetId: string; token: string }[];
  clock: TwinClock;
  setFaults(spec: string[]): void;
  faults(): string[];
  records(): TwinRecord[];
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) });
  res.end(payload);
}

export async function handleAdmin(req: IncomingMessage, res: ServerResponse, deps: AdminDeps): Promise<void> {
  const path = (req.url ?? '').split('?')[0];
  const route = `${req.method} ${path}`;
  switch (route) {
    case 'GET /__twin/health':
      return reply(res, 200, { ok: true, faults: deps.faults() });
    case 'GET /__twin/log':
      return reply(res, 200, deps.log.all());
    case 'GET /__twin/issued-tokens':
      return reply(res, 200, deps.issuedTokens().map((t) => ({ target: t.targetId, token: t.token })));
    case 'GET /__twin/records':
      return reply(res, 200, deps.records());
    case 'DELETE /__twin/log':
      deps.log.clear();
      return reply(res, 200, { ok: true });
    case 'POST /__twin/clock': {
      const body = await jsonBody(req);
      const seconds = Number(body.advanceSeconds);
      if (!Number.isFinite(seconds)) return reply(res, 400, { error: 'advanceSeconds must be a number' });
      deps.clock.advance(seconds, typeof body.scope === 'string' ? body.scope : undefined);
      return reply(res, 200, { now: new Date(deps.clock.now()).toISOString() });
    }
    case 'DELETE /__twin/clock':
      deps.clock.reset();
      return reply(res, 200, { ok: true });
    case 'PUT /__twin/faults': {
      const body = await jsonBody(req);
      const list = Array.isArray(body.faults) ? body.faults.map(String) : [];
      try {
        deps.setFaults(list);
      } catch (error) {
        return reply(res, 400, { error: (error as Error).message });
      }
      return reply(res, 200, { faults: deps.faults() });
    }
    default:
      return reply(res, 404, { error: `no admin route ${route}` });
  }
}
