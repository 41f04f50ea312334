/** The twin's router in this process, without proxy or TLS: requests in, answers out, for unit tests of its provider modules. */
import { FaultSet } from '../../../twin/fault-set.ts';
import { createClock } from '../../../twin/clock.ts';
import { createTwinProviders } from '../../../twin/providers/index.ts';
import { Router } from '../../../twin/router.ts';
import { loadAccounts } from '../../../twin/seed.ts';
import type { TwinAccount, TwinContext, TwinResponse } from '../../../twin/types.ts';
import { ROOT } from './paths.ts';

export interface DirectRequest {
  method?: string;
  host: string;
  /** Path, optionally with a query string. */
  path: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
}

export interface DirectTwin {
  ctx: TwinContext;
  send(request: DirectRequest): TwinResponse;
  account(targetId: string): TwinAccount;
}

/** Fresh provider modules (their own state) with the committed twin accounts and the given faults. */
export function directTwin(faults: string | readonly string[] = []): DirectTwin {
  const router = new Router(createTwinProviders());
  const ctx: TwinContext = { clock: createClock(), faults: FaultSet.validated(faults), accounts: loadAccounts(ROOT), issued: [] };
  return {
    ctx,
    send({ method = 'GET', host, path, headers = {}, json, form }) {
      const url = new URL(`https://${host}${path}`);
      const formBody = form ? new URLSearchParams(form) : undefined;
      const rawBody = json !== undefined ? JSON.stringify(json) : (formBody?.toString() ?? '');
      const contentType = json !== undefined ? 'application/json' : formBody ? 'application/x-www-form-urlencoded' : undefined;
      const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      return router.handle({
        method, host, scheme: 'https', path: url.pathname, query: url.searchParams,
        headers: { ...(contentType ? { 'content-type': contentType } : {}), ...lowerHeaders },
        rawHeaderNames: Object.keys(headers),
        rawBody: Buffer.from(rawBody),
        ...(json !== undefined ? { json } : {}),
        ...(formBody ? { form: formBody } : {}),
      }, ctx);
    },
    account(targetId) {
      const found = ctx.accounts.find((a) => a.targetId === targetId);
      if (!found) throw new Error(`no twin account for ${targetId}`);
      return found;
    },
  };
}

/** The answer's JSON body as a plain record (fails loudly when it is not one). */
export function bodyOf(response: TwinResponse): Record<string, unknown> {
  const { body } = response;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`not a JSON object: ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}
