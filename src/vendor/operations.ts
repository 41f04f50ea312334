/** Finding the vendor's operation for a request (a concrete path) or for a documented path template. */
import type { LoadedVendorDocument } from './documents.ts';
import { escapePointer, isObject, resolvePointer, type SchemaObject } from './schema-walk.ts';

export interface VendorParameter {
  name: string;
  in: string;
  required: boolean;
  schema?: SchemaObject;
  /** JSON pointer of its schema in the document. */
  schemaPointer?: string;
}

export interface VendorOperation {
  document: LoadedVendorDocument;
  method: string;
  /** The path template exactly as the document has it. */
  path: string;
  /** `METHOD <full path>` with the server's base path: how findings and declared divergences name the operation. */
  name: string;
  /** JSON pointer of the operation object in its document. */
  pointer: string;
  operation: SchemaObject;
  /** Path-level and operation-level parameters, `$ref`s resolved (the operation's win by name and location). */
  parameters: VendorParameter[];
}

const segments = (path: string): string[] => path.split('/').slice(1);
const isTemplate = (segment: string): boolean => /^\{[^}]+\}$/.test(segment);

/** How well a path template matches a path (concrete or templated): literal segments in common, or -1 for no match. */
function matchScore(template: string, path: string): number {
  const wanted = segments(path);
  const offered = segments(template);
  if (wanted.length !== offered.length) return -1;
  let literal = 0;
  for (let i = 0; i < offered.length; i += 1) {
    const a = offered[i] as string;
    const b = wanted[i] as string;
    if (isTemplate(a)) {
      if (b === '') return -1;
    } else if (isTemplate(b) || a !== b) {
      return -1;
    } else {
      literal += 1;
    }
  }
  return literal;
}

function parametersOf(document: unknown, holders: { list: unknown; pointer: string }[]): VendorParameter[] {
  const byKey = new Map<string, VendorParameter>();
  for (const holder of holders) {
    if (!Array.isArray(holder.list)) continue;
    holder.list.forEach((raw: unknown, index) => {
      const isRef = isObject(raw) && typeof raw.$ref === 'string';
      const parameter = isRef ? resolvePointer(document, raw.$ref as string) : raw;
      if (!isObject(parameter) || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') return;
      const schema = isObject(parameter.schema) ? parameter.schema : undefined;
      const schemaPointer = `${isRef ? (raw as { $ref: string }).$ref : `${holder.pointer}/${index}`}/schema`;
      byKey.set(`${parameter.in} ${parameter.name}`, { name: parameter.name, in: parameter.in, required: parameter.required === true, ...(schema ? { schema, schemaPointer } : {}) });
    });
  }
  return [...byKey.values()];
}

/**
 * The operation for `method` on `fullPath` (what follows the host: `/api/v2.1/public/contracts/T-1/status`, or the same
 * with `{composite_id}`), looked up across a provider's documents. The most literal match wins, as routers do.
 */
export function findOperation(documents: readonly LoadedVendorDocument[], method: string, fullPath: string): VendorOperation | undefined {
  const verb = method.toLowerCase();
  let best: { score: number; operation: VendorOperation } | undefined;
  for (const loaded of documents) {
    if (loaded.basePath && !fullPath.startsWith(`${loaded.basePath}/`)) continue;
    const relative = fullPath.slice(loaded.basePath.length);
    const paths = loaded.document.paths as Record<string, unknown>;
    for (const [template, item] of Object.entries(paths)) {
      if (!isObject(item) || !isObject(item[verb])) continue;
      const score = matchScore(template, relative);
      if (score < 0 || (best && best.score >= score)) continue;
      const operation = item[verb];
      best = {
        score,
        operation: {
          document: loaded, method: verb.toUpperCase(), path: template, name: `${verb.toUpperCase()} ${loaded.basePath}${template}`,
          pointer: `#/paths/${escapePointer(template)}/${verb}`, operation,
          parameters: parametersOf(loaded.document, [
            { list: item.parameters, pointer: `#/paths/${escapePointer(template)}/parameters` },
            { list: operation.parameters, pointer: `#/paths/${escapePointer(template)}/${verb}/parameters` },
          ]),
        },
      };
    }
  }
  return best?.operation;
}

/** A response object of the operation for a status: the exact code, then its range (`4XX`), then `default`. */
export function responseFor(operation: VendorOperation, status: number | string): { key: string; response: SchemaObject; pointer: string } | undefined {
  const responses = isObject(operation.operation.responses) ? operation.operation.responses : {};
  const code = String(status);
  for (const key of [code, `${code[0]}XX`, 'default']) {
    const found = followRef(operation, responses[key], `${operation.pointer}/responses/${escapePointer(key)}`);
    if (found) return { key, response: found.value, pointer: found.pointer };
  }
  return undefined;
}

/** An object of the document, following one `$ref`, with the pointer where it really sits. */
function followRef(operation: VendorOperation, raw: unknown, pointer: string): { value: SchemaObject; pointer: string } | undefined {
  if (isObject(raw) && typeof raw.$ref === 'string') {
    const value = resolvePointer(operation.document.document, raw.$ref);
    return isObject(value) ? { value, pointer: raw.$ref } : undefined;
  }
  return isObject(raw) ? { value: raw, pointer } : undefined;
}

/** The media type entry of a content map for a content type (parameters dropped; `type/*` and `*\/*` ranges honoured). */
export function mediaFor(content: unknown, contentType: string): { key: string; media: SchemaObject } | undefined {
  if (!isObject(content)) return undefined;
  const wanted = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const [type] = wanted.split('/');
  for (const key of [wanted, `${type}/*`, '*/*']) {
    const found = Object.entries(content).find(([candidate]) => candidate.split(';')[0]?.trim().toLowerCase() === key);
    if (found && isObject(found[1])) return { key: found[0], media: found[1] };
  }
  return undefined;
}

/** The request body object of the operation, `$ref` resolved. */
export function requestBodyOf(operation: VendorOperation): { body: SchemaObject; pointer: string } | undefined {
  const found = followRef(operation, operation.operation.requestBody, `${operation.pointer}/requestBody`);
  return found ? { body: found.value, pointer: found.pointer } : undefined;
}

/** Explicit statuses and ranges the operation documents. */
export function documentedStatuses(operation: VendorOperation): string[] {
  return isObject(operation.operation.responses) ? Object.keys(operation.operation.responses) : [];
}
