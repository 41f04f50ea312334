/** The project's own schemas compile, cover every schema the descriptors name, and report violations by JSON path with expected and actual. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ContractValidator } from '../../../src/contracts/validator.ts';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import { ROOT } from '../helpers/paths.ts';

const SCHEMAS = join(ROOT, 'schemas');
const validator = new ContractValidator(SCHEMAS);

describe('schemas/*.json compile', () => {
  const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'));

  test('there is one schema document per provider', () => {
    assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')).sort(), PROVIDERS.map((p) => p.id).sort());
  });

  for (const file of files) {
    const provider = file.replace(/\.json$/, '');
    test(`every component schema of ${file} compiles (strict AJV)`, () => {
      const names = validator.componentNames(provider);
      assert.ok(names.length > 0);
      for (const name of names) assert.doesNotThrow(() => validator.validator(provider, name), `${provider}#/components/schemas/${name}`);
    });
  }

  test('every schema a descriptor names (endpoints and error bodies) exists', () => {
    for (const provider of PROVIDERS) {
      const names = new Set(validator.componentNames(provider.id));
      for (const endpoint of provider.endpoints) assert.ok(names.has(endpoint.schema), `${provider.id} ${endpoint.id}: ${endpoint.schema}`);
      assert.ok(names.has(provider.auth.errorSchema), `${provider.id} error schema ${provider.auth.errorSchema}`);
    }
  });

  test('an unknown component is an error, not a pass', () => {
    assert.throws(() => validator.validate('spotdraft', 'NoSuchSchema', {}), /NoSuchSchema/);
  });
});

describe('a violation names the JSON path, what was expected and what came back', () => {
  test('wrong type: /0/id expected integer, got "x"', () => {
    const result = validator.validate('spotdraft', 'ContractTypeList', [{ id: 'x', name: 'NDA' }]);
    assert.equal(result.ok, false);
    assert.deepEqual(result.violations, [{ path: '/0/id', expected: 'type integer', actual: '"x"' }]);
  });

  test('missing required property: the path ends with its name', () => {
    const result = validator.validate('spotdraft', 'ContractTypeList', [{ id: 1 }]);
    assert.deepEqual(result.violations, [{ path: '/0/name', expected: 'a required property', actual: 'missing' }]);
  });

  test('enum, format and const violations list the allowed values and the actual one', () => {
    const page = validator.validate('spotdraft', 'ContractPage', {
      page: 1, limit: 10, total_results: 1,
      results: [{ id: 1, created: 'yesterday', contract_name: 'NDA', contract_status: 'LOST' }],
    });
    const byPath = new Map(page.violations.map((v) => [v.path, v]));
    assert.deepEqual(byPath.get('/results/0/created'), { path: '/results/0/created', expected: 'format date-time', actual: '"yesterday"' });
    assert.match(byPath.get('/results/0/contract_status')?.expected ?? '', /^one of .*DRAFT.*EXECUTED/);
    assert.equal(byPath.get('/results/0/contract_status')?.actual, '"LOST"');
    const login = validator.validate('spreetail', 'LoginSuccess', { success: false, data: { access_token: 't', expires_in: 86400 } });
    assert.deepEqual(login.violations[0], { path: '/success', expected: 'exactly true', actual: 'false' });
  });

  test('a root-level mismatch is reported at "/"', () => {
    const result = validator.validate('spotdraft', 'ContractTypeList', { results: [] });
    assert.equal(result.violations[0]?.path, '/');
    assert.equal(result.violations[0]?.expected, 'type array');
  });

  test('documented example bodies validate', () => {
    assert.equal(validator.validate('spotdraft', 'DetailError', { detail: 'Authentication credentials were not provided.' }).ok, true);
    assert.equal(validator.validate('spreetail', 'Failure', { success: false, error: 'Invalid credentials' }).ok, true);
    assert.equal(validator.validate('spotnana', 'TokenResponse', { access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 }).ok, true);
  });
});
