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
