/** The one-line reason of a failed test as reporters show it: redacted, without colour codes or the error's class name. */
import { isCategory, type Category } from '../categories.ts';
import { redactText } from '../http/redact.ts';

export function failureLine(message: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const plain = redactText(message ?? 'failed without a message').replace(/\u001b\[[0-9;]*m/g, '');
  const first = plain.split('\n').find((line) => line.trim() !== '') ?? '';
  // Playwright prefixes the error's class name ("CheckFailure: [tls] ...").
  return first.replace(/^[A-Z][A-Za-z]*(Error|Failure|Refusal): /, '').trim();
}

/** The category the suite put at the start of the line, or `suite-error` when it is not one of ours (a defect in the checks). */
export function categoryOfLine(line: string): Category | 'suite-error' {
  const category = /^\[([a-z-]+)\]/.exec(line)?.[1];
  return category && isCategory(category) ? category : 'suite-error';
}
