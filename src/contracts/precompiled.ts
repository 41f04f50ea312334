/**
 * Validators compiled once, before the workers start, as AJV standalone modules. Without them every worker (one per
 * target) loads AJV and compiles its provider's document, meta-schema included, again: about a quarter of a second of
 * CPU each. A module is named by a hash of its document, of AJV's and ajv-formats' versions and of the compiler's own
 * source, so an edited schema or an upgraded AJV never meets a stale validator: it is not found, and compiled in place.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { readSchemaDocument, standaloneModuleSource } from './schema-compiler.ts';

const require = createRequire(import.meta.url);

let fingerprint: string | undefined;

function compilerFingerprint(): string {
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

export function precompiledPath(dir: string, provider: string, documentText: string): string {
  const hash = createHash('sha256').update(compilerFingerprint()).update('\0').update(documentText).digest('hex').slice(0, 16);
  return join(dir, `${provider}-${hash}.cjs`);
}

/**
 * Writes the module unless it is there. Concurrent runs (the fault matrix) write the same bytes, each whole under a
 * temporary name and then renamed, so no run loads half a module.
 */
export function writePrecompiled(path: string, source: () => string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${randomUUID()}.tmp`;
  writeFileSync(temporary, source());
  renameSync(temporary, path);
}

/** The module's validate functions by component name, or undefined when none was written for this document. */
export function loadPrecompiled(path: string): Record<string, ValidateFunction> | undefined {
  return existsSync(path) ? (require(path) as Record<string, ValidateFunction>) : undefined;
}

/**
 * Compiles the providers' documents that have no module yet (the runner, before any worker starts). A document that
 * does not compile gets no module: its workers compile it in place and report the error where the checks use it.
 */
export function precompileValidators(schemasDir: string, dir: string, providers: readonly string[]): void {
  for (const provider of providers) {
    try {
      const { text, document } = readSchemaDocument(schemasDir, provider);
      writePrecompiled(precompiledPath(dir, provider, text), () => standaloneModuleSource(provider, document));
    } catch {
      continue;
    }
  }
}
