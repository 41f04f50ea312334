/**
 * The suite's `expect`: Playwright's, with a toBeOK that is safe to fail. Playwright's own prints the request's call
 * log — every request header, client-secret and Authorization included — and the first 1000 characters of the answer
 * (a token, under `.not`). Ours prints one line: status, method, host and path, through the redaction choke point.
 */
import { expect as playwrightExpect, type APIResponse, type ExpectMatcherState, type MatcherReturnType } from '@playwright/test';
import type { Exchange } from './http/exchange.ts';
import { redactText } from './http/redact.ts';

function isExchange(value: unknown): value is Exchange {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Exchange>).request?.url === 'string';
}

function isApiResponse(value: unknown): value is APIResponse {
  return typeof value === 'object' && value !== null
    && typeof (value as Partial<APIResponse>).status === 'function' && typeof (value as Partial<APIResponse>).url === 'function';
}

/** `host /path` of a URL: never its query, where a credential could sit. */
function hostAndPathOf(url: string): string {
  try {
    const { host, pathname } = new URL(url);
    return `${host} ${pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

/**
 * An APIResponse does not expose its request's method; the first line of Playwright's call log does ("→ GET https://…").
 * Only that word is kept: the lines after it are the request headers.
 */
async function methodOf(response: APIResponse): Promise<string | undefined> {
  const fetchLog = (response as { _fetchLog?: () => Promise<string[]> })._fetchLog;
  if (typeof fetchLog !== 'function') return undefined;
  const log = await fetchLog.call(response).catch(() => []);
  return /^\u2192 ([A-Z]+) /.exec(log[0] ?? '')?.[1];
}

interface Answer {
  ok: boolean;
  got: string;
  /** `METHOD host /path`. */
  where: string;
}

async function answerOf(received: Exchange | APIResponse): Promise<Answer> {
  if (isExchange(received)) {
    const { request, response, failure } = received;
    const got = response ? `${response.status} ${response.statusText}`.trim() : `no answer (${failure?.kind ?? 'no response'})`;
    const ok = !failure && response !== undefined && response.status >= 200 && response.status < 300;
    return { ok, got, where: `${request.method} ${hostAndPathOf(request.url)}` };
  }
  const method = await methodOf(received);
  const where = `${method ? `${method} ` : ''}${hostAndPathOf(received.url())}`;
  return { ok: received.ok(), got: `${received.status()} ${received.statusText()}`.trim(), where };
}

async function toBeOK(this: ExpectMatcherState, received: Exchange | APIResponse): Promise<MatcherReturnType> {
  if (!isExchange(received) && !isApiResponse(received)) {
    return { pass: this.isNot, name: 'toBeOK', message: () => `expect(received).toBeOK(): expected an Exchange or an APIResponse, got ${typeof received}` };
  }
  const { ok, got, where } = await answerOf(received);
  const expected = this.isNot ? 'not 2xx' : '2xx';
  return { pass: ok, name: 'toBeOK', message: () => redactText(`expect(response).${this.isNot ? 'not.' : ''}toBeOK(): expected ${expected}, got ${got} (${where})`) };
}

export const expect = playwrightExpect.extend({ toBeOK });
