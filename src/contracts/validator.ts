/**
 * Response bodies against the project's own OpenAPI 3.1 documents in schemas/: a provider's component schemas come from
 * its precompiled module when there is one for the document as it is now (src/contracts/precompiled.ts), otherwise they
 * are compiled in place, once per worker. Either way with the same AJV and options (src/contracts/schema-compiler.ts).
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadPrecompiled, precompiledPath } from './precompiled.ts';
import { violationsOf, type ValidationResult } from './violations.ts';
import { compileComponent, componentNames, componentRef, documentCompiler, readSchemaDocument } from './schema-compiler.ts';

export type ValidatorSource = 'precompiled' | 'compiled in place';

interface ProviderSchemas {
  names: string[];
  source: ValidatorSource;
  validator(schema: string): ValidateFunction | undefined;
}

function providerSchemas(schemasDir: string, provider: string, precompiledDir: string | undefined): ProviderSchemas {
  const { text, document } = readSchemaDocument(schemasDir, provider);
  const names = componentNames(document);
  const precompiled = precompiledDir === undefined ? undefined : loadPrecompiled(precompiledPath(precompiledDir, provider, text), names);
  if (precompiled) return { names, source: 'precompiled', validator: (schema) => (Object.hasOwn(precompiled, schema) ? precompiled[schema] : undefined) };
  let ajv: ReturnType<typeof documentCompiler> | undefined;
  return { names, source: 'compiled in place', validator: (schema) => compileComponent((ajv ??= documentCompiler(provider, document)), provider, schema) };
}

export type { SchemaViolation, ValidationResult } from './violations.ts';

export class ContractValidator {
  private readonly providers = new Map<string, ProviderSchemas>();
  private readonly compiled = new Map<string, ValidateFunction>();

  /** `precompiledDir`: where to look for precompiled modules; without it, every schema is compiled in place. */
  constructor(private readonly schemasDir: string, private readonly precompiledDir?: string) {}

  private schemas(provider: string): ProviderSchemas {
    let schemas = this.providers.get(provider);
    if (!schemas) {
      schemas = providerSchemas(this.schemasDir, provider, this.precompiledDir);
      this.providers.set(provider, schemas);
    }
    return schemas;
  }

  /** Where each provider's validators came from, for the providers used so far (the run's statistics report it). */
  sources(): Record<string, ValidatorSource> {
    return Object.fromEntries([...this.providers].map(([provider, schemas]) => [provider, schemas.source]));
  }

  /** The schema names a provider's document defines. */
  componentNames(provider: string): string[] {
    return this.schemas(provider).names;
  }

  validator(provider: string, schema: string): ValidateFunction {
    const key = componentRef(provider, schema);
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.schemas(provider).validator(schema);
      if (!fn) throw new Error(`schemas/${provider}.json has no component schema ${schema}`);
      this.compiled.set(key, fn);
    }
    return fn;
  }

  validate(provider: string, schema: string, body: unknown): ValidationResult {
    const fn = this.validator(provider, schema);
    const ok = fn(body) as boolean;
    return { ok, violations: ok ? [] : violationsOf(fn.errors, body) };
  }
}
