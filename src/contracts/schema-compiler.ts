/**
 * AJV over one provider's OpenAPI 3.1 document in schemas/: strict, every error, ajv-formats, and the document's own
 * keywords known. The one place the AJV options live, for validators compiled in place and precompiled modules alike.
 *
 * AJV is loaded on first use only: a worker that finds its provider's precompiled module never loads it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv2020 as Ajv2020Type, ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';

const require = createRequire(import.meta.url);

interface AjvLibraries {
  Ajv2020: typeof Ajv2020Type;
  addFormats: (ajv: Ajv2020Type) => void;
  standaloneCode: (ajv: Ajv2020Type, refs: Record<string, string>) => string;
}

let libraries: AjvLibraries | undefined;

/** AJV 2020, ajv-formats and the standalone compiler, loaded on first use (src/vendor/ validates with the same). */
export function ajvLibraries(): AjvLibraries {
  return (libraries ??= {
    Ajv2020: (require('ajv/dist/2020') as { Ajv2020: typeof Ajv2020Type }).Ajv2020,
    addFormats: (require('ajv-formats') as { default: AjvLibraries['addFormats'] }).default,
    standaloneCode: (require('ajv/dist/standalone') as { default: AjvLibraries['standaloneCode'] }).default,
  });
}

export interface SchemaDocument {
  /** The file's text, as hashed for its precompiled module. */
  text: string;
  document: OpenAPIV3_1.Document;
}

export function readSchemaDocument(schemasDir: string, provider: string): SchemaDocument {
  const text = readFileSync(join(schemasDir, `${provider}.json`), 'utf8');
  return { text, document: JSON.parse(text) as OpenAPIV3_1.Document };
}

export const componentRef = (provider: string, schema: string): string => `${provider}#/components/schemas/${schema}`;

export const componentNames = (document: OpenAPIV3_1.Document): string[] => Object.keys(document.components?.schemas ?? {});

/** An AJV holding one provider's document, checked against the JSON Schema 2020-12 meta-schema as it is added. */
export function documentCompiler(provider: string, document: OpenAPIV3_1.Document, options: { source?: boolean } = {}): Ajv2020Type {
  const { Ajv2020, addFormats } = ajvLibraries();
  const ajv = new Ajv2020({ strict: true, allErrors: true, code: { source: options.source === true } });
  addFormats(ajv);
  // Keywords of the OpenAPI document around the schemas: known, not validated.
  ajv.addVocabulary(['openapi', 'info', 'servers', 'paths', 'components', 'tags', 'security', 'webhooks', 'jsonSchemaDialect']);
  ajv.addSchema(document as object, provider);
  return ajv;
}

export function compileComponent(ajv: Ajv2020Type, provider: string, schema: string): ValidateFunction | undefined {
  return ajv.getSchema(componentRef(provider, schema));
}

/** A CommonJS module exporting a validate function per component schema of the document, by the schema's name. */
export function standaloneModuleSource(provider: string, document: OpenAPIV3_1.Document): string {
  const ajv = documentCompiler(provider, document, { source: true });
  return ajvLibraries().standaloneCode(ajv, Object.fromEntries(componentNames(document).map((name) => [name, componentRef(provider, name)])));
}
