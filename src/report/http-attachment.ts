/** An Exchange (already redacted) in Allure's HTTP exchange format, so the report renders request and response. */
import { ALLURE_HTTP_EXCHANGE_CONTENT_TYPE, ALLURE_HTTP_EXCHANGE_SCHEMA_VERSION, type HttpExchange, type HttpExchangeNameValue } from 'allure-js-commons';
import type { Exchange } from '../http/exchange.ts';

export const HTTP_ATTACHMENT_TYPE = ALLURE_HTTP_EXCHANGE_CONTENT_TYPE;

const pairs = (headers: Record<string, string>): HttpExchangeNameValue[] => Object.entries(headers).map(([name, value]) => ({ name, value }));

export function toAllureHttp(exchange: Exchange): HttpExchange {
  const url = new URL(exchange.request.url);
  const start = new Date(exchange.startedAt).getTime();
  const result: HttpExchange = {
    schemaVersion: ALLURE_HTTP_EXCHANGE_SCHEMA_VERSION,
    request: {
      method: exchange.request.method,
      url: exchange.request.url,
      headers: pairs(exchange.request.headers),
      query: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(exchange.request.body !== undefined
        ? { body: { contentType: exchange.request.headers['content-type'] ?? 'text/plain', encoding: 'utf8', value: exchange.request.body, size: exchange.request.body.length } }
        : {}),
    },
    start,
    stop: start + exchange.durationMs,
  };
  if (exchange.response) {
    result.response = {
      status: exchange.response.status,
      statusText: exchange.response.statusText,
      headers: pairs(exchange.response.headers),
      body: { contentType: exchange.response.headers['content-type'] ?? 'text/plain', encoding: 'utf8', value: exchange.response.body, size: exchange.response.body.length },
    };
  }
  if (exchange.failure) result.error = { name: `${exchange.failure.category}: ${exchange.failure.kind}`, message: exchange.failure.message };
  return result;
}
