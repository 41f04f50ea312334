/** The SpotDraft twin answers as the vendor's schemas describe, and refuses counter-party bodies CreateCounterPartyAPIRequest rejects. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seedWorkspace } from '../../../twin/providers/spotdraft-data.ts';
import { bodyOf, directTwin, type DirectTwin } from '../helpers/twin-direct.ts';

const HOST = 'api.us.spotdraft.com';
const TARGET = 'spotdraft-us-uat';
const COUNTER_PARTIES = '/api/v2.1/public/counter_parties/';

function credentials(twin: DirectTwin): Record<string, string> {
  const account = twin.account(TARGET);
  return { 'client-id': account.clientId, 'client-secret': account.clientSecret };
}

const get = (twin: DirectTwin, path: string) => twin.send({ host: HOST, path, headers: credentials(twin) });
const createCounterParty = (twin: DirectTwin, json: unknown) => twin.send({ method: 'POST', host: HOST, path: COUNTER_PARTIES, headers: credentials(twin), json });

describe('SpotDraft twin: contracts and organization entities', () => {
  const twin = directTwin();

  test('listed contract ids are digit strings, and their composite ids T-<id> still resolve', () => {
    const page = bodyOf(get(twin, '/api/v2.1/public/contracts/?page=1&limit=100'));
    const results = page.results as { id: unknown; contract_name: string }[];
    assert.ok(results.length > 0);
    for (const contract of results) assert.ok(typeof contract.id === 'string' && /^\d+$/.test(contract.id), `id ${JSON.stringify(contract.id)}`);
    const [first] = results;
    const status = get(twin, `/api/v2.1/public/contracts/T-${first?.id}/status`);
    assert.equal(status.status, 200);
    assert.equal(bodyOf(status).contract_name, first?.contract_name);
    assert.equal(get(twin, `/api/v2.1/public/contracts/T-0${first?.id}/status`).status, 404, 'the id as written, not as a number');
  });

  test('historical contracts answer by H-<digits> only', () => {
    const [historical] = seedWorkspace(twin.account(TARGET)).historicalContracts;
    assert.ok(historical);
    const answer = get(twin, `/api/v2.1/public/contracts/H-${historical.id}/status`);
    assert.equal(answer.status, 200);
    assert.equal(bodyOf(answer).contract_name, historical.contract_name);
    assert.equal(get(twin, `/api/v2.1/public/contracts/T-${historical.id}/status`).status, 404, 'not a listed contract');
  });

  test('entities carry organization_type, primary_address (with its country) and is_primary', () => {
    const entities = get(twin, '/api/v2.1/public/organizations/entities/').body as Record<string, unknown>[];
    assert.equal(entities.length, 2);
    for (const entity of entities) {
      assert.equal(typeof entity.id, 'number');
      assert.equal(typeof entity.is_primary, 'boolean');
      const type = entity.organization_type as Record<string, unknown>;
      assert.equal(typeof type.id, 'number');
      assert.equal(typeof type.name, 'string');
      const address = entity.primary_address as Record<string, unknown>;
      for (const field of ['line_one', 'city_name', 'state_name', 'zipcode']) assert.equal(typeof address[field], 'string', field);
      assert.equal(typeof address.id, 'number');
      assert.deepEqual(address.country, entity.jurisdiction);
    }
    assert.deepEqual(entities.map((e) => e.is_primary), [true, false]);
  });
});

describe('SpotDraft twin: creating a counter party', () => {
  test('an organisation is named by organization_name; no address means no primary_address', () => {
    const twin = directTwin();
    const answer = createCounterParty(twin, { is_individual: false, organization_name: 'Globex Ltd', contact_name: 'Hank Scorpio', contact_email: 'hank@globex.example' });
    assert.equal(answer.status, 201);
    const created = bodyOf(answer);
    assert.equal(created.name, 'Globex Ltd');
    assert.equal(created.is_individual, false);
    assert.equal(created.status, 'ACTIVE');
    assert.equal(typeof created.id, 'number');
    assert.ok(!('primary_address' in created), 'omitted, never null');
    const [contact] = created.contacts as Record<string, unknown>[];
    assert.deepEqual({ ...contact, id: typeof contact?.id }, { id: 'number', name: 'Hank Scorpio', email: 'hank@globex.example' });
  });

  test('an individual is named by contact_name; an address is answered with every field CounterPartyAPIResponse requires', () => {
    const twin = directTwin();
    const answer = createCounterParty(twin, {
      is_individual: true, contact_name: 'Mike Reed', contact_email: 'mike@example.com',
      primary_address: { line_one: '1 Road', city_name: 'Cincinnati', country_name: 'USA' },
    });
    assert.equal(answer.status, 201);
    const created = bodyOf(answer);
    assert.equal(created.name, 'Mike Reed');
    assert.equal(created.is_individual, true);
    const address = created.primary_address as Record<string, unknown>;
    assert.deepEqual({ ...address, id: typeof address.id }, { id: 'number', line_one: '1 Road', city_name: 'Cincinnati', state_name: '', zipcode: '', country_name: 'USA' });
  });

  const refusals: [string, Record<string, unknown>, Record<string, string[]>][] = [
    ['is_individual missing', { organization_name: 'Globex Ltd' }, { is_individual: ['This field is required.'] }],
    ['a name alone (there is no name field)', { name: 'Globex Ltd' }, { is_individual: ['This field is required.'] }],
    ['is_individual not a boolean', { is_individual: 'false', organization_name: 'Globex Ltd' }, { is_individual: ['Must be a valid boolean.'] }],
    ['an organisation without organization_name', { is_individual: false, contact_name: 'Hank' }, { organization_name: ['This field is required.'] }],
    ['an individual without contact_email', { is_individual: true, contact_name: 'Mike Reed' }, { contact_email: ['This field is required.'] }],
    ['an individual with neither contact field', { is_individual: true, organization_name: 'Globex' }, { contact_name: ['This field is required.'], contact_email: ['This field is required.'] }],
    ['an address without city_name and country_name', { is_individual: false, organization_name: 'Globex', primary_address: { line_one: '1 Road' } }, {
      'primary_address.city_name': ['This field is required.'], 'primary_address.country_name': ['This field is required.'],
    }],
    ['a name that is not a string', { is_individual: false, organization_name: 42 }, { organization_name: ['Not a valid string.'] }],
  ];
  for (const [what, body, errors] of refusals) {
    test(`refused with 400 and field-keyed errors: ${what}`, () => {
      const twin = directTwin();
      const answer = createCounterParty(twin, body);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, errors);
    });
  }

  test('spotdraft-counter-party-incomplete-body-accepted: without is_individual, the organisation is created', () => {
    const faulty = directTwin(['spotdraft-counter-party-incomplete-body-accepted@spotdraft-us-uat']);
    const answer = createCounterParty(faulty, { organization_name: 'Globex Ltd' });
    assert.equal(answer.status, 201);
    assert.equal(bodyOf(answer).is_individual, false);
    const elsewhere = directTwin(['spotdraft-counter-party-incomplete-body-accepted@spotdraft-us-prod']);
    assert.equal(createCounterParty(elsewhere, { organization_name: 'Globex Ltd' }).status, 400, 'only on the fault\'s target');
  });
});

describe('SpotDraft twin: counter parties kept per workspace', () => {
  const counterParty = (id: unknown) => `${COUNTER_PARTIES}${String(id)}`;
  const patch = (twin: DirectTwin, id: unknown, json: unknown) => twin.send({ method: 'PATCH', host: HOST, path: counterParty(id), headers: credentials(twin), json });
  const listed = (twin: DirectTwin, query = '') => bodyOf(get(twin, `${COUNTER_PARTIES}${query}`));
  const created = (twin: DirectTwin, json: Record<string, unknown>) => {
    const answer = createCounterParty(twin, json);
    assert.equal(answer.status, 201);
    return bodyOf(answer);
  };

  test('every workspace starts with a few ordinary counter parties: the list is never empty', () => {
    const page = listed(directTwin());
    assert.deepEqual({ ...page, results: undefined }, { page: 1, limit: 10, total_results: 3, results: undefined });
    const results = page.results as { id: unknown; name: string; contacts: { email: string }[] }[];
    assert.equal(results.length, 3);
    for (const seeded of results) {
      assert.equal(typeof seeded.id, 'number');
      assert.doesNotMatch(seeded.name, /contract/i);
      assert.equal(seeded.contacts.length, 1);
    }
  });

  test('create, find by contact email, read back, PATCH: the round trip keeps what was sent', () => {
    const twin = directTwin();
    const body = { is_individual: false, organization_name: 'Vandelay Industries', contact_name: 'Art Vandelay', contact_email: 'art@vandelay.example' };
    const made = created(twin, body);

    const found = listed(twin, '?filter__client_email_address=art%40vandelay.example');
    assert.deepEqual(found, { page: 1, limit: 10, total_results: 1, results: [made] });
    assert.equal(listed(twin, '?filter__client_email_address=ART%40vandelay.example').total_results, 0, 'an exact match');
    assert.equal(listed(twin).total_results, 4, 'stored beside the seeded ones');

    const read = get(twin, counterParty(made.id));
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, made);

    const updated = patch(twin, made.id, { name: 'Vandelay Imports', brand_name: 'Vandelay', custom_fields: { vendor_id: 'V-77' } });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, { ...made, name: 'Vandelay Imports', custom_fields: { vendor_id: 'V-77' }, brand_name: 'Vandelay' });
    assert.deepEqual(get(twin, counterParty(made.id)).body, updated.body);
    assert.deepEqual(bodyOf(patch(twin, made.id, { brand_name: 'Vandelay & Co' })), { ...bodyOf(updated), brand_name: 'Vandelay & Co' }, 'only what the body carries changes');
    assert.deepEqual(read.body, made, 'an answer already given is not changed afterwards');
  });

  test('pages of the list: page and limit (default 10, at most 100)', () => {
    const twin = directTwin();
    const second = listed(twin, '?page=2&limit=2');
    assert.deepEqual({ page: second.page, limit: second.limit, total: second.total_results, count: (second.results as unknown[]).length }, { page: 2, limit: 2, total: 3, count: 1 });
    assert.equal(get(twin, `${COUNTER_PARTIES}?limit=100`).status, 200);
    const refused = get(twin, `${COUNTER_PARTIES}?limit=101`);
    assert.equal(refused.status, 400);
    assert.deepEqual(Object.keys(bodyOf(refused)), ['limit']);
  });

  test('an unknown, non-integer or other workspace\'s id answers 404 {detail}', () => {
    const twin = directTwin();
    const made = created(twin, { is_individual: true, contact_name: 'Elaine Benes', contact_email: 'elaine@pendant.example' });
    for (const id of [9_999_999, 'abc', `${String(made.id)}x`]) {
      const answer = get(twin, counterParty(id));
      assert.equal(answer.status, 404, String(id));
      assert.deepEqual(answer.body, { detail: 'Not found.' });
      assert.equal(patch(twin, id, { brand_name: 'x' }).status, 404, `PATCH ${String(id)}`);
    }
    const prod = twin.account('spotdraft-us-prod');
    const elsewhere = twin.send({ host: HOST, path: counterParty(made.id), headers: { 'client-id': prod.clientId, 'client-secret': prod.clientSecret } });
    assert.equal(elsewhere.status, 404, 'another workspace on the same host does not see it');
  });

  test('the slash variant of a counter party answers the documented 302 to the canonical path, for GET and PATCH', () => {
    const twin = directTwin();
    const [first] = listed(twin).results as { id: number }[];
    for (const method of ['GET', 'PATCH']) {
      const answer = twin.send({ method, host: HOST, path: `${counterParty(first?.id)}/`, headers: credentials(twin), json: { brand_name: 'x' } });
      assert.equal(answer.status, 302, method);
      assert.equal(answer.headers?.location, `https://${HOST}${counterParty(first?.id)}`);
    }
    assert.equal(bodyOf(get(twin, counterParty(first?.id))).brand_name, undefined, 'the redirected PATCH changed nothing');
  });

  test('a name is unique within a workspace: a create or PATCH taking another one\'s name is a 400 on that field', () => {
    const twin = directTwin();
    const seededName = (listed(twin).results as { name: string }[])[0]?.name ?? '';
    const taken = 'A counter party with this name already exists in this workspace.';
    assert.deepEqual(createCounterParty(twin, { is_individual: false, organization_name: seededName }).body, { organization_name: [taken] });
    const person = created(twin, { is_individual: true, contact_name: 'George Costanza', contact_email: 'george@vandelay.example' });
    const again = createCounterParty(twin, { is_individual: true, contact_name: 'George Costanza', contact_email: 'g@example.com' });
    assert.equal(again.status, 400);
    assert.deepEqual(again.body, { contact_name: [taken] });
    assert.deepEqual(patch(twin, person.id, { name: seededName }).body, { name: [taken] });
    assert.equal(patch(twin, person.id, { name: 'George Costanza' }).status, 200, 'its own name is not taken');
    const prod = twin.account('spotdraft-us-prod');
    const otherWorkspace = twin.send({ method: 'POST', host: HOST, path: COUNTER_PARTIES, headers: { 'client-id': prod.clientId, 'client-secret': prod.clientSecret }, json: { is_individual: true, contact_name: 'George Costanza', contact_email: 'g@example.com' } });
    assert.equal(otherWorkspace.status, 201, 'unique within a workspace, not across them');
  });

  const updateRefusals: [string, unknown, unknown][] = [
    ['a blank name', { name: '' }, { name: ['This field may not be blank.'] }],
    ['a name that is not a string', { name: 42 }, { name: ['Not a valid string.'] }],
    ['a brand_name that is not a string', { brand_name: false }, { brand_name: ['Not a valid string.'] }],
    ['custom_fields that are not an object', { custom_fields: ['vendor_id'] }, { custom_fields: ['Expected a dictionary of items.'] }],
    ['a body that is not an object', ['name'], { detail: 'Request body must be a JSON object.' }],
  ];
  for (const [what, body, errors] of updateRefusals) {
    test(`PATCH refused with 400: ${what}`, () => {
      const twin = directTwin();
      const [first] = listed(twin).results as { id: number }[];
      const answer = patch(twin, first?.id, body);
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, errors);
    });
  }

  test('spotdraft-counter-party-patch-ignored: PATCH answers 200 with the counter party as it was, and keeps it so', () => {
    const faulty = directTwin(['spotdraft-counter-party-patch-ignored@spotdraft-us-uat']);
    const made = created(faulty, { is_individual: false, organization_name: 'Kramerica Industries' });
    const answer = patch(faulty, made.id, { brand_name: 'Kramerica' });
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, made);
    assert.deepEqual(get(faulty, counterParty(made.id)).body, made);
    assert.equal(patch(faulty, made.id, { name: '' }).status, 400, 'an invalid update is still refused');
    const elsewhere = directTwin(['spotdraft-counter-party-patch-ignored@spotdraft-us-prod']);
    const kept = created(elsewhere, { is_individual: false, organization_name: 'Kramerica Industries' });
    assert.equal(bodyOf(patch(elsewhere, kept.id, { brand_name: 'Kramerica' })).brand_name, 'Kramerica', 'only on the fault\'s target');
  });

  test('spotdraft-counter-party-id-missing: the create answer has no id, the stored counter party keeps it', () => {
    const faulty = directTwin(['spotdraft-counter-party-id-missing@spotdraft-us-uat']);
    const answer = created(faulty, { is_individual: false, organization_name: 'Pendant Publishing', contact_email: 'sales@pendant.example' });
    assert.ok(!('id' in answer));
    const [found] = listed(faulty, '?filter__client_email_address=sales%40pendant.example').results as Record<string, unknown>[];
    assert.equal(typeof found?.id, 'number');
    assert.deepEqual({ ...found, id: undefined }, { ...answer, id: undefined });
  });
});
