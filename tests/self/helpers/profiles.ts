/** Temporary profile folders and the assertions every configuration error must satisfy. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { ConfigError } from '../../../src/config/config-error.ts';
import { ROOT } from './paths.ts';

export interface TempDir {
  path: string;
  /** Writes a file below the folder (creating sub-folders) and returns its absolute path. */
  write(name: string, content: string): string;
  remove(): void;
}

export function tempDir(prefix = 'contracts-self-'): TempDir {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    write(name, content) {
      const file = join(path, name);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/** The committed fake credentials of the twin for one environment, parsed. */
export function twinCredentials(environment: 'uat' | 'prod'): Record<string, string> {
  return parse(readFileSync(join(ROOT, 'env', `twin-${environment}.env`), 'utf8'));
}

/** `KEY=VALUE` lines of a dotenv file, the way a user writes one. */
export function envFile(values: Record<string, string>): string {
  return `${Object.entries(values).map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}

/** Runs `fn`, which must throw a ConfigError, and returns it. */
export function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    return error;
  }
  assert.fail('expected a ConfigError, but the profile loaded');
}

/** The rules of every configuration error: one line, prefixed, naming the key and where its value came from. */
export function assertConfigError(error: ConfigError, expected: { key: string; source: string; why?: RegExp; secrets?: string[] }): void {
  assert.equal(error.key, expected.key, `error names ${error.key}, expected ${expected.key}: ${error.message}`);
  assert.equal(error.source, expected.source, `error source is ${error.source}, expected ${expected.source}: ${error.message}`);
  assert.ok(error.message.startsWith('[configuration] '), error.message);
  assert.ok(error.message.includes(expected.key), `message does not name ${expected.key}: ${error.message}`);
  assert.ok(error.message.includes(expected.source), `message does not name ${expected.source}: ${error.message}`);
  assert.doesNotMatch(error.message, /[\r\n]/, `message is not one line: ${JSON.stringify(error.message)}`);
  if (expected.why) assert.match(error.message, expected.why);
  for (const secret of expected.secrets ?? []) assert.ok(!error.message.includes(secret), `message reveals a secret value: ${error.message}`);
  assert.equal(ConfigError.EXIT_CODE, 2);
}
