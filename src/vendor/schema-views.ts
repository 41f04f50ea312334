/**
 * A vendor document as JSON Schema 2020-12 for one direction, so that AJV and the drift comparison read it the way
 * OpenAPI means it:
 * - `readOnly` properties are not required in a request, `writeOnly` ones not in a response (both versions);
 * - OpenAPI 3.0 only: `nullable: true` admits null (its type, its enum, or beside a `$ref`), and a boolean
 *   `exclusiveMinimum`/`exclusiveMaximum` becomes the 2020-12 number form; in 3.1, where null is a type,
 *   a stray `nullable` means nothing and is dropped.
 * The document itself is never changed: each view is a transformed copy.
 */
import type { LoadedVendorDocument } from './documents.ts';
import { everySchema, isObject, resolvePointer, type SchemaObject } from './schema-walk.ts';

export type Direction = 'request' | 'response';

/** The flag that hides a property from `required` in this direction. */
const HIDDEN_BY: Record<Direction, 'readOnly' | 'writeOnly'> = { request: 'readOnly', response: 'writeOnly' };

function carriesFlag(document: unknown, schema: unknown, flag: string, depth = 0): boolean {
  if (!isObject(schema) || depth > 8) return false;
  if (schema[flag] === true) return true;
  if (typeof schema.$ref === 'string' && carriesFlag(document, resolvePointer(document, schema.$ref), flag, depth + 1)) return true;
  return Array.isArray(schema.allOf) && schema.allOf.some((member) => carriesFlag(document, member, flag, depth + 1));
}

function dropHiddenRequired(document: unknown, schema: SchemaObject, flag: string): void {
  if (!Array.isArray(schema.required) || !isObject(schema.properties)) return;
  const properties = schema.properties;
  const kept = (schema.required as unknown[]).filter((name) => typeof name !== 'string' || !carriesFlag(document, properties[name], flag));
  if (kept.length === schema.required.length) return;
  if (kept.length > 0) schema.required = kept;
  else delete schema.required;
}

function exclusiveBounds30(schema: SchemaObject): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof schema[flag] !== 'boolean') continue;
    if (schema[flag] === true && typeof schema[bound] === 'number') {
      schema[flag] = schema[bound];
      delete schema[bound];
    } else {
      delete schema[flag];
    }
  }
}

function nullable30(schema: SchemaObject): void {
  if (!('nullable' in schema)) return;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (!nullable) return;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  if (typeof schema.type === 'string') {
    schema.type = [schema.type, 'null'];
  } else if (Array.isArray(schema.type)) {
    if (!schema.type.includes('null')) schema.type = [...schema.type, 'null'];
  } else {
    // No type of its own (a $ref, a composition): null, or whatever the rest admits.
    const rest: SchemaObject = { ...schema };
    for (const key of Object.keys(schema)) delete schema[key];
    schema.anyOf = [rest, { type: 'null' }];
  }
}

/** A copy of the document in which every schema reads as OpenAPI means it for `direction`. */
export function directionView(loaded: LoadedVendorDocument, direction: Direction): SchemaObject {
  const copy = structuredClone(loaded.document) as unknown as SchemaObject;
  const flag = HIDDEN_BY[direction];
  // Flags are read before any schema is rewritten: the walk below changes shapes (a nullable $ref becomes an anyOf).
  const schemas = everySchema(copy);
  for (const schema of schemas) dropHiddenRequired(copy, schema, flag);
  for (const schema of schemas) {
    if (loaded.version === '3.0') {
      exclusiveBounds30(schema);
      nullable30(schema);
    } else {
      // Not a 3.1 keyword (null is a type there); AJV would otherwise read it the 3.0 way.
      delete schema.nullable;
    }
  }
  return copy;
}
