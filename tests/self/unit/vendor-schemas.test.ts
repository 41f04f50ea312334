/**
 * How a vendor document's schemas are read: OpenAPI 3.0 `nullable`, `readOnly` in requests and `writeOnly` in answers,
 * `allOf`/`oneOf`/`anyOf` — by the validator (AJV over a direction view) and by the drift comparison alike.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LoadedVendorDocument, OpenApiDocument } from '../../../src/vendor/documents.ts';
import { schemaDifferences } from '../../../src/vendor/drift/compare.ts';
import type { SchemaNode } from '../../../src/vendor/drift/flatten.ts';
import { findOperation } from '../../../src/vendor/operations.ts';
import { directionView } from '../../../src/vendor/schema-views.ts';
import type { SchemaObject } from '../../../src/vendor/schema-walk.ts';
import { VendorValidator } from '../../../src/vendor/validator.ts';

function vendorDocument(version: '3.0' | '3.1', schemas: Record<string, unknown>, basePath = ''): LoadedVendorDocument {
  const document = {
    openapi: version === '3.0' ? '3.0.3' : '3.1.0',
    info: { title: 'test', version: '1' },
    paths: {
      '/things/{id}': {
        get: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, 404: { description: 'gone' } } },
        put: { requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, responses: { 204: { description: 'done' } } },
      },
      '/things/special': { get: { responses: { 200: { description: 'special' } } } },
    },
    components: { schemas },
  } as unknown as OpenApiDocument;
  return { provider: 'acme', file: 'acme.json', source: 'acme.json', version, openapi: document.openapi, document, basePath };
}

const thing = {
  type: 'object',
  required: ['id', 'name', 'secret'],
  properties: {
    id: { type: 'string', readOnly: true },
    name: { type: 'string', nullable: true },
    secret: { type: 'string', writeOnly: true },
    kind: { $ref: '#/components/schemas/Kind', nullable: true },
    size: { type: 'integer', minimum: 0, exclusiveMinimum: true },
  },
};
const kind = { type: 'string', enum: ['SMALL', 'LARGE'] };

describe('direction views and validation of a vendor document', () => {
  const doc30 = vendorDocument('3.0', { Thing: thing, Kind: kind });
  const validator = new VendorValidator();
  const get = findOperation([doc30], 'GET', '/things/42');
  const put = findOperation([doc30], 'PUT', '/things/42');

  test('the most literal path template wins, and a concrete path finds its template', () => {
    assert.equal(findOperation([doc30], 'GET', '/things/special')?.path, '/things/special');
    assert.equal(get?.path, '/things/{id}');
    assert.equal(get?.name, 'GET /things/{id}');
    assert.equal(findOperation([doc30], 'GET', '/things/42/parts'), undefined);
  });

  test('3.0 nullable admits null, beside a $ref too; without it null is refused', () => {
    assert.ok(get && put);
    assert.equal(validator.response(get, 200, 'application/json', { id: 'a', name: null, kind: null }).kind, 'valid');
    const refused = validator.response(get, 200, 'application/json', { id: 'a', name: 'n', size: null });
    assert.equal(refused.kind, 'invalid');
    assert.deepEqual(refused.kind === 'invalid' ? refused.violations.map((v) => v.path) : [], ['/size']);
  });

  test('a readOnly property is not required in a request, a writeOnly one not in an answer', () => {
    assert.ok(get && put);
    assert.equal(validator.request(put, 'application/json', { name: 'n', secret: 's' }).kind, 'valid', 'no id needed in the request');
    const request = validator.request(put, 'application/json', { id: 'a', name: 'n' });
    assert.deepEqual(request.kind === 'invalid' ? request.violations.map((v) => v.path) : request.kind, ['/secret']);
    assert.equal(validator.response(get, 200, 'application/json', { id: 'a', name: 'n' }).kind, 'valid', 'no secret in the answer');
    const answer = validator.response(get, 200, 'application/json', { name: 'n' });
    assert.deepEqual(answer.kind === 'invalid' ? answer.violations.map((v) => v.path) : answer.kind, ['/id']);
  });

  test('3.0 boolean exclusiveMinimum reads as the 2020-12 bound', () => {
    assert.ok(get);
    assert.equal(validator.response(get, 200, 'application/json', { id: 'a', name: 'n', size: 1 }).kind, 'valid');
    assert.equal(validator.response(get, 200, 'application/json', { id: 'a', name: 'n', size: 0 }).kind, 'invalid');
  });

  test('a status without a body, a wrong content type and a missing body are told apart', () => {
    assert.ok(get && put);
    assert.equal(validator.response(get, 404, 'application/json', {}).kind, 'undocumented');
    assert.equal(validator.response(get, 500, 'application/json', {}).kind, 'undocumented');
    assert.equal(validator.request(put, 'application/xml', '<thing/>').kind, 'wrong-content-type');
    assert.equal(validator.request(put, undefined, undefined).kind, 'invalid');
  });

  test('3.1 documents keep their own meaning: nullable is not a keyword there', () => {
    const doc31 = vendorDocument('3.1', { Thing: { ...thing, properties: { ...thing.properties, size: { type: 'integer', exclusiveMinimum: 0 } } }, Kind: kind });
    const view = directionView(doc31, 'response') as { components: { schemas: { Thing: SchemaObject } } };
    assert.deepEqual((view.components.schemas.Thing.properties as Record<string, SchemaObject>).name, { type: 'string' });
    assert.deepEqual(doc31.document.components?.schemas?.Thing, { ...thing, properties: { ...thing.properties, size: { type: 'integer', exclusiveMinimum: 0 } } }, 'the document itself is not changed');
    const op = findOperation([doc31], 'GET', '/things/1');
    assert.ok(op);
    assert.equal(new VendorValidator().response(op, 200, 'application/json', { id: 'a', name: null }).kind, 'invalid');
  });
});

function node(schemas: Record<string, unknown>, name: string, file: string): SchemaNode {
  const document = { components: { schemas } } as SchemaObject;
  return { document, file, pointer: `#/components/schemas/${name}`, schema: schemas[name] as SchemaObject };
}

describe('drift comparison, from the consumer side', () => {
  const project = (schema: unknown) => node({ P: schema }, 'P', 'project.json');
  const vendor = (schema: unknown, extra: Record<string, unknown> = {}) => node({ V: schema, ...extra }, 'V', 'vendor.json');
  const rules = (acceptor: SchemaNode, producer: SchemaNode, side: 'project' | 'vendor' = 'project') =>
    schemaDifferences(acceptor, producer, side).filter((d) => d.severity === 'ERR').map((d) => `${d.rule} ${d.path}`);

  test('an answer: a field the project requires and the vendor marks optional', () => {
    assert.deepEqual(rules(project({ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }), vendor({ type: 'object', properties: { a: { type: 'string' } } })), ['required-optional /a']);
  });

  test('an answer: null the vendor allows and the project refuses; a wider vendor type; a new enum value', () => {
    assert.deepEqual(rules(project({ type: 'string' }), vendor({ type: ['string', 'null'] })), ['type-wider /']);
    assert.deepEqual(rules(project({ type: 'integer' }), vendor({ type: 'number' })), ['type-wider /']);
    assert.deepEqual(rules(project({ type: 'number' }), vendor({ type: 'integer' })), [], 'an integer is a number');
    assert.deepEqual(rules(project({ type: 'string', enum: ['A'] }), vendor({ type: 'string', enum: ['A', 'B'] })), ['enum-wider /']);
    assert.deepEqual(rules(project({ type: 'string', enum: ['A'] }), vendor({ type: 'string' })), ['enum-wider /']);
  });

  test('an answer: the project\'s own formats and bounds are stricter unless the vendor states them', () => {
    assert.deepEqual(rules(project({ type: 'string', format: 'email' }), vendor({ type: 'string' })), ['format-stricter /']);
    assert.deepEqual(rules(project({ type: 'integer', minimum: 0 }), vendor({ type: 'integer', minimum: 1 })), []);
    assert.deepEqual(rules(project({ type: 'integer', minimum: 1 }), vendor({ type: 'integer' })), ['minimum-stricter /']);
  });

  test('anyOf in the project: one branch that takes the vendor\'s value is enough', () => {
    const tolerant = project({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    assert.deepEqual(rules(tolerant, vendor({ type: 'string' })), []);
    assert.deepEqual(rules(tolerant, vendor({ type: 'boolean' })).length, 1);
  });

  test('oneOf in the vendor: every alternative must pass the project', () => {
    const alternatives = vendor({ oneOf: [{ type: 'string' }, { type: 'object', properties: { id: { type: 'string' } } }] });
    assert.deepEqual(rules(project({ type: 'string' }), alternatives), ['type-wider /']);
    assert.deepEqual(rules(project({ anyOf: [{ type: 'string' }, { type: 'object' }] }), alternatives), []);
  });

  test('allOf and $ref in the vendor are merged before comparing', () => {
    const merged = vendor({ allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['b'], properties: { b: { type: 'integer' } } }] }, {
      Base: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
    });
    assert.deepEqual(rules(project({ type: 'object', required: ['a', 'b'], properties: { a: { type: 'string' }, b: { type: 'integer' } } }), merged), []);
    assert.deepEqual(rules(project({ type: 'object', properties: { b: { type: 'string' } } }), merged), ['type-wider /b']);
  });

  test('a request: a field the vendor requires that the project\'s request schema does not', () => {
    const vendorRequest = vendor({ type: 'object', required: ['is_individual'], properties: { is_individual: { type: 'boolean' } } });
    assert.deepEqual(rules(vendorRequest, project({ type: 'object', properties: { name: { type: 'string' } } }), 'vendor'), ['required-optional /is_individual']);
    assert.deepEqual(rules(vendorRequest, project({ type: 'object', required: ['is_individual'], properties: { is_individual: { type: 'boolean' } } }), 'vendor'), []);
  });

  test('a recursive schema is compared without end', () => {
    const tree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/P' } } } };
    const vendorTree = { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/V' } } } };
    assert.deepEqual(rules(project(tree), vendor(vendorTree)), []);
  });
});
