/**
 * Conformance of what actually flows: each request sent to an operation a vendor documents, held against that
 * operation's request schema and content type, and each answer against its response schema for the status, where
 * one is documented. Violations a declared divergence covers are counted apart; the rest are the suite's or the
 * twin's faults. Plain data in, plain data out: the project's tests feed it the twin's exchanges.
 */
import type { ProviderDescriptor } from '../providers/types.ts';
import type { SchemaViolation } from '../contracts/violations.ts';
import { findDivergence, wildcardIndices, type Divergence, type DivergenceSubject } from './divergences.ts';
import type { LoadedVendorDocument } from './documents.ts';
import { documentedStatuses, findOperation, responseFor, type VendorOperation } from './operations.ts';
import type { Direction } from './schema-views.ts';
import { VendorValidator, type VendorVerdict } from './validator.ts';

export interface ObservedExchange {
  method: string;
  host: string;
  /** Path without query string, as sent. */
  path: string;
  requestContentType?: string;
  requestBody: string;
  /** The probe header's value: the check that sent a deliberately invalid request. */
  probe?: string;
  status: number;
  responseContentType?: string;
  responseBody: string;
}

export interface ConformanceViolation extends DivergenceSubject {
  /** `METHOD host path` as sent. */
  sent: string;
  expected: string;
  actual: string;
  /** `<file>#<pointer>` of the vendor schema or response it breaks. */
  vendor: string;
  declared?: Divergence;
}

export interface ConformanceCounts {
  requestsChecked: number;
  answersChecked: number;
  /** Requests to paths no vendor document of the provider describes (slash variants, doubled paths, …): not checked. */
  undocumentedOperations: number;
}

const RATE_LIMITED = 429;

/**
 * What came, without the text of any string in it: a body may hold a client secret (a token request) or an access
 * token (its answer), and a violation is printed by tests and sent back in the gate's refusal.
 */
function withoutStrings(actual: string): string {
  // A long value is shown cut short, without its closing quote: up to the end is the string.
  return actual.replace(/"(?:[^"\\]|\\.)*(?:"|$)/g, 'a string');
}

function parseBody(contentType: string | undefined, raw: string): { value: unknown } | { problem: string } | undefined {
  if (raw === '') return undefined;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/x-www-form-urlencoded') return { value: Object.fromEntries(new URLSearchParams(raw)) };
  if (type === 'application/json' || type.endsWith('+json')) {
    try {
      return { value: JSON.parse(raw) as unknown };
    } catch {
      return { problem: 'a body that is not JSON' };
    }
  }
  return { value: raw };
}

export class Conformance {
  readonly counts: ConformanceCounts = { requestsChecked: 0, answersChecked: 0, undocumentedOperations: 0 };
  readonly violations: ConformanceViolation[] = [];
  /** Declared divergences that covered at least one violation, with how many. */
  readonly declaredUse = new Map<Divergence, number>();
  private readonly validator = new VendorValidator();
  private readonly providerByHost = new Map<string, string>();

  constructor(
    providers: readonly ProviderDescriptor[],
    private readonly documents: ReadonlyMap<string, readonly LoadedVendorDocument[]>,
    private readonly divergences: readonly Divergence[],
  ) {
    for (const provider of providers) {
      for (const urls of Object.values(provider.baseUrls)) for (const url of Object.values(urls)) this.providerByHost.set(new URL(url).hostname, provider.id);
    }
  }

  /** Judges one exchange; returns its undeclared violations (the twin's gate refuses to serve on any). */
  observe(exchange: ObservedExchange): ConformanceViolation[] {
    const provider = this.providerByHost.get(exchange.host);
    const documents = provider ? this.documents.get(provider) : undefined;
    if (!provider || !documents || documents.length === 0) return [];
    const operation = findOperation(documents, exchange.method, exchange.path);
    if (!operation) {
      this.counts.undocumentedOperations += 1;
      return [];
    }
    const sent = `${exchange.method} ${exchange.host} ${exchange.path}`;
    const found = [...this.request(provider, operation, exchange, sent), ...this.answer(provider, operation, exchange, sent)]
      .map((v) => this.judged(v, exchange.probe));
    this.violations.push(...found);
    return found.filter((violation) => !violation.declared);
  }

  private request(provider: string, operation: VendorOperation, exchange: ObservedExchange, sent: string): ConformanceViolation[] {
    this.counts.requestsChecked += 1;
    const body = parseBody(exchange.requestContentType, exchange.requestBody);
    if (body && 'problem' in body) return [this.violation(provider, operation, 'request', undefined, sent, { path: '/', expected: 'a JSON body', actual: body.problem }, 'schema', `${operation.document.file}${operation.pointer}/requestBody`)];
    return this.verdictViolations(provider, operation, 'request', undefined, sent, this.validator.request(operation, exchange.requestContentType, body?.value));
  }

  private answer(provider: string, operation: VendorOperation, exchange: ObservedExchange, sent: string): ConformanceViolation[] {
    const { status } = exchange;
    const documented = responseFor(operation, status);
    if (!documented) {
      // Where the vendor lists the operation's client errors, another one is an answer it does not document.
      const clientErrors = documentedStatuses(operation).filter((key) => /^4\d\d$/.test(key));
      if (status < 400 || status >= 500 || status === RATE_LIMITED || clientErrors.length === 0) return [];
      this.counts.answersChecked += 1;
      return [this.violation(provider, operation, 'response', String(status), sent, { path: '/', expected: `one of the documented statuses ${documentedStatuses(operation).join(', ')}`, actual: String(status) }, 'status-undocumented', `${operation.document.file}${operation.pointer}/responses`)];
    }
    const body = parseBody(exchange.responseContentType, exchange.responseBody);
    const verdict = body && 'problem' in body
      ? this.validator.response(operation, status, 'text/plain', exchange.responseBody)
      : this.validator.response(operation, status, body === undefined ? undefined : exchange.responseContentType, body?.value);
    if (verdict.kind === 'undocumented') return [];
    this.counts.answersChecked += 1;
    return this.verdictViolations(provider, operation, 'response', documented.key, sent, verdict);
  }

  private verdictViolations(provider: string, operation: VendorOperation, direction: Direction, status: string | undefined, sent: string, verdict: VendorVerdict): ConformanceViolation[] {
    switch (verdict.kind) {
      case 'valid':
      case 'undocumented':
        return [];
      case 'wrong-content-type':
        return [this.violation(provider, operation, direction, status, sent, {
          path: '/', expected: verdict.documented.length > 0 ? `a body of ${verdict.documented.join(' or ')}` : 'no body', actual: verdict.contentType === 'none' ? 'no body' : verdict.contentType,
        }, 'content-type', verdict.check.location)];
      case 'invalid':
        return verdict.violations.map((v) => this.violation(provider, operation, direction, status, sent, v, 'schema', verdict.check.location));
    }
  }

  private violation(provider: string, operation: VendorOperation, direction: Direction, status: string | undefined, sent: string, v: SchemaViolation, rule: string, vendor: string): ConformanceViolation {
    return { provider, operation: operation.name, direction, ...(status ? { status } : {}), path: v.path, rule, sent, expected: v.expected, actual: withoutStrings(v.actual), vendor };
  }

  /** The violation with the declared divergence that covers it, if one does (and counted against it). */
  private judged(violation: ConformanceViolation, probe: string | undefined): ConformanceViolation {
    const declared = findDivergence(this.divergences, { ...violation, ...(probe ? { probe } : {}) });
    if (!declared) return violation;
    this.declaredUse.set(declared, (this.declaredUse.get(declared) ?? 0) + 1);
    return { ...violation, declared };
  }

  undeclared(direction: Direction): ConformanceViolation[] {
    return this.violations.filter((v) => v.direction === direction && !v.declared);
  }

  /** Where the counts are now, to report what one run added (`summary(mark)`). */
  mark(): { counts: ConformanceCounts; violations: number } {
    return { counts: { ...this.counts }, violations: this.violations.length };
  }

  /** `requests checked N, violations V; answers checked M, violations W` (undeclared violations), since `from`. */
  summary(from: { counts: ConformanceCounts; violations: number } = { counts: { requestsChecked: 0, answersChecked: 0, undocumentedOperations: 0 }, violations: 0 }): string {
    const since = this.violations.slice(from.violations).filter((v) => !v.declared);
    const count = (direction: Direction) => since.filter((v) => v.direction === direction).length;
    return `requests checked ${this.counts.requestsChecked - from.counts.requestsChecked}, violations ${count('request')}; `
      + `answers checked ${this.counts.answersChecked - from.counts.answersChecked}, violations ${count('response')}`;
  }
}

/** One line per kind of violation (same operation, place and expectation), with how often and one request it came from. */
export function distinctViolations(violations: readonly ConformanceViolation[]): string[] {
  const groups = new Map<string, { first: ConformanceViolation; count: number }>();
  for (const v of violations) {
    const key = `${v.direction} ${v.status ?? ''} ${v.operation} ${wildcardIndices(v.path)} ${v.expected}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { first: v, count: 1 });
  }
  return [...groups.values()].map(({ first, count }) => `${describeViolation({ ...first, path: wildcardIndices(first.path) })} ×${count}`);
}

/** One line per violation, for a test's failure message. */
export function describeViolation(v: ConformanceViolation): string {
  return `${v.direction} ${v.status ?? ''} ${v.operation} at ${v.path}: expected ${v.expected}, got ${v.actual} (${v.sent}; vendor ${v.vendor})`.replace(/ {2,}/g, ' ');
}
