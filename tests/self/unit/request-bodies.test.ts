/**
 * Request bodies: built from values discovered like path ids, valid against the project's request schema before they
 * are sent (a body that is not is our own bug, and nothing is sent), and the checks that a body without a documented
 * required field is refused.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from '../../../src/auth/api-client.ts';
import { createSession } from '../../../src/auth/session.ts';
import { callableEndpoints, needsWrites } from '../../../src/checks/endpoints.ts';
import { withoutField } from '../../../src/body-paths.ts';
import { CHECKS, checksFor } from '../../../src/checks/index.ts';
import type { Profile } from '../../../src/config/profile.ts';
import type { SendRequest } from '../../../src/http/client.ts';
import { CheckFailure } from '../../../src/failure.ts';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import { REQUEST_BODIES } from '../../../src/providers/request-bodies.ts';
import type { EndpointDescriptor } from '../../../src/providers/types.ts';
import { runCheck, VALIDATOR } from '../helpers/check-context.ts';
import { FakeHttp, targetProfile, type Answer } from '../helpers/fake-http.ts';

const COMPANY = '44a9a48d-d25a-4ee1-80b8-2a5827829d94';
const LEGAL_ENTITY = '6f1c2b7e-3d4a-4b5c-9e8f-0a1b2c3d4e5f';
const NEW_USER = 'c4c915b6-1573-4e68-8124-4582a4aee3bf';

const pathOf = (request: SendRequest): string => new URL(request.url).pathname;
const sentJson = (request: SendRequest | undefined): Record<string, unknown> => request?.json as Record<string, unknown>;

/** Spotnana: a token, one company, one legal entity of it; `create` answers POST /v2/users. */
function spotnana(create: Answer = { status: 201, body: { id: NEW_USER } }) {
  return (request: SendRequest): Answer => {
    if (request.isLogin) return { status: 200, body: { access_token: 'opaque-token-1', token_type: 'Bearer', expires_in: 3600 } };
    const path = pathOf(request);
    if (path === '/v2/companies') return { status: 200, body: { length: 1, elements: [{ id: COMPANY, name: 'Acme Travel' }], totalNumResults: 1 } };
    if (path === `/v2/companies/${COMPANY}/legal-entities`) return { status: 200, body: { length: 1, elements: [{ id: LEGAL_ENTITY, name: 'Acme Travel Ltd' }] } };
    if (path === '/v2/users' && request.method === 'POST') return create;
    return { status: 404, body: {} };
  };
}

function client(targetId: string, responder: (request: SendRequest) => Answer): { api: ApiClient; http: FakeHttp } {
  const http = new FakeHttp(responder);
  const profile = targetProfile(targetId);
  return { api: new ApiClient(profile, http.asClient(), createSession({ profile, http: http.asClient() }), VALIDATOR), http };
}

const placeholders = (endpoint: EndpointDescriptor): Record<string, string> =>
  Object.fromEntries(Object.keys(endpoint.bodyParams ?? {}).map((name) => [name, COMPANY]));

describe('the body of every create endpoint matches the project\'s request schema', () => {
  for (const provider of PROVIDERS) {
    for (const endpoint of provider.endpoints.filter((e) => e.body)) {
      test(`${provider.id} ${endpoint.id}: ${endpoint.body} matches ${endpoint.requestSchema}`, () => {
        assert.ok(endpoint.requestSchema, 'a body is checked before it is sent: its endpoint names a request schema');
        const factory = REQUEST_BODIES[endpoint.body ?? ''];
        assert.ok(factory);
        const result = VALIDATOR.validate(provider.id, endpoint.requestSchema, factory(placeholders(endpoint)));
        assert.deepEqual(result.violations, []);
      });
    }
  }

  test('every schema a body descriptor names exists (request schema, refusal bodies)', () => {
    for (const provider of PROVIDERS) {
      const names = new Set(VALIDATOR.componentNames(provider.id));
      for (const endpoint of provider.endpoints) {
        if (endpoint.requestSchema) assert.ok(names.has(endpoint.requestSchema), `${provider.id} ${endpoint.id}: ${endpoint.requestSchema}`);
        for (const name of endpoint.requiredField?.errorSchemas ?? []) assert.ok(names.has(name), `${provider.id} ${endpoint.id}: ${name}`);
      }
    }
  });

  test('the vendors\' rules: SpotDraft needs is_individual and has no name; Spotnana\'s name needs family1, businessInfo both refs', () => {
    const counterParty = VALIDATOR.validate('spotdraft', 'CounterPartyCreateRequest', { name: 'Acme' });
    assert.ok(counterParty.violations.some((v) => v.path === '/is_individual' && v.actual === 'missing'));
    assert.ok(counterParty.violations.some((v) => v.expected === 'must NOT have additional properties'));
    const user = VALIDATOR.validate('spotnana', 'UserCreateRequest', { persona: 'EMPLOYEE', personalInfo: { name: { given: 'A', family: 'B' } }, businessInfo: {} });
    assert.deepEqual(
      user.violations.filter((v) => v.actual === 'missing').map((v) => v.path),
      ['/personalInfo/name/family1', '/businessInfo/organizationRef', '/businessInfo/legalEntityRef'],
    );
  });
});

describe('values a body needs are discovered like path ids', () => {
  test('Spotnana users.create: businessInfo names the discovered company and its legal entity', async () => {
    const { api, http } = client('spotnana-global-uat', spotnana());
    const exchange = await api.call('users.create');
    assert.equal(exchange.response?.status, 201);
    const [sent] = http.requests.filter((r) => r.method === 'POST' && pathOf(r) === '/v2/users');
    assert.deepEqual((sentJson(sent).businessInfo as Record<string, unknown>).organizationRef, { id: COMPANY });
    assert.deepEqual((sentJson(sent).businessInfo as Record<string, unknown>).legalEntityRef, { id: LEGAL_ENTITY });
    assert.ok('family1' in ((sentJson(sent).personalInfo as { name: object }).name));
  });

  test('each source is read once per worker, whether a path or a body needs it', async () => {
    const { api, http } = client('spotnana-global-uat', spotnana());
    await api.call('users.create');
    await api.call('users.create');
    await api.discover('legal_entities.list');
    assert.equal(http.requestsTo('/v2/companies').length, 1);
    assert.equal(http.requestsTo('/legal-entities').length, 1);
  });

  test('a body value that cannot be discovered fails like a path id, and the create is not sent', async () => {
    const { api, http } = client('spotnana-global-uat', (request) => (pathOf(request).endsWith('/legal-entities') ? { status: 404, body: {} } : spotnana()(request)));
    await assert.rejects(api.call('users.create'), (error: unknown) => {
      assert.ok(error instanceof CheckFailure);
      assert.equal(error.details.rule.id, 'discovery.legal_entities.list');
      return true;
    });
    assert.equal(http.requests.filter((r) => r.method === 'POST' && !r.isLogin).length, 0);
  });

  test('SpotDraft composite ids: T- before a bare number or a digit string, nothing before anything else', async () => {
    for (const [id, composite] of [[21279, 'T-21279'], ['21279', 'T-21279'], ['H-42', 'H-42'], ['21a79', '21a79']] as const) {
      const { api } = client('spotdraft-us-uat', () => ({ status: 200, body: { page: 1, limit: 10, total_results: 1, results: [{ id }] } }));
      const { composite_id: value } = await api.params(api.endpoint('contracts.status'));
      assert.equal(value, composite, `id ${JSON.stringify(id)}`);
    }
  });
});

describe('a body is checked against its request schema before it is sent', () => {
  test('a body that breaks it: one configuration failure naming the schema and where, and no request', async () => {
    const { api, http } = client('spotdraft-us-uat', () => ({ status: 201, body: {} }));
    await assert.rejects(api.call('counter_parties.create', { body: { name: 'Acme' } }), (error: unknown) => {
      assert.ok(error instanceof CheckFailure);
      assert.equal(error.category, 'configuration');
      const [first] = error.message.split('\n');
      assert.match(first ?? '', /^\[configuration\] spotdraft-us-uat: the body the suite builds for counter_parties\.create matches CounterPartyCreateRequest before it is sent — expected a body matching CounterPartyCreateRequest, got \d+ violation\(s\), first at \/\S+: .*; nothing was sent \(POST api\.us\.spotdraft\.com \/api\/v2\.1\/public\/counter_parties\/\)$/);
      assert.ok(error.message.includes('/is_individual: expected a required property, got missing'), error.message);
      return true;
    });
    assert.equal(http.sent, 0, 'nothing was sent');
  });

  test('a probe sends a deliberately invalid body as given, marked with the check that sends it', async () => {
    const { api, http } = client('spotdraft-us-uat', () => ({ status: 400, body: { is_individual: ['This field is required.'] } }));
    const exchange = await api.call('counter_parties.create', { body: { organization_name: 'Acme' }, probe: 'schema.counter_parties.create.incomplete-body-refused' });
    assert.equal(exchange.response?.status, 400);
    assert.deepEqual(http.requests[0]?.json, { organization_name: 'Acme' });
    assert.equal(http.requests[0]?.headers?.['x-contract-probe'], 'schema.counter_parties.create.incomplete-body-refused');
  });

  test('a client without a validator refuses to send a body its endpoint checks', async () => {
    const http = new FakeHttp(() => ({ status: 201, body: {} }));
    const profile = targetProfile('spotdraft-us-uat');
    const api = new ApiClient(profile, http.asClient(), createSession({ profile, http: http.asClient() }));
    await assert.rejects(api.call('counter_parties.create'), /no validator/);
    assert.equal(http.sent, 0);
  });
});

describe('callableEndpoints and needsWrites follow body values too', () => {
  const read: EndpointDescriptor = { id: 'things.list', method: 'GET', path: '/things', schema: 'X', successStatus: 200, mutating: false, docs: { title: 't', url: 'https://example.com' } };
  const create: EndpointDescriptor = { ...read, id: 'things.create', method: 'POST', mutating: true };
  const fromCreated: EndpointDescriptor = { ...read, id: 'things.search', method: 'POST', bodyParams: { thing: { from: 'things.create', pick: 'id' } } };
  const fromRead: EndpointDescriptor = { ...read, id: 'things.query', method: 'POST', bodyParams: { thing: { from: 'things.list', pick: '0.id' } } };
  const all = [read, create, fromCreated, fromRead];

  test('a body value from a mutating call needs writes; one from a read does not', () => {
    assert.equal(needsWrites(fromCreated, all), true);
    assert.equal(needsWrites(fromRead, all), false);
  });

  test('on prod without writes, an endpoint whose body needs a created value is not callable', () => {
    const base = targetProfile('spotnana-global-prod');
    const tp = { ...base, target: { ...base.target, provider: { ...base.target.provider, endpoints: all } } };
    const ids = callableEndpoints(tp, { allowProdWrites: false }).map((e) => e.id);
    assert.deepEqual(ids, ['things.list', 'things.query']);
  });

  test('Spotnana users.create is callable on uat: its company and legal entity come from reads', () => {
    assert.ok(callableEndpoints(targetProfile('spotnana-global-uat'), { allowProdWrites: false }).some((e) => e.id === 'users.create'));
  });
});

describe('withoutField', () => {
  test('drops a nested field from a copy, and says when there is none', () => {
    const body = { a: 1, b: { c: { d: 2, e: 3 } } };
    assert.deepEqual(withoutField(body, 'b.c.d'), { a: 1, b: { c: { e: 3 } } });
    assert.deepEqual(body, { a: 1, b: { c: { d: 2, e: 3 } } }, 'the original is untouched');
    assert.deepEqual(withoutField(body, 'a'), { b: { c: { d: 2, e: 3 } } });
    assert.equal(withoutField(body, 'b.x.d'), undefined);
    assert.equal(withoutField(body, 'z'), undefined);
  });
});

describe('schema.<create>.incomplete-body-refused', () => {
  const CASES = [
    {
      id: 'schema.counter_parties.create.incomplete-body-refused', target: 'spotdraft-us-uat', field: 'is_individual', path: '/api/v2.1/public/counter_parties/',
      refused: { status: 400, body: { is_individual: ['This field is required.'] } }, accepted: { status: 201, body: { id: 2001 } },
      dropped: (body: Record<string, unknown>) => !('is_individual' in body) && 'organization_name' in body,
    },
    {
      id: 'schema.users.create.incomplete-body-refused', target: 'spotnana-global-uat', field: 'personalInfo.name.family1', path: '/v2/users',
      refused: { status: 400, body: { debugIdentifier: 'dbg-1', errorMessages: [{ errorCode: 'API_VALIDATION_FAILED', message: 'family1 is required' }] } },
      accepted: { status: 201, body: { id: NEW_USER } },
      dropped: (body: Record<string, unknown>) => {
        const name = (body.personalInfo as { name: Record<string, unknown> }).name;
        return !('family1' in name) && 'given' in name && 'legalEntityRef' in (body.businessInfo as object);
      },
    },
    {
      id: 'schema.orders.create.incomplete-body-refused', target: 'spreetail-eu-uat', field: 'ReferenceNumber', path: '/api/api/v1/outbound',
      refused: { status: 400, body: { success: false, error: 'ReferenceNumber is required', details: { field: 'ReferenceNumber', message: 'ReferenceNumber is required' } } },
      accepted: { status: 200, body: { success: true, data: {} } },
      dropped: (body: Record<string, unknown>) => !('ReferenceNumber' in body) && 'OrderItems' in body,
    },
  ];

  function responder(target: string, path: string, create: Answer) {
    return (request: SendRequest): Answer => {
      if (pathOf(request) === path && request.method === 'POST') return create;
      if (target.startsWith('spotnana')) return spotnana()(request);
      if (request.isLogin) return { status: 200, body: { success: true, data: { access_token: 'jwt-token-number-1', expires_in: 86400 } } };
      return { status: 404, body: {} };
    };
  }

  for (const c of CASES) {
    const check = CHECKS.schema.find((x) => x.id === c.id);

    test(`${c.id}: registered, mutating, for uat targets only`, () => {
      assert.ok(check, `no check ${c.id}`);
      assert.equal(check.mutating, true);
      const profile = { allowProdWrites: false, preflight: false } as Pick<Profile, 'allowProdWrites' | 'preflight'>;
      assert.ok(checksFor('schema', targetProfile(c.target), profile).includes(check));
      assert.ok(!checksFor('schema', targetProfile(c.target.replace('-uat', '-prod')), profile).includes(check));
    });

    test(`${c.id}: the documented refusal passes; the body sent lacks ${c.field} and nothing else`, async () => {
      assert.ok(check);
      const run = await runCheck(check, c.target, responder(c.target, c.path, c.refused));
      assert.equal(run.error, undefined, String(run.error));
      const creates = run.http.requests.filter((r) => r.method === 'POST' && pathOf(r) === c.path);
      assert.equal(creates.length, 1);
      assert.ok(c.dropped(sentJson(creates[0])), JSON.stringify(creates[0]?.json));
    });

    test(`${c.id}: a 2xx fails it as schema-drift, "a body without ${c.field} is accepted"`, async () => {
      assert.ok(check);
      const run = await runCheck(check, c.target, responder(c.target, c.path, c.accepted));
      assert.ok(run.error instanceof CheckFailure, String(run.error));
      assert.equal(run.error.category, 'schema-drift');
      assert.equal(run.error.details.actual, `a body without ${c.field} is accepted: ${c.accepted.status}`);
    });

    test(`${c.id}: a 400 without the documented error body fails it as schema-drift`, async () => {
      assert.ok(check);
      const run = await runCheck(check, c.target, responder(c.target, c.path, { status: 400, body: [] }));
      assert.ok(run.error instanceof CheckFailure, String(run.error));
      assert.equal(run.error.category, 'schema-drift');
      assert.match(run.error.details.expected, /^a body matching /);
    });
  }
});
