/**
 * Bodies against a vendor's own schemas, with AJV: one AJV per document and direction, holding that direction's view
 * (src/vendor/schema-views.ts), compiling only the schemas an operation reaches, once. Not strict: vendor documents
 * carry `example`, `discriminator`, `x-` keywords and formats of their own, which describe and do not constrain.
 */
import type { Ajv2020 as Ajv2020Type, ValidateFunction } from 'ajv/dist/2020.js';
import { ajvLibraries } from '../contracts/schema-compiler.ts';
import { violationsOf, type SchemaViolation } from '../contracts/violations.ts';
import type { LoadedVendorDocument } from './documents.ts';
import { mediaFor, requestBodyOf, responseFor, type VendorOperation } from './operations.ts';
import { directionView, type Direction } from './schema-views.ts';
import { escapePointer } from './schema-walk.ts';

/** What a body was checked against: the vendor's schema for this operation, direction, status and content type. */
export interface VendorCheck {
  operation: VendorOperation;
  direction: Direction;
  /** The response key the status matched (`200`, `4XX`, `default`); undefined for a request. */
  status?: string;
  contentType: string;
  /** `<file>#<pointer>` of the schema. */
  location: string;
}

export type VendorVerdict =
  | { kind: 'valid'; check: VendorCheck }
  | { kind: 'invalid'; check: VendorCheck; violations: SchemaViolation[] }
  /** The vendor documents no body schema for this case: nothing to hold the body against. */
  | { kind: 'undocumented'; why: string }
  /** The vendor documents bodies for this case, but not in this content type (or documents none where one was sent). */
  | { kind: 'wrong-content-type'; check: Omit<VendorCheck, 'contentType'>; contentType: string; documented: string[] };

export class VendorValidator {
  private readonly ajvs = new Map<string, Ajv2020Type>();
  private readonly compiled = new Map<string, ValidateFunction>();

  private ajv(document: LoadedVendorDocument, direction: Direction, coerce: boolean): { ajv: Ajv2020Type; id: string } {
    const id = `${document.file}.${direction}`;
    const key = `${id}${coerce ? '.coerced' : ''}`;
    let ajv = this.ajvs.get(key);
    if (!ajv) {
      const { Ajv2020, addFormats } = ajvLibraries();
      ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false, logger: false, coerceTypes: coerce });
      addFormats(ajv);
      ajv.addSchema(directionView(document, direction), id);
      this.ajvs.set(key, ajv);
    }
    return { ajv, id };
  }

  /** The compiled validator for the schema at `pointer` of the document's `direction` view. */
  validatorAt(document: LoadedVendorDocument, direction: Direction, pointer: string, coerce = false): ValidateFunction {
    const { ajv, id } = this.ajv(document, direction, coerce);
    const key = `${id}${coerce ? '.coerced' : ''}${pointer}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = ajv.compile({ $ref: `${id}${pointer}` });
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** A request body (parsed JSON, or a form as an object of strings) against the operation's request body schema. */
  request(operation: VendorOperation, contentType: string | undefined, body: unknown): VendorVerdict {
    const requestBody = requestBodyOf(operation);
    const base = { operation, direction: 'request' as const };
    if (!requestBody) {
      return body === undefined ? { kind: 'undocumented', why: 'the operation takes no request body' } : { kind: 'wrong-content-type', check: { ...base, location: `${operation.document.file}${operation.pointer}` }, contentType: contentType ?? 'none', documented: [] };
    }
    const documented = Object.keys(requestBody.body.content ?? {});
    if (body === undefined) {
      if (requestBody.body.required !== true) return { kind: 'undocumented', why: 'no body sent, and none is required' };
      return { kind: 'invalid', check: { ...base, contentType: 'none', location: `${operation.document.file}${requestBody.pointer}` }, violations: [{ path: '/', expected: `a request body (${documented.join(' or ')})`, actual: 'none' }] };
    }
    const media = contentType ? mediaFor(requestBody.body.content, contentType) : undefined;
    if (!media) return { kind: 'wrong-content-type', check: { ...base, location: `${operation.document.file}${requestBody.pointer}` }, contentType: contentType ?? 'none', documented };
    return this.judge({ ...base, contentType: media.key, location: `${operation.document.file}${requestBody.pointer}/content/${escapePointer(media.key)}/schema` }, media.media, body, isForm(media.key));
  }

  /** An answer's body against the operation's response schema for its status and content type. */
  response(operation: VendorOperation, status: number, contentType: string | undefined, body: unknown): VendorVerdict {
    const response = responseFor(operation, status);
    if (!response) return { kind: 'undocumented', why: `the operation documents no ${status} answer` };
    const content = response.response.content;
    const documented = Object.keys(content ?? {});
    if (documented.length === 0) return { kind: 'undocumented', why: `the ${response.key} answer has no documented body` };
    const base = { operation, direction: 'response' as const, status: response.key };
    const media = contentType ? mediaFor(content, contentType) : undefined;
    if (!media) return { kind: 'wrong-content-type', check: { ...base, location: `${operation.document.file}${response.pointer}` }, contentType: contentType ?? 'none', documented };
    return this.judge({ ...base, contentType: media.key, location: `${operation.document.file}${response.pointer}/content/${escapePointer(media.key)}/schema` }, media.media, body, false);
  }

  private judge(check: VendorCheck, media: Record<string, unknown>, body: unknown, coerce: boolean): VendorVerdict {
    if (media.schema === undefined) return { kind: 'undocumented', why: `${check.contentType} has no schema` };
    const pointer = check.location.slice(check.location.indexOf('#'));
    const fn = this.validatorAt(check.operation.document, check.direction, pointer, coerce);
    // Coercion rewrites the data it checks: hand it a copy.
    const data = coerce ? structuredClone(body) : body;
    return fn(data) ? { kind: 'valid', check } : { kind: 'invalid', check, violations: violationsOf(fn.errors, body) };
  }
}

/** Form fields arrive as strings: such a body is checked with AJV's type coercion, as the vendor's server parses it. */
const isForm = (contentType: string): boolean => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(contentType);
