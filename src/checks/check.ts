/** What a check is, what it receives, and the shared assertions that turn an exchange into a verdict. */
import type { Category } from '../categories.ts';
import type { Profile, TargetProfile } from '../config/profile.ts';
import type { ContractValidator } from '../contracts/validator.ts';
import type { ApiClient } from '../auth/api-client.ts';
import type { AuthSession } from '../auth/session.ts';
import { CheckFailure, type Rule } from '../failure.ts';
import type { HttpClient } from '../http/client.ts';
import { describeAnswer } from '../http/answer-text.ts';
import { jsonOf, type Exchange, type ExchangeResponse } from '../http/exchange.ts';
import { describeBodyProblem, jsonBodyProblem } from '../http/json-body.ts';
import type { DocRef, ProviderDescriptor } from '../providers/types.ts';
import type { TwinControl } from './twin-control.ts';

export const FAMILIES = ['host', 'redirect', 'auth', 'token', 'schema', 'flow', 'preflight'] as const;
/** The families of the nightly contract run; `preflight` holds checks only a pre-release preflight runs. */
export const CONTRACT_FAMILIES = ['host', 'redirect', 'auth', 'token', 'schema', 'flow'] as const;
export type Family = (typeof FAMILIES)[number];

export type Severity = 'blocker' | 'critical' | 'normal' | 'minor';

export interface CheckContext {
  profile: Profile;
  target: TargetProfile;
  api: ApiClient;
  http: HttpClient;
  session: AuthSession;
  validator: ContractValidator;
  /** Present when the target is served by the twin (its clock can be moved). */
  twin?: TwinControl;
  /** A fact worth showing in the report (e.g. days to certificate expiry, a token timeline). */
  note(name: string, value: string): void;
  /** Extra evidence for the report (e.g. the list of schema violations). */
  attach(name: string, body: string): void;
  /** Exchanges made before the check (a worker-level step) that are its evidence: attached with its own. */
  cite(exchanges: readonly Exchange[]): void;
  /** Passed, but worth a warning (e.g. certificate expires in 15 days); `--strict` preflight turns it into a failure. */
  warn(message: string): void;
  /** The check could not run here: reported as skipped with the reason, never as passed. */
  skip(reason: string): never;
  /** A named step of a round trip: reported as its own step, with the exchanges made inside it as its evidence. */
  step<T>(name: string, body: () => Promise<T>): Promise<T>;
}

export interface Check {
  /** Stable id `<family>.<name>`: keeps report history across runs. */
  id: string;
  family: Family;
  /** The documented rule, in words: the test title. */
  title: string;
  severity: Severity;
  /** Sends a mutating request: registered for uat targets only (or prod with CONTRACT_ALLOW_PROD_WRITES=1). */
  mutating?: boolean;
  /** Part of the pre-release credential preflight (tagged @preflight): its column in the preflight table. */
  preflight?: string;
  docs(provider: ProviderDescriptor): DocRef;
  appliesTo(target: TargetProfile): boolean;
  run(ctx: CheckContext): Promise<void>;
}

export function ruleOf(check: Pick<Check, 'id' | 'title' | 'docs'>, provider: ProviderDescriptor): Rule {
  return { id: check.id, title: check.title, docs: check.docs(provider) };
}

/** Context a check fails through: knows the target and the rule, so the first line is rendered the same everywhere. */
export class Verdict {
  constructor(
    private readonly ctx: CheckContext,
    private readonly rule: Rule,
  ) {}

  fail(category: Category, expected: string, actual: string, exchange?: Exchange, details?: string[], where?: string): never {
    throw new CheckFailure({
      category, target: this.ctx.target.target.id, rule: this.rule, expected, actual,
      ...(exchange ? { exchange } : {}), ...(details ? { details } : {}), ...(where ? { where } : {}),
    });
  }

  /**
   * The response, when its status is one of `accepted`. Otherwise the failure is classified here, in one place:
   * network failures by their kind, 429 as rate limited, unexpected 5xx as partner server errors, the rest as `otherwise`.
   */
  status(exchange: Exchange, accepted: readonly number[], otherwise: Category, expected = `status ${accepted.join(' or ')}`): ExchangeResponse {
    const { response, failure } = exchange;
    if (failure) this.fail(failure.category, expected, `${failure.kind}: ${failure.message}`, exchange);
    if (!response) this.fail('network-unreachable', expected, 'no response', exchange);
    if (accepted.includes(response.status)) return response;
    const actual = describeAnswer(exchange, response);
    if (response.status === 429) this.fail('rate-limited', expected, actual, exchange);
    if (response.status >= 500) this.fail('partner-server-error', expected, actual, exchange);
    this.fail(otherwise, expected, actual, exchange);
  }

  /**
   * The response to a request made with our own valid credentials: a 401/403 means they were rejected
   * (credential-rejected); any other unexpected answer falls to `otherwise`.
   */
  accepted(exchange: Exchange, accepted: readonly number[], otherwise: Category): ExchangeResponse {
    const status = exchange.response?.status;
    return this.status(exchange, accepted, status === 401 || status === 403 ? 'credential-rejected' : otherwise);
  }

  /**
   * The JSON body validated against a component schema of the provider's contract, or against any one of several
   * (an error body documented in more than one shape); a mismatch reports the schema it came closest to.
   */
  schema(exchange: Exchange, schema: string | readonly string[]): unknown {
    const names = typeof schema === 'string' ? [schema] : schema;
    const label = names.join(' or ');
    const problem = exchange.response ? jsonBodyProblem(exchange.response) : undefined;
    if (problem) this.fail('invalid-response', `a JSON body matching ${label}`, describeBodyProblem(problem), exchange);
    const body = jsonOf(exchange);
    if (body === undefined) {
      this.fail('schema-drift', `a JSON body matching ${label}`, `${exchange.response?.headers['content-type'] ?? 'no content-type'}: ${(exchange.response?.body ?? '').slice(0, 120)}`, exchange);
    }
    const results = names.map((name) => ({ name, result: this.ctx.validator.validate(this.ctx.target.target.provider.id, name, body) }));
    if (results.some(({ result }) => result.ok)) return body;
    const closest = results.reduce((best, next) => (next.result.violations.length < best.result.violations.length ? next : best));
    const { violations } = closest.result;
    const first = violations[0];
    this.ctx.attach(`schema violations (${closest.name})`, violations.map((v) => `${v.path}\n  expected: ${v.expected}\n  actual:   ${v.actual}`).join('\n'));
    this.fail(
      'schema-drift',
      `a body matching ${label}`,
      `${violations.length} violation(s)${names.length > 1 ? ` of ${closest.name}` : ''}, first at ${first?.path}: expected ${first?.expected}, got ${first?.actual}`,
      exchange,
      violations.map((v) => `  ${v.path}: expected ${v.expected}, got ${v.actual}`),
    );
  }
}

export function verdict(ctx: CheckContext, check: Pick<Check, 'id' | 'title' | 'docs'>): Verdict {
  return new Verdict(ctx, ruleOf(check, ctx.target.target.provider));
}

export const always = (): boolean => true;
