/** AJV's errors as the suite reports them: a JSON pointer into the body, what was expected there and what came. */
import type { ErrorObject } from 'ajv';

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

/** Every error of a failed validation, in AJV's order. */
export function violationsOf(errors: readonly ErrorObject[] | null | undefined, body: unknown): SchemaViolation[] {
  return (errors ?? []).map((error) => toViolation(error, body));
}
