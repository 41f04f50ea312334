/** The Spotnana twin answers as the vendor's schemas describe, and refuses user bodies UserCreateRequest / UserUpdateRequest reject. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bodyOf, directTwin, type DirectRequest, type DirectTwin } from '../helpers/twin-direct.ts';

const HOST = 'api-ext-sboxmeta.partners.spotnana.com';
const TARGET = 'spotnana-global-uat';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function tokenRequest(twin: DirectTwin, secret?: string): DirectRequest {
  const account = twin.account(TARGET);
  return {
    method: 'POST', host: HOST, path: '/v2/auth/oauth2-token',
    form: { grant_type: 'client_credentials', client_id: account.clientId, client_secret: secret ?? account.clientSecret },
  };
}

/** A signed-in caller of the sandbox: its company and legal entities as the twin lists them. */
function signedIn(faults: string[] = []) {
  const twin = directTwin(faults);
  const token = String(bodyOf(twin.send(tokenRequest(twin))).access_token);
  const send = (request: Omit<DirectRequest, 'host'>) => twin.send({ ...request, host: HOST, headers: { authorization: `Bearer ${token}` } });
  const companyId = String((bodyOf(send({ path: '/v2/companies' })).elements as { id: string }[])[0]?.id);
  const legalEntities = bodyOf(send({ path: `/v2/companies/${companyId}/legal-entities` }));
  const legalEntityId = String((legalEntities.elements as { id: string }[])[0]?.id);
  return { twin, send, companyId, legalEntityId, legalEntities };
}

function validUser(companyId: string, legalEntityId: string): Record<string, unknown> {
  return {
    persona: 'EMPLOYEE',
    personalInfo: { name: { given: 'Contract', family1: 'Suite' }, email: 'contract.suite@example.com' },
    businessInfo: { organizationRef: { id: companyId }, legalEntityRef: { id: legalEntityId }, email: 'contract.suite@example.com' },
  };
}

describe('Spotnana twin: token, company and legal entities', () => {
  test('bad client credentials answer 403 with an ErrorResponse (the vendor documents no 401 for the token)', () => {
    const twin = directTwin();
    const answer = twin.send(tokenRequest(twin, 'not-the-secret'));
    assert.equal(answer.status, 403);
    assert.equal(answer.auth, 'rejected');
    const body = bodyOf(answer);
    assert.equal(typeof body.debugIdentifier, 'string');
    assert.equal((body.errorMessages as { errorCode: string }[])[0]?.errorCode, 'PERMISSION_DENIED');
  });

  test('the company carries id {id}, name, billingCurrency and companyRoles', () => {
    const { send, companyId } = signedIn();
    const company = bodyOf(send({ path: `/v2/companies/${companyId}` }));
    assert.deepEqual(company.id, { id: companyId });
    assert.equal(typeof company.name, 'string');
    assert.equal(company.billingCurrency, 'USD');
    assert.deepEqual(company.companyRoles, ['ORG']);
  });

  test('legal entities: ArrayOfReference of uuid ids and names, the same in every twin process', () => {
    const { legalEntities, send, companyId } = signedIn();
    const elements = legalEntities.elements as { id: string; name: string }[];
    assert.equal(legalEntities.length, elements.length);
    assert.equal(legalEntities.totalNumResults, elements.length);
    assert.ok(elements.length >= 1 && elements.length <= 2);
    for (const entity of elements) {
      assert.match(entity.id, UUID);
      assert.equal(typeof entity.name, 'string');
    }
    assert.deepEqual(signedIn().legalEntities, legalEntities, 'deterministic seeds');
    const paged = bodyOf(send({ path: `/v2/companies/${companyId}/legal-entities?pageNumber=2&pageSize=1` }));
    assert.deepEqual(paged, { length: 1, elements: elements.slice(1, 2), totalNumResults: elements.length });
  });

  test("another company's legal entities and users are refused with 403 (neither operation documents a 404)", () => {
    const { send } = signedIn();
    const other = 'b93dc51f-12dd-46c7-b7d6-1cb12cd3f5b3';
    assert.equal(send({ path: `/v2/companies/${other}/legal-entities` }).status, 403);
    assert.equal(send({ path: `/v2/users?companyId=${other}` }).status, 403);
  });

  test('spotnana-legal-entity-id-not-uuid: the ids become numbers', () => {
    const { legalEntities } = signedIn(['spotnana-legal-entity-id-not-uuid@spotnana-global-uat']);
    for (const entity of legalEntities.elements as { id: unknown }[]) assert.equal(typeof entity.id, 'number');
  });
});

describe('Spotnana twin: users as UserProfile', () => {
  test('seeded users: name {given, family1}, business refs to the company and one of its legal entities', () => {
    const { send, companyId, legalEntities } = signedIn();
    const list = bodyOf(send({ path: `/v2/users?companyId=${companyId}` }));
    const elements = list.elements as Record<string, unknown>[];
    assert.equal(list.length, elements.length);
    const entityIds = (legalEntities.elements as { id: string }[]).map((e) => e.id);
    for (const summary of elements) {
      assert.deepEqual(Object.keys(summary).sort(), ['email', 'id', 'isActive', 'persona']);
      const user = bodyOf(send({ path: `/v2/users/${String(summary.id)}` }));
      const name = (user.personalInfo as { name: Record<string, unknown> }).name;
      assert.deepEqual(Object.keys(name).sort(), ['family1', 'given']);
      const business = user.businessInfo as Record<string, { id: string }>;
      assert.equal(business.organizationRef?.id, companyId);
      assert.ok(entityIds.includes(business.legalEntityRef?.id ?? ''), 'one of the company\'s legal entities');
      assert.ok(!('companyId' in business));
    }
  });

  test('a valid create answers 201 {id: uuid}, and the user reads back as stored', () => {
    const { send, companyId, legalEntityId } = signedIn();
    const body = { ...validUser(companyId, legalEntityId), roles: [] };
    const created = send({ method: 'POST', path: '/v2/users', json: body });
    assert.equal(created.status, 201);
    const id = String(bodyOf(created).id);
    assert.match(id, UUID);
    const user = bodyOf(send({ path: `/v2/users/${id}` }));
    assert.deepEqual(user, { ...validUser(companyId, legalEntityId), isActive: true, id }, 'only UserProfile fields are stored');
  });

  const refusals: [string, (user: Record<string, unknown>, ids: { companyId: string }) => unknown, { name: string; value: string }[]][] = [
    ['persona missing', ({ persona: _persona, ...rest }) => rest, [{ name: 'persona', value: '' }]],
    ['persona outside the enum', (user) => ({ ...user, persona: 'CONTRACTOR' }), [{ name: 'persona', value: 'CONTRACTOR' }]],
    ['name.family1 missing', (user) => ({ ...user, personalInfo: { name: { given: 'Contract', family: 'Suite' } } }), [{ name: 'personalInfo.name.family1', value: '' }]],
    ['name.given missing', (user) => ({ ...user, personalInfo: { name: { family1: 'Suite' } } }), [{ name: 'personalInfo.name.given', value: '' }]],
    ['businessInfo without its refs', (user) => ({ ...user, businessInfo: { email: 'a@example.com' } }), [
      { name: 'businessInfo.organizationRef', value: '' }, { name: 'businessInfo.legalEntityRef', value: '' },
    ]],
    ['organizationRef of another company', (user) => ({
      ...user, businessInfo: { ...(user.businessInfo as object), organizationRef: { id: 'b93dc51f-12dd-46c7-b7d6-1cb12cd3f5b3' } },
    }), [{ name: 'businessInfo.organizationRef.id', value: 'b93dc51f-12dd-46c7-b7d6-1cb12cd3f5b3' }]],
    ['legalEntityRef that is the company, not one of its legal entities', (user, { companyId }) => ({
      ...user, businessInfo: { ...(user.businessInfo as object), legalEntityRef: { id: companyId } },
    }), [{ name: 'businessInfo.legalEntityRef.id', value: '<company>' }]],
    ['tier outside the enum', (user) => ({ ...user, tier: 'PLATINUM' }), [{ name: 'tier', value: 'PLATINUM' }]],
  ];
  for (const [what, change, parameters] of refusals) {
    test(`create refused with 400 API_VALIDATION_FAILED: ${what}`, () => {
      const { send, companyId, legalEntityId } = signedIn();
      const answer = send({ method: 'POST', path: '/v2/users', json: change(validUser(companyId, legalEntityId), { companyId }) });
      assert.equal(answer.status, 400);
      const body = bodyOf(answer);
      assert.equal(typeof body.debugIdentifier, 'string');
      const messages = body.errorMessages as { errorCode: string; message: string; errorParameters: { name: string; value: string }[] }[];
      for (const message of messages) {
        assert.equal(message.errorCode, 'API_VALIDATION_FAILED');
        assert.equal(typeof message.message, 'string');
      }
      const expected = parameters.map((p) => (p.value === '<company>' ? { ...p, value: companyId } : p));
      assert.deepEqual(messages.flatMap((m) => m.errorParameters), expected);
    });
  }

  test('a businessInfo-less create is valid (only persona is required); an update needs businessInfo', () => {
    const { send, companyId, legalEntityId } = signedIn();
    const created = send({ method: 'POST', path: '/v2/users', json: { persona: 'GUEST', personalInfo: { name: { given: 'Gail', family1: 'Guest' } } } });
    assert.equal(created.status, 201);
    const id = String(bodyOf(created).id);
    const refused = send({ method: 'PUT', path: `/v2/users/${id}`, json: { persona: 'GUEST' } });
    assert.equal(refused.status, 400);
    assert.deepEqual((bodyOf(refused).errorMessages as { errorParameters: unknown[] }[]).flatMap((m) => m.errorParameters), [{ name: 'businessInfo', value: '' }]);
    const replaced = send({ method: 'PUT', path: `/v2/users/${id}`, json: validUser(companyId, legalEntityId) });
    assert.equal(replaced.status, 200);
    assert.deepEqual(bodyOf(send({ path: `/v2/users/${id}` })), { ...validUser(companyId, legalEntityId), isActive: true, id });
  });

  test('spotnana-user-incomplete-body-accepted: a name without family1 is created', () => {
    const { send, companyId, legalEntityId } = signedIn(['spotnana-user-incomplete-body-accepted@spotnana-global-uat']);
    const user = validUser(companyId, legalEntityId);
    const answer = send({ method: 'POST', path: '/v2/users', json: { ...user, personalInfo: { name: { given: 'Contract' } } } });
    assert.equal(answer.status, 201);
    const refused = send({ method: 'POST', path: '/v2/users', json: { ...user, persona: undefined } });
    assert.equal(refused.status, 400, 'the other required fields still hold');
  });
});

describe('Spotnana twin: replacing and deleting a user', () => {
  /** A user with an optional field (`preferred`) that a complete-object PUT leaving it out must drop. */
  const fullUser = (companyId: string, legalEntityId: string) => {
    const user = validUser(companyId, legalEntityId);
    return { ...user, personalInfo: { ...(user.personalInfo as object), name: { given: 'Contract', family1: 'Suite', preferred: 'Probe' } } };
  };
  const create = (send: ReturnType<typeof signedIn>['send'], json: unknown) => {
    const answer = send({ method: 'POST', path: '/v2/users', json });
    assert.equal(answer.status, 201);
    return String(bodyOf(answer).id);
  };

  test('PUT replaces the whole user: a field the body leaves out is gone', () => {
    const { send, companyId, legalEntityId } = signedIn();
    const id = create(send, fullUser(companyId, legalEntityId));
    const replacement = validUser(companyId, legalEntityId);
    assert.equal(send({ method: 'PUT', path: `/v2/users/${id}`, json: replacement }).status, 200);
    assert.deepEqual(bodyOf(send({ path: `/v2/users/${id}` })), { ...replacement, isActive: true, id });
  });

  test('DELETE answers 204 with no content; the user is then gone (GET and DELETE 404, and off the list)', () => {
    const { send, companyId, legalEntityId } = signedIn();
    const id = create(send, validUser(companyId, legalEntityId));
    const deleted = send({ method: 'DELETE', path: `/v2/users/${id}` });
    assert.equal(deleted.status, 204);
    assert.equal(deleted.rawBody, '');
    const read = send({ path: `/v2/users/${id}` });
    assert.equal(read.status, 404);
    assert.equal((bodyOf(read).errorMessages as { errorCode: string }[])[0]?.errorCode, 'RESOURCE_NOT_FOUND');
    const again = send({ method: 'DELETE', path: `/v2/users/${id}` });
    assert.equal(again.status, 404);
    assert.equal((bodyOf(again).errorMessages as { errorCode: string }[])[0]?.errorCode, 'RESOURCE_NOT_FOUND');
    const listed = bodyOf(send({ path: `/v2/users?companyId=${companyId}` })).elements as { id: string }[];
    assert.ok(!listed.some((u) => u.id === id));
  });

  test('DELETE needs the bearer token like the other user routes', () => {
    const { twin, send, companyId, legalEntityId } = signedIn();
    const id = create(send, validUser(companyId, legalEntityId));
    assert.equal(twin.send({ method: 'DELETE', host: HOST, path: `/v2/users/${id}` }).status, 401);
    assert.equal(twin.send({ method: 'DELETE', host: HOST, path: `/v2/users/${id}`, headers: { authorization: 'Bearer not-issued' } }).status, 401);
    assert.equal(send({ path: `/v2/users/${id}` }).status, 200, 'still there');
  });

  test('spotnana-user-put-merges: what the PUT body leaves out survives, at any depth', () => {
    const { send, companyId, legalEntityId } = signedIn(['spotnana-user-put-merges@spotnana-global-uat']);
    const original = { ...fullUser(companyId, legalEntityId), tier: 'SEAT1A' };
    const id = create(send, original);
    const replacement = validUser(companyId, legalEntityId);
    const changed = { ...replacement, personalInfo: { name: { given: 'Contract', family1: 'Replaced' } } };
    assert.equal(send({ method: 'PUT', path: `/v2/users/${id}`, json: changed }).status, 200);
    assert.deepEqual(bodyOf(send({ path: `/v2/users/${id}` })), {
      ...original, isActive: true, id,
      personalInfo: { name: { given: 'Contract', family1: 'Replaced', preferred: 'Probe' }, email: 'contract.suite@example.com' },
    });
  });

  test('spotnana-created-user-unreadable: the answered id is a uuid that GET answers 404 for', () => {
    const { send, companyId, legalEntityId } = signedIn(['spotnana-created-user-unreadable@spotnana-global-uat']);
    const id = create(send, validUser(companyId, legalEntityId));
    assert.match(id, UUID);
    assert.equal(send({ path: `/v2/users/${id}` }).status, 404);
    const listed = bodyOf(send({ path: `/v2/users?companyId=${companyId}` })).elements as { id: string; email?: string }[];
    assert.equal(listed.filter((u) => u.email === 'contract.suite@example.com').length, 1, 'stored, under another id');
  });

  test('spotnana-deleted-user-readable: DELETE answers 204 and the user still reads back', () => {
    const { send, companyId, legalEntityId } = signedIn(['spotnana-deleted-user-readable@spotnana-global-uat']);
    const id = create(send, validUser(companyId, legalEntityId));
    assert.equal(send({ method: 'DELETE', path: `/v2/users/${id}` }).status, 204);
    assert.equal(send({ path: `/v2/users/${id}` }).status, 200);
    assert.equal(send({ method: 'DELETE', path: '/v2/users/b93dc51f-12dd-46c7-b7d6-1cb12cd3f5b3' }).status, 404, 'an unknown user is still unknown');
  });
});
