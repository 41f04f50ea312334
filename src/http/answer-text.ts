/** An unexpected answer in a few words, the same in every failure line: status, what a 429 led to, and the body's gist. */
import type { Exchange, ExchangeResponse } from './exchange.ts';

function statusLine(response: ExchangeResponse): string {
  return response.statusText ? `${response.status} ${response.statusText}` : String(response.status);
}

/** What the HTTP layer did about a 429: the Retry-After it was given, and how often it retried. */
function retryNote(exchange: Exchange, response: ExchangeResponse): string {
  const retryAfter = response.headers['retry-after'];
  const retries = exchange.rateLimitRetries ?? 0;
  const after = retries === 0 ? 'not retried' : `still 429 after ${retries} ${retries === 1 ? 'retry' : 'retries'}`;
  return ` (${retryAfter === undefined ? 'no Retry-After' : `Retry-After: ${retryAfter}`}; ${after})`;
}

function gist(response: ExchangeResponse): string {
  const location = response.headers.location;
  if (location) return ` -> ${location}`;
  if (/html/i.test(response.headers['content-type'] ?? '')) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(response.body)?.[1]?.trim();
    return title ? ` (HTML page "${title}")` : ' (HTML page)';
  }
  const body = response.body.replace(/\s+/g, ' ').trim();
  return body ? ` ${body.slice(0, 160)}` : '';
}

export function describeAnswer(exchange: Exchange, response: ExchangeResponse): string {
  if (response.status === 429) return `${statusLine(response)}${retryNote(exchange, response)}${gist(response)}`;
  if (response.status >= 500) return `${statusLine(response)}${gist(response)}`;
  return `${response.status}${gist(response)}`;
}
