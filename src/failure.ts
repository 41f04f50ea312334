/** A failed check: its category, the documented rule, what was expected and what came back, from where. */
import type { Category } from './categories.ts';
import { hostAndPath, type Exchange } from './http/exchange.ts';
import { redactText } from './http/redact.ts';
import type { DocRef } from './providers/types.ts';

export interface Rule {
  /** Stable id: `<family>.<check>` (e.g. `host.tls-certificate`). */
  id: string;
  /** The documented rule in words. */
  title: string;
  docs: DocRef;
}

export interface FailureDetails {
  category: Category;
  target: string;
  rule: Rule;
  expected: string;
  actual: string;
  exchange?: Exchange;
  /** Where the request went when there is no exchange (e.g. a TLS probe): `METHOD host path`. */
  where?: string;
  /** Extra lines (e.g. AJV errors), shown after the first line. */
  details?: string[];
  /** The step of a round trip that failed (src/flows/). */
  step?: string;
}

export function firstLine(d: Pick<FailureDetails, 'category' | 'target' | 'rule' | 'expected' | 'actual' | 'exchange' | 'where' | 'step'>): string {
  const where = d.exchange ? hostAndPath(d.exchange) : d.where;
  const step = d.step ? ` — step "${d.step}"` : '';
  return `[${d.category}] ${d.target}: ${d.rule.title}${step} — expected ${d.expected}, got ${d.actual}${where ? ` (${where})` : ''}`;
}

export class CheckFailure extends Error {
  readonly details: FailureDetails;

  constructor(details: FailureDetails) {
    const lines = [firstLine(details), ...(details.details ?? []), `rule ${details.rule.id}: ${details.rule.docs.title} <${details.rule.docs.url}>`];
    super(redactText(lines.join('\n')));
    // Reports print "<name>: <message>"; an empty name keeps "[category] target: rule — …" as the very first text.
    this.name = '';
    // A finding about the partner, not a defect of the suite: reports show the rule it broke, never stack frames.
    this.stack = this.message;
    this.details = details;
  }

  get category(): Category {
    return this.details.category;
  }
}
