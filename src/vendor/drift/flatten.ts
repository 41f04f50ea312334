/**
 * One schema as a set of constraints: `$ref`s followed, `allOf` merged, `anyOf`/`oneOf` kept as groups of
 * alternatives. What the drift comparison reads, for the project's schema and the vendor's alike.
 */
import { escapePointer, isObject, resolvePointer, type SchemaObject } from '../schema-walk.ts';

/** A schema where it sits: in which document (as a label for findings), at which JSON pointer. */
export interface SchemaNode {
  document: SchemaObject;
  /** The file the pointer is in; pointers start with `#`. */
  file: string;
  pointer: string;
  schema: SchemaObject;
}

export const BOUND_KEYWORDS = [
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
] as const;
export type BoundKeyword = (typeof BOUND_KEYWORDS)[number];

export const ALL_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'] as const;

export interface FlatSchema {
  /** Where the first of its schemas sits (after following `$ref`s). */
  at: SchemaNode;
  /** Allowed JSON types; undefined: any. `integer` is a subset of `number`. */
  types?: Set<string>;
  enum?: unknown[];
  format?: string;
  bounds: Partial<Record<BoundKeyword, unknown>>;
  /** Every constraint on each named property. */
  properties: Map<string, SchemaNode[]>;
  required: Set<string>;
  /** `false`: no other property; a node: others must match it; undefined: anything. */
  additionalProperties?: SchemaNode | false;
  items: SchemaNode[];
  /** One entry per `anyOf`/`oneOf`: a value must match one node of each. */
  alternatives: SchemaNode[][];
}

const MAX_REF_HOPS = 32;

export function child(node: SchemaNode, schema: unknown, ...tokens: string[]): SchemaNode | undefined {
  return isObject(schema) ? { ...node, schema, pointer: `${node.pointer}/${tokens.map(escapePointer).join('/')}` } : undefined;
}

/** The node a `$ref` chain ends at (internal references only; an external one is left as it is). */
export function dereference(node: SchemaNode): SchemaNode {
  let current = node;
  for (let hop = 0; hop < MAX_REF_HOPS && typeof current.schema.$ref === 'string' && current.schema.$ref.startsWith('#'); hop += 1) {
    const target = resolvePointer(current.document, current.schema.$ref);
    if (!isObject(target)) break;
    current = { ...current, schema: target, pointer: current.schema.$ref };
  }
  return current;
}

function typesOf(schema: SchemaObject): Set<string> | undefined {
  if (typeof schema.type === 'string') return new Set([schema.type]);
  if (Array.isArray(schema.type)) return new Set(schema.type.filter((t): t is string => typeof t === 'string'));
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (!values) return undefined;
  return new Set(values.map((v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v)));
}

function intersectTypes(a: Set<string> | undefined, b: Set<string> | undefined): Set<string> | undefined {
  if (!a) return b;
  if (!b) return a;
  const both = new Set<string>();
  for (const t of a) if (b.has(t) || (t === 'integer' && b.has('number'))) both.add(t);
  for (const t of b) if (t === 'integer' && a.has('number')) both.add(t);
  return both;
}

function mergeInto(flat: FlatSchema, raw: SchemaNode, seen: Set<string>): void {
  const node = dereference(raw);
  const key = `${node.file}${node.pointer}`;
  if (seen.has(key)) return;
  seen.add(key);
  const { schema } = node;
  flat.types = intersectTypes(flat.types, typesOf(schema));
  const values = Array.isArray(schema.enum) ? schema.enum : 'const' in schema ? [schema.const] : undefined;
  if (values) flat.enum = flat.enum ? flat.enum.filter((v) => values.some((w) => JSON.stringify(w) === JSON.stringify(v))) : [...values];
  if (typeof schema.format === 'string') flat.format ??= schema.format;
  for (const keyword of BOUND_KEYWORDS) if (schema[keyword] !== undefined) flat.bounds[keyword] ??= schema[keyword];
  if (isObject(schema.properties)) {
    for (const [name, value] of Object.entries(schema.properties)) {
      const property = child(node, value, 'properties', name);
      if (property) flat.properties.set(name, [...(flat.properties.get(name) ?? []), property]);
    }
  }
  if (Array.isArray(schema.required)) for (const name of schema.required) if (typeof name === 'string') flat.required.add(name);
  if (schema.additionalProperties === false) flat.additionalProperties = false;
  else if (flat.additionalProperties !== false) {
    const additional = child(node, schema.additionalProperties, 'additionalProperties');
    if (additional) flat.additionalProperties ??= additional;
  }
  const items = child(node, schema.items, 'items');
  if (items) flat.items.push(items);
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const list = schema[keyword];
    if (!Array.isArray(list)) continue;
    const group = list.map((member, index) => child(node, member, keyword, String(index))).filter((n): n is SchemaNode => n !== undefined);
    if (group.length > 0) flat.alternatives.push(group);
  }
  if (Array.isArray(schema.allOf)) {
    schema.allOf.forEach((member, index) => {
      const part = child(node, member, 'allOf', String(index));
      if (part) mergeInto(flat, part, seen);
    });
  }
}

/** The constraints of all `nodes` together (as an allOf of them). */
export function flatten(nodes: readonly SchemaNode[]): FlatSchema {
  const first = nodes[0];
  if (!first) throw new Error('flatten needs a schema');
  const flat: FlatSchema = { at: dereference(first), bounds: {}, properties: new Map(), required: new Set(), items: [], alternatives: [] };
  const seen = new Set<string>();
  for (const node of nodes) mergeInto(flat, node, seen);
  return flat;
}

/** `flat` with its alternatives group `group` replaced by one of its members: what a value taking that branch meets. */
export function takingBranch(flat: FlatSchema, group: number, branch: SchemaNode): FlatSchema {
  const chosen = flatten([branch]);
  const enumValues = flat.enum && chosen.enum ? flat.enum.filter((v) => chosen.enum?.some((w) => JSON.stringify(w) === JSON.stringify(v))) : flat.enum ?? chosen.enum;
  const properties = new Map(flat.properties);
  for (const [name, nodes] of chosen.properties) properties.set(name, [...(properties.get(name) ?? []), ...nodes]);
  return {
    at: chosen.at,
    ...(intersectTypes(flat.types, chosen.types) ? { types: intersectTypes(flat.types, chosen.types) } : {}),
    ...(enumValues ? { enum: enumValues } : {}),
    ...(flat.format ?? chosen.format ? { format: flat.format ?? chosen.format } : {}),
    bounds: { ...chosen.bounds, ...flat.bounds },
    properties,
    required: new Set([...flat.required, ...chosen.required]),
    ...(flat.additionalProperties === false || chosen.additionalProperties === false
      ? { additionalProperties: false as const }
      : flat.additionalProperties ?? chosen.additionalProperties ? { additionalProperties: flat.additionalProperties ?? chosen.additionalProperties } : {}),
    items: [...flat.items, ...chosen.items],
    alternatives: [...flat.alternatives.filter((_, index) => index !== group), ...chosen.alternatives],
  };
}
