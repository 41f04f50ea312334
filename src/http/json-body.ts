/** Why an answer that should carry JSON does not: it is empty, a page of another type, or JSON that does not parse. */
import type { ExchangeResponse } from './exchange.ts';

export interface BodyProblem {
  kind: 'empty body' | 'not JSON' | 'invalid JSON';
  /** One line: the content-type and what came instead (a page's title, the parser's complaint). */
  detail: string;
}

function mediaType(response: ExchangeResponse): string {
  return (response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function preview(body: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  const text = title ? `page titled "${title}"` : JSON.stringify(body.replace(/\s+/g, ' ').trim().slice(0, 80));
  return text;
}

/** Undefined when the body parses as JSON (whatever its content-type says). */
export function jsonBodyProblem(response: ExchangeResponse): BodyProblem | undefined {
  const type = mediaType(response) || 'no content-type';
  if (response.body.trim() === '') return { kind: 'empty body', detail: `${type}, no body` };
  try {
    JSON.parse(response.body);
    return undefined;
  } catch (error) {
    if (!/[/+]json$/.test(type)) return { kind: 'not JSON', detail: `${type}: ${preview(response.body)}` };
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { kind: 'invalid JSON', detail: `${type} body does not parse: ${reason}` };
  }
}

export function describeBodyProblem(problem: BodyProblem): string {
  return `${problem.kind} (${problem.detail})`;
}
