/**
 * Calls a target's documented endpoints: builds the URL from the descriptor, authenticates through the
 * session (re-authenticating exactly once on a 401), discovers the ids a path or a body needs, and checks a
 * body against the endpoint's request schema before it is sent.
 */
import type { Category } from '../categories.ts';
import type { TargetProfile } from '../config/profile.ts';
import type { ContractValidator } from '../contracts/validator.ts';
import { CheckFailure } from '../failure.ts';
import type { HttpClient } from '../http/client.ts';
import { describeAnswer } from '../http/answer-text.ts';
import { jsonOf, type Exchange } from '../http/exchange.ts';
import { describeBodyProblem, jsonBodyProblem, type BodyProblem } from '../http/json-body.ts';
import { probeHeaders } from '../http/probe.ts';
import { fillParams, joinUrl } from '../http/url.ts';
import { findEndpoint } from '../providers/endpoint-lookup.ts';
import { REQUEST_BODIES } from '../providers/request-bodies.ts';
import type { EndpointDescriptor, ParamSource } from '../providers/types.ts';
import type { AuthSession } from './session.ts';

export interface CallOptions {
  /** `session` (default): the session's credentials; `none`: no credentials; or explicit headers. */
  auth?: 'session' | 'none' | Record<string, string>;
  extraHeaders?: Record<string, string>;
  body?: unknown;
  /**
   * The id of the check sending a deliberately invalid body (a negative probe): the body goes unchecked against the
   * endpoint's request schema, and the request carries the probe header naming the check.
   */
  probe?: string;
  /** Replace the URL (e.g. the slash-mismatch variant); credentials still only go to the provider's hosts. */
  url?: string;
  /** Path parameters given rather than discovered (a flow's own record). */
  params?: Record<string, string>;
  /** Query parameters added to the endpoint's own (a list's filter, a page). */
  query?: Record<string, string>;
  method?: string;
}

/** A 2xx answer whose body is not JSON at all. */
function notJson(exchange: Exchange): BodyProblem | undefined {
  const { response } = exchange;
  return response && response.status >= 200 && response.status < 300 ? jsonBodyProblem(response) : undefined;
}

/** How a failed discovery answer is classified: the same rules as any check (network kind, 429, 5xx, auth, a body that is not JSON). */
function discoveryCategory(exchange: Exchange): Category {
  const status = exchange.response?.status;
  if (exchange.failure) return exchange.failure.category;
  if (status === 429) return 'rate-limited';
  if (status !== undefined && status >= 500) return 'partner-server-error';
  if (status === 401 || status === 403) return 'credential-rejected';
  if (notJson(exchange)) return 'invalid-response';
  return 'schema-drift';
}

function discoveryActual(exchange: Exchange, pick: string): string {
  if (exchange.failure) return `${exchange.failure.kind}: ${exchange.failure.message}`;
  const { response } = exchange;
  if (response && (response.status === 429 || response.status >= 500)) return describeAnswer(exchange, response);
  const problem = notJson(exchange);
  return problem ? `${response?.status} with ${describeBodyProblem(problem)}` : `${response?.status} without ${pick}`;
}

function pick(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  // Some APIs wrap ids: {id: {id: "..."}}.
  if (current && typeof current === 'object' && 'id' in current) return (current as { id: unknown }).id;
  return current;
}

/** SpotDraft lists carry a contract id as a number or a digit string; its composite id is `T-<digits>`. */
const isNumeric = (value: unknown): boolean => typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value));

export class ApiClient {
  /** How many times a 401 led to a fresh login (checks and benchmarks read it). */
  reauthentications = 0;
  private readonly discovered = new Map<string, Promise<Exchange>>();

  constructor(
    readonly profile: TargetProfile,
    readonly http: HttpClient,
    readonly session: AuthSession,
    /** Checks request bodies before they are sent; needed by every endpoint that names a request schema. */
    private readonly validator?: ContractValidator,
  ) {}

  endpoint(id: string): EndpointDescriptor {
    const found = findEndpoint(this.profile.target.provider, id);
    if (!found) throw new Error(`${this.profile.target.provider.id} has no endpoint ${id}`);
    return found;
  }

  url(endpoint: EndpointDescriptor, params: Record<string, string> = {}, baseUrl = this.profile.baseUrl, extraQuery: Record<string, string> = {}): string {
    const query = Object.fromEntries(Object.entries(endpoint.query ?? {}).map(([k, v]) => [k, fillParams(v, params, 'query')]));
    return joinUrl(baseUrl, fillParams(endpoint.path, params), { ...query, ...extraQuery });
  }

  /** The values for an endpoint's path parameters, each discovered once per worker from its source endpoint. */
  params(endpoint: EndpointDescriptor): Promise<Record<string, string>> {
    return this.discoverValues(endpoint.params);
  }

  /**
   * The body the endpoint's factory (or the named one) builds from the values its `bodyParams` discover; undefined
   * when it takes none.
   */
  async requestBody(endpoint: EndpointDescriptor, factoryName = endpoint.body): Promise<Record<string, unknown> | undefined> {
    if (!factoryName) return undefined;
    const factory = REQUEST_BODIES[factoryName];
    if (!factory) throw new Error(`${endpoint.id}: no request body factory ${factoryName}`);
    return factory(await this.discoverValues(endpoint.bodyParams));
  }

  private async discoverValues(sources: Record<string, ParamSource> | undefined): Promise<Record<string, string>> {
    const values: Record<string, string> = {};
    for (const [name, source] of Object.entries(sources ?? {})) {
      const exchange = await this.discover(source.from);
      const raw = pick(jsonOf(exchange), source.pick);
      if (raw === undefined || raw === null || raw === '') {
        const source_ = this.endpoint(source.from);
        throw new CheckFailure({
          category: discoveryCategory(exchange),
          target: this.profile.target.id,
          rule: { id: `discovery.${source.from}`, title: `the {${name}} an endpoint needs is discovered from ${source.from}`, docs: source_.docs },
          expected: `${source_.successStatus} with ${source.pick}`,
          actual: discoveryActual(exchange, source.pick),
          exchange,
        });
      }
      values[name] = source.prefixIfNumeric && isNumeric(raw) ? `${source.prefixIfNumeric}${String(raw)}` : String(raw);
    }
    return values;
  }

  /** A body that breaks the endpoint's request schema is our own bug: it fails here, before anything is sent. */
  assertValidBody(endpoint: EndpointDescriptor, body: unknown, method: string, url: string): void {
    const schema = endpoint.requestSchema;
    if (schema === undefined) return;
    if (!this.validator) throw new Error(`${endpoint.id}: its body is checked against ${schema} before it is sent, and this client has no validator`);
    const result = this.validator.validate(this.profile.target.provider.id, schema, body);
    if (result.ok) return;
    const first = result.violations[0];
    const { host, pathname } = new URL(url);
    throw new CheckFailure({
      category: 'configuration',
      target: this.profile.target.id,
      rule: { id: `request-body.${endpoint.id}`, title: `the body the suite builds for ${endpoint.id} matches ${schema} before it is sent`, docs: endpoint.docs },
      expected: `a body matching ${schema}`,
      actual: `${result.violations.length} violation(s), first at ${first?.path}: expected ${first?.expected}, got ${first?.actual}; nothing was sent`,
      where: `${method} ${host} ${pathname}`,
      details: result.violations.map((v) => `  ${v.path}: expected ${v.expected}, got ${v.actual}`),
    });
  }

  /** Calls an endpoint once per worker and remembers the answer (for id discovery). */
  discover(endpointId: string): Promise<Exchange> {
    let pending = this.discovered.get(endpointId);
    if (!pending) {
      pending = this.call(endpointId);
      this.discovered.set(endpointId, pending);
    }
    return pending;
  }

  async call(endpointId: string, options: CallOptions = {}): Promise<Exchange> {
    const endpoint = this.endpoint(endpointId);
    const url = options.url ?? this.url(endpoint, options.params ?? await this.params(endpoint), undefined, options.query);
    const method = options.method ?? endpoint.method;
    const body = options.body ?? await this.requestBody(endpoint);
    if (body !== undefined && options.probe === undefined) this.assertValidBody(endpoint, body, method, url);
    const send = async () => {
      const auth = options.auth ?? 'session';
      const authHeaders = auth === 'session' ? await this.session.authenticate() : auth === 'none' ? {} : auth;
      return this.http.send({
        method, url,
        headers: { accept: 'application/json', ...authHeaders, ...options.extraHeaders, ...(options.probe ? probeHeaders(options.probe) : {}) },
        ...(body !== undefined ? { json: body } : {}),
        carriesCredentials: auth !== 'none',
      });
    };
    const first = await send();
    if (first.response?.status === 401 && (options.auth ?? 'session') === 'session' && this.session.renewable && this.session.invalidate()) {
      this.reauthentications += 1;
      return send();
    }
    return first;
  }
}
