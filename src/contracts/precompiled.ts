/**
 * Validators compiled once, before the workers start, as AJV standalone modules. Without them every worker (one per
 * target) loads AJV and compiles its provider's document, meta-schema included, again: about a quarter of a second of
 * CPU each. A module is named by a hash of its document, of AJV's and ajv-formats' versions and of the compiler's own
 * source, so an edited schema or an upgraded AJV never meets a stale validator: it is not found, and compiled in place.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { writeFileAtomically } from '../atomic-file.ts';
import { readSchemaDocument, standaloneModuleSource } from './schema-compiler.ts';

const require = createRequire(import.meta.url);

let fingerprint: string | undefined;

/** What a compiled validator depends on besides its document. */
export function compilerFingerprint(): string {
  return (fingerprint ??= JSON.stringify([
    (require('ajv/package.json') as { version: string }).version,
    (require('ajv-formats/package.json') as { version: string }).version,
    readFileSync(fileURLToPath(new URL('./schema-compiler.ts', import.meta.url)), 'utf8'),
  ]));
}

/** Where tools keep their caches: inside node_modules, so a module resolves AJV's runtime and ajv-formats from there. */
export function precompiledDir(root: string): string {
  return join(root, 'node_modules', '.cache', 'partner-api-contracts', 'validators');
}

export function precompiledPath(dir: string, provider: string, documentText: string, compiler = compilerFingerprint()): string {
  const hash = createHash('sha256').update(compiler).update('\0').update(documentText).digest('hex').slice(0, 16);
  return join(dir, `${provider}-${hash}.cjs`);
}

/**
 * The module's validate functions by component name, or undefined when there is no usable module for this document:
 * none written, or one that does not load or lacks a component (cut short, say): the caller then compiles in place.
 */
export function loadPrecompiled(path: string, componentNames: readonly string[]): Record<string, ValidateFunction> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const module = require(path) as Record<string, unknown>;
    return componentNames.every((name) => typeof module[name] === 'function') ? (module as Record<string, ValidateFunction>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compiles the providers' documents that have no module yet (the runner, before any worker starts). A document that
 * does not compile gets no module: its workers compile it in place and report the error where the checks use it. A
 * module that cannot be written (a read-only node_modules) costs speed, not correctness: one line says so.
 */
export function precompileValidators(schemasDir: string, dir: string, providers: readonly string[], warn: (line: string) => void = console.warn): void {
  for (const provider of providers) {
    const { text, document } = readSchemaDocument(schemasDir, provider);
    const path = precompiledPath(dir, provider, text);
    if (existsSync(path)) continue;
    let source: string;
    try {
      source = standaloneModuleSource(provider, document);
    } catch {
      continue;
    }
    try {
      writeFileAtomically(path, source);
    } catch (error) {
      warn(`validators for schemas/${provider}.json not cached (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): each worker compiles them`);
    }
  }
}
