/** AJV over the project's own OpenAPI 3.1 documents in schemas/: component schemas compiled once per worker. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIV3_1 } from 'openapi-types';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export interface SchemaViolation {
  /** JSON pointer into the body, `/` for the root. */
  path: string;
  expected: string;
  actual: string;
}

export interface ValidationResult {
  ok: boolean;
  violations: SchemaViolation[];
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function valueAt(body: unknown, pointer: string): unknown {
  return pointer.split('/').slice(1).reduce<unknown>((node, part) => {
    if (node === null || typeof node !== 'object') return undefined;
    return (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }, body);
}

function toViolation(error: ErrorObject, body: unknown): SchemaViolation {
  const base = error.instancePath || '';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: `${base}/${String(p.missingProperty)}`, expected: 'a required property', actual: 'missing' };
    case 'type':
      return { path: base || '/', expected: `type ${String(p.type)}`, actual: `${describe(valueAt(body, base))}` };
    case 'enum':
      return { path: base || '/', expected: `one of ${(p.allowedValues as unknown[]).map(String).join('|')}`, actual: describe(valueAt(body, base)) };
    case 'const':
      return { path: base || '/', expected: `exactly ${describe(p.allowedValue)}`, actual: describe(valueAt(body, base)) };
    case 'format':
      return { path: base || '/', expected: `format ${String(p.format)}`, actual: describe(valueAt(body, base)) };
    default:
      return { path: base || '/', expected: error.message ?? error.keyword, actual: describe(valueAt(body, base)) };
  }
}

export class ContractValidator {
  private readonly ajv = new Ajv2020({ strict: true, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly loaded = new Set<string>();

  constructor(private readonly schemasDir: string) {
    addFormats(this.ajv);
    // Keywords of the OpenAPI document around the schemas: known, not validated.
    this.ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'tags', 'security', 'webhooks', 'jsonSchemaDialect']);
  }

  private document(provider: string): void {
    if (this.loaded.has(provider)) return;
    const doc = JSON.parse(readFileSync(join(this.schemasDir, `${provider}.json`), 'utf8')) as OpenAPIV3_1.Document;
    this.ajv.addSchema(doc as object, provider);
    this.loaded.add(provider);
  }

  /** The schema names a provider's document defines. */
  componentNames(provider: string): string[] {
    const doc = JSON.parse(readFileSync(join(this.schemasDir, `${provider}.json`), 'utf8')) as OpenAPIV3_1.Document;
    return Object.keys(doc.components?.schemas ?? {});
  }

  validator(provider: string, schema: string): ValidateFunction {
    const key = `${provider}#/components/schemas/${schema}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      this.document(provider);
      fn = this.ajv.getSchema(key);
      if (!fn) throw new Error(`schemas/${provider}.json has no component schema ${schema}`);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  validate(provider: string, schema: string, body: unknown): ValidationResult {
    const fn = this.validator(provider, schema);
    const ok = fn(body) as boolean;
    return { ok, violations: ok ? [] : (fn.errors ?? []).map((e) => toViolation(e, body)) };
  }
}
