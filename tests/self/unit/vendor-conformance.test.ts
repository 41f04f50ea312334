/** The conformance judge on single exchanges, against the real vendor documents: what it flags, what a declaration covers. */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import { Conformance, type ObservedExchange } from '../../../src/vendor/conformance.ts';
import type { LoadedVendorDocument } from '../../../src/vendor/documents.ts';
import { loadAllVendorDocuments, projectDivergences, vendorFolderMissing } from '../helpers/vendor.ts';

const missing = vendorFolderMissing();
let documents: Map<string, LoadedVendorDocument[]>;

before(async () => {
  if (!missing) documents = await loadAllVendorDocuments();
});

const json = (value: unknown) => JSON.stringify(value);
const exchange = (fields: Partial<ObservedExchange> & Pick<ObservedExchange, 'method' | 'host' | 'path' | 'status'>): ObservedExchange => ({
  requestBody: '', responseBody: '', ...fields,
});
const entity = { id: 1, name: 'Acme', reference_id: 'ACME', jurisdiction: { id: 2 }, organization_type: { id: 3, name: 'LLC' }, primary_address: { id: 4, line_one: '1 Road', city_name: 'Dublin', state_name: '', zipcode: 'D01' }, is_primary: true };

describe('the conformance judge', { skip: missing && !process.env.CI ? missing : false }, () => {
  const judge = () => new Conformance(PROVIDERS, documents, projectDivergences());

  test('a vendor-valid answer and a valid request pass, and are counted', () => {
    const j = judge();
    const found = j.observe(exchange({ method: 'GET', host: 'api.us.spotdraft.com', path: '/api/v2.1/public/organizations/entities/', status: 200, responseContentType: 'application/json', responseBody: json([entity]) }));
    assert.deepEqual(found, []);
    assert.deepEqual(j.counts, { requestsChecked: 1, answersChecked: 1, undocumentedOperations: 0 });
  });

  test('an answer that lacks a field the vendor requires is a violation at its JSON path', () => {
    const partial: Partial<typeof entity> = { ...entity };
    delete partial.organization_type;
    const found = judge().observe(exchange({ method: 'GET', host: 'api.eu.spotdraft.com', path: '/api/v2.1/public/organizations/entities/', status: 200, responseContentType: 'application/json', responseBody: json([partial]) }));
    assert.deepEqual(found.map((v) => `${v.direction} ${v.path} ${v.expected}`), ['response /0/organization_type a required property']);
    assert.match(found[0]?.vendor ?? '', /^spotdraft-openapi\.yml#\/paths\//);
  });

  test('a violation never repeats the text of a string it found (a secret or a token may be one)', () => {
    const form = 'grant_type=client_credentials&client_id=a&client_secret=hunter2-secret';
    const found = judge().observe(exchange({ method: 'POST', host: 'api.spotnana.com', path: '/v2/auth/oauth2-token', requestContentType: 'application/x-www-form-urlencoded', requestBody: form, status: 200, responseContentType: 'application/json', responseBody: json({ access_token: 'tok-s3cr3t', token_type: 7 }) }));
    assert.deepEqual(found.map((v) => `${v.path} ${v.actual}`), ['/token_type 7']);
    const strings = judge().observe(exchange({ method: 'GET', host: 'api.us.spotdraft.com', path: '/api/v2.1/public/contract_types/', status: 200, responseContentType: 'application/json', responseBody: json([{ id: 'tok-s3cr3t', name: 'x' }, { id: `tok-s3cr3t-${'x'.repeat(100)}`, name: 'y' }]) }));
    assert.deepEqual(strings.map((v) => `${v.path} ${v.actual}`), ['/0/id a string', '/1/id a string'], 'a long one, shown cut short, too');
    assert.doesNotMatch(JSON.stringify(strings), /s3cr3t/);
  });

  test('a create body the vendor\'s request schema refuses is a violation', () => {
    const found = judge().observe(exchange({ method: 'POST', host: 'api.in.spotdraft.com', path: '/api/v2.1/public/counter_parties/', requestContentType: 'application/json', requestBody: json({ name: 'Acme' }), status: 400 }));
    assert.deepEqual(found.map((v) => `${v.direction} ${v.path}`), ['request /is_individual']);
  });

  test('a status the vendor does not list among an operation\'s client errors is a violation', () => {
    const form = 'grant_type=client_credentials&client_id=a&client_secret=b';
    const found = judge().observe(exchange({ method: 'POST', host: 'api.spotnana.com', path: '/v2/auth/oauth2-token', requestContentType: 'application/x-www-form-urlencoded', requestBody: form, status: 401, responseContentType: 'application/json', responseBody: json({ errorMessages: [] }) }));
    assert.deepEqual(found.map((v) => `${v.direction} ${v.status} ${v.rule}`), ['response 401 status-undocumented']);
  });

  test('a declared deliberate probe is covered when its check sends it, and counted against its declaration', () => {
    const j = judge();
    const probe = { method: 'POST', host: 'api-ext-sboxmeta.partners.spotnana.com', path: '/v2/auth/oauth2-token', requestContentType: 'application/json', requestBody: json({ grant_type: 'client_credentials' }), status: 415, responseContentType: 'application/json', responseBody: json({ debugIdentifier: 'd' }) };
    assert.deepEqual(j.observe(exchange({ ...probe, probe: 'auth.token-json-body-rejected' })), [], 'nothing undeclared');
    assert.deepEqual(j.violations.map((v) => `${v.direction} ${v.rule} ${v.declared?.kind}`), ['request content-type deliberate', 'response status-undocumented looser']);
    assert.equal(j.declaredUse.size, 2);
    const unmarked = judge().observe(exchange(probe));
    assert.deepEqual(unmarked.map((v) => `${v.direction} ${v.rule}`), ['request content-type'], 'the same request without the probe header is a mistake');
    assert.deepEqual(judge().observe(exchange({ ...probe, probe: 'auth.some-other-check' })).map((v) => v.rule), ['content-type'], 'another check\'s probe is not covered');
  });

  test('a path no vendor document describes is not judged, only counted', () => {
    const j = judge();
    assert.deepEqual(j.observe(exchange({ method: 'GET', host: 'api.us.spotdraft.com', path: '/api/v2.1/public/contract_types', status: 302 })), []);
    assert.deepEqual(j.counts, { requestsChecked: 0, answersChecked: 0, undocumentedOperations: 1 });
    assert.deepEqual(j.observe(exchange({ method: 'GET', host: 'api.spreetaileu.com', path: '/api/api/v1/inventory', status: 200 })), [], 'Spreetail publishes no document');
  });
});
