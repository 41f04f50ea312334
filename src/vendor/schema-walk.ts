/** Where schemas sit in an OpenAPI document and inside one another: the one walk the views and the drift comparison share. */

export type SchemaObject = Record<string, unknown>;

export const isObject = (value: unknown): value is SchemaObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const SINGLE = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAPS = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** The schemas directly inside a schema (properties, items, branches of allOf/anyOf/oneOf, …). */
export function subschemas(schema: SchemaObject): SchemaObject[] {
  const found: SchemaObject[] = [];
  for (const key of SINGLE) if (isObject(schema[key])) found.push(schema[key]);
  for (const key of LISTS) if (Array.isArray(schema[key])) found.push(...(schema[key] as unknown[]).filter(isObject));
  // 3.0 allows no array form of items; 2019-09 and earlier did: a tuple is still subschemas.
  if (Array.isArray(schema.items)) found.push(...(schema.items as unknown[]).filter(isObject));
  for (const key of MAPS) if (isObject(schema[key])) found.push(...Object.values(schema[key]).filter(isObject));
  return found;
}

/** JSON pointer escaping of one reference token. */
export const escapePointer = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The value at an internal reference (`#/components/schemas/X`), or undefined. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  return ref.slice(1).split('/').slice(1).reduce<unknown>((node, token) => (isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[unescapePointer(token)] : undefined), document);
}

function contentSchemas(holder: unknown): SchemaObject[] {
  if (!isObject(holder)) return [];
  const found: SchemaObject[] = [];
  if (isObject(holder.schema)) found.push(holder.schema);
  if (isObject(holder.content)) for (const media of Object.values(holder.content)) if (isObject(media) && isObject(media.schema)) found.push(media.schema);
  if (isObject(holder.headers)) for (const header of Object.values(holder.headers)) found.push(...contentSchemas(header));
  return found;
}

function operationSchemas(operation: SchemaObject): SchemaObject[] {
  const found: SchemaObject[] = [];
  if (Array.isArray(operation.parameters)) for (const parameter of operation.parameters) found.push(...contentSchemas(parameter));
  found.push(...contentSchemas(operation.requestBody));
  if (isObject(operation.responses)) for (const response of Object.values(operation.responses)) found.push(...contentSchemas(response));
  return found;
}

/** The schemas an OpenAPI document holds at its top level: components, parameters, bodies and responses of every path. */
export function documentSchemas(document: unknown): SchemaObject[] {
  if (!isObject(document)) return [];
  const found: SchemaObject[] = [];
  const components = isObject(document.components) ? document.components : {};
  if (isObject(components.schemas)) found.push(...Object.values(components.schemas).filter(isObject));
  for (const key of ['parameters', 'requestBodies', 'responses', 'headers']) {
    if (isObject(components[key])) for (const holder of Object.values(components[key])) found.push(...contentSchemas(holder));
  }
  if (isObject(document.paths)) {
    for (const item of Object.values(document.paths)) {
      if (!isObject(item)) continue;
      found.push(...operationSchemas(item));
      for (const method of METHODS) if (isObject(item[method])) found.push(...operationSchemas(item[method]));
    }
  }
  return found;
}

/** Every schema object of the document, each once, parents before their subschemas. */
export function everySchema(document: unknown): SchemaObject[] {
  const seen = new Set<SchemaObject>();
  const order: SchemaObject[] = [];
  const stack = documentSchemas(document).reverse();
  while (stack.length > 0) {
    const schema = stack.pop() as SchemaObject;
    if (seen.has(schema)) continue;
    seen.add(schema);
    order.push(schema);
    stack.push(...subschemas(schema).reverse());
  }
  return order;
}
