/**
 * The project's own schemas compile, cover every schema the descriptors name, and report violations by JSON path with
 * expected and actual: the same whether compiled in place or precompiled before the workers start.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compilerFingerprint, loadPrecompiled, precompiledDir, precompiledPath, precompileValidators } from '../../../src/contracts/precompiled.ts';
import { ContractValidator } from '../../../src/contracts/validator.ts';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import { allEndpoints } from '../../../src/providers/endpoint-lookup.ts';
import { ROOT } from '../helpers/paths.ts';

const SCHEMAS = join(ROOT, 'schemas');
const PROVIDER_IDS = PROVIDERS.map((p) => p.id);
const documentText = (provider: string, dir = SCHEMAS) => readFileSync(join(dir, `${provider}.json`), 'utf8');

// Inside node_modules, like the real cache: a module resolves AJV's runtime and ajv-formats from where it lies.
mkdirSync(precompiledDir(ROOT), { recursive: true });
const PRECOMPILED = mkdtempSync(join(precompiledDir(ROOT), 'test-'));
after(() => rmSync(PRECOMPILED, { recursive: true, force: true }));
precompileValidators(SCHEMAS, PRECOMPILED, PROVIDER_IDS);

const validator = new ContractValidator(SCHEMAS);
const precompiledValidator = new ContractValidator(SCHEMAS, PRECOMPILED);

/** A scratch folder, removed after `use`. */
function withTempDir(prefix: string, use: (dir: string) => void, parent = tmpdir()): void {
  const dir = mkdtempSync(join(parent, prefix));
  try {
    use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('precompiled validators (written by the runner, loaded by the workers)', () => {
  test('there is a module per provider, and the validator takes its functions from it', () => {
    for (const provider of PROVIDER_IDS) {
      const names = validator.componentNames(provider);
      const module = loadPrecompiled(precompiledPath(PRECOMPILED, provider, documentText(provider)), names);
      assert.ok(module, `${provider}: no precompiled module`);
      for (const name of names) assert.equal(precompiledValidator.validator(provider, name), module[name], `${provider} ${name}`);
    }
    assert.deepEqual(precompiledValidator.sources(), Object.fromEntries(PROVIDER_IDS.map((p) => [p, 'precompiled'])));
  });

  test('an edited document, another AJV or another compiler is another module: a stale one is never loaded', () => {
    const text = documentText('spotdraft');
    const path = precompiledPath(PRECOMPILED, 'spotdraft', text);
    assert.notEqual(precompiledPath(PRECOMPILED, 'spotdraft', `${text} `), path);
    assert.notEqual(precompiledPath(PRECOMPILED, 'spotdraft', text, compilerFingerprint().replace(/"\d+\.\d+\.\d+"/, '"0.0.0-another"')), path);
    assert.notEqual(precompiledPath(PRECOMPILED, 'spotdraft', text, `${compilerFingerprint()}// an edited compiler`), path);
  });

  test('without a module for the document, the schemas are compiled in place', () => {
    withTempDir('contracts-validators-empty-', (empty) => {
      const inPlace = new ContractValidator(SCHEMAS, empty);
      assert.equal(inPlace.validate('spotdraft', 'ContractTypeList', [{ id: 'x', name: 'NDA' }]).ok, false);
      assert.deepEqual(inPlace.sources(), { spotdraft: 'compiled in place' });
      assert.deepEqual(readdirSync(empty), []);
    });
  });

  test('a damaged module (cut short, or missing a component) is not used: the schemas are compiled in place', () => {
    withTempDir('damaged-', (damaged) => {
      const path = precompiledPath(damaged, 'spotdraft', documentText('spotdraft'));
      for (const content of ['"use strict";exports["ContractTypeList"] = function (', '"use strict";exports.ContractTypeList = () => true;']) {
        writeFileSync(path, content);
        const subject = new ContractValidator(SCHEMAS, damaged);
        assert.equal(subject.validate('spotdraft', 'ContractTypeList', [{ id: 'x', name: 'NDA' }]).ok, false, content);
        assert.deepEqual(subject.sources(), { spotdraft: 'compiled in place' }, content);
      }
    }, precompiledDir(ROOT));
  });

  test('a cache that cannot be written costs one warning line, not the run', () => {
    withTempDir('contracts-readonly-', (dir) => {
      const notAFolder = join(dir, 'file');
      writeFileSync(notAFolder, '');
      const lines: string[] = [];
      precompileValidators(SCHEMAS, join(notAFolder, 'validators'), ['spotdraft'], (line) => lines.push(line));
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0] ?? '', /^validators for schemas\/spotdraft\.json not cached \(ENOTDIR\): each worker compiles them$/);
    });
  });

  test('a document that does not compile gets no module: the checks that use it report the error', () => {
    withTempDir('contracts-schemas-', (schemas) => {
      writeFileSync(join(schemas, 'spotdraft.json'), JSON.stringify({ openapi: '3.1.0', components: { schemas: { Broken: { type: 'no-such-type' } } } }));
      precompileValidators(schemas, PRECOMPILED, ['spotdraft']);
      assert.equal(existsSync(precompiledPath(PRECOMPILED, 'spotdraft', documentText('spotdraft', schemas))), false);
      assert.throws(() => new ContractValidator(schemas, PRECOMPILED).validate('spotdraft', 'Broken', {}), /type must be JSONType or JSONType\[\]: no-such-type/);
    });
  });

  test('an unknown component is an error there too', () => {
    assert.throws(() => precompiledValidator.validate('spotdraft', 'NoSuchSchema', {}), /NoSuchSchema/);
  });
});

describe('schemas/*.json compile', () => {
  /** Beside the contracts: the reviewed list of where they knowingly differ from the vendors' documents (src/vendor/). */
  const DIVERGENCES = 'vendor-divergences.json';
  const all = readdirSync(SCHEMAS).filter((f) => f.endsWith('.json'));
  const files = all.filter((f) => f !== DIVERGENCES);

  test('there is one schema document per provider, and the declared divergences', () => {
    assert.deepEqual(files.map((f) => f.replace(/\.json$/, '')).sort(), PROVIDERS.map((p) => p.id).sort());
    assert.ok(all.includes(DIVERGENCES));
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
      for (const endpoint of allEndpoints(provider)) if (endpoint.schema) assert.ok(names.has(endpoint.schema), `${provider.id} ${endpoint.id}: ${endpoint.schema}`);
      assert.ok(names.has(provider.auth.errorSchema), `${provider.id} error schema ${provider.auth.errorSchema}`);
    }
  });

  test('an unknown component is an error, not a pass', () => {
    assert.throws(() => validator.validate('spotdraft', 'NoSuchSchema', {}), /NoSuchSchema/);
  });
});

for (const [how, subject] of [['compiled in place', validator], ['precompiled', precompiledValidator]] as const) {
  describe(`a violation names the JSON path, what was expected and what came back (${how})`, () => {
    test('wrong type: /0/id expected integer, got "x"', () => {
      const result = subject.validate('spotdraft', 'ContractTypeList', [{ id: 'x', name: 'NDA' }]);
      assert.equal(result.ok, false);
      assert.deepEqual(result.violations, [{ path: '/0/id', expected: 'type integer', actual: '"x"' }]);
    });

    test('missing required property: the path ends with its name', () => {
      const result = subject.validate('spotdraft', 'ContractTypeList', [{ id: 1 }]);
      assert.deepEqual(result.violations, [{ path: '/0/name', expected: 'a required property', actual: 'missing' }]);
    });

    test('enum, format and const violations list the allowed values and the actual one', () => {
      const page = subject.validate('spotdraft', 'ContractPage', {
        page: 1, limit: 10, total_results: 1,
        results: [{ id: 1, created: 'yesterday', contract_name: 'NDA', contract_status: 'LOST' }],
      });
      const byPath = new Map(page.violations.map((v) => [v.path, v]));
      assert.deepEqual(byPath.get('/results/0/created'), { path: '/results/0/created', expected: 'format date-time', actual: '"yesterday"' });
      assert.equal(byPath.get('/results/0/contract_status'), undefined, 'the list documents a free string');
      const status = subject.validate('spotdraft', 'ContractStatus', { contract_name: 'NDA', contract_status: 'LOST' });
      assert.match(status.violations[0]?.expected ?? '', /^one of .*DRAFT.*EXECUTED/);
      assert.equal(status.violations[0]?.actual, '"LOST"');
      const login = subject.validate('spreetail', 'LoginSuccess', { success: false, data: { access_token: 't', expires_in: 86400 } });
      assert.deepEqual(login.violations[0], { path: '/success', expected: 'exactly true', actual: 'false' });
    });

    test('a root-level mismatch is reported at "/"', () => {
      const result = subject.validate('spotdraft', 'ContractTypeList', { results: [] });
      assert.equal(result.violations[0]?.path, '/');
      assert.equal(result.violations[0]?.expected, 'type array');
    });

    test('documented example bodies validate', () => {
      assert.equal(subject.validate('spotdraft', 'DetailError', { detail: 'Authentication credentials were not provided.' }).ok, true);
      assert.equal(subject.validate('spotdraft', 'DetailError', { detail: 'Throttled.', status_code: 429, code: 'SD_PUBLIC_00009', message: 'Throttled.' }).ok, true);
      assert.equal(subject.validate('spotdraft', 'DetailError', { message: 'Not allowed.' }).ok, true, 'the overview names message as well as detail');
      assert.equal(subject.validate('spotdraft', 'DetailError', { error: 'Not allowed.' }).ok, false, 'none of the fields the overview names');
      assert.equal(subject.validate('spreetail', 'Failure', { success: false, error: 'Invalid credentials' }).ok, true);
      assert.equal(subject.validate('spotnana', 'TokenResponse', { access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 }).ok, true);
    });
  });
}
