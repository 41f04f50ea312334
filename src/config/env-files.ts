/** Reading dotenv profiles: a missing file is "no values", an unreadable one is a configuration error. */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';
import { ConfigError } from './config-error.ts';

export interface EnvSource {
  /** Where each key's value came from, for error messages (`env/prod.env` or `environment`). */
  origin: Map<string, string>;
  values: Map<string, string>;
}

export function readEnvFile(path: string, label: string): Record<string, string> {
  if (!existsSync(path)) return {};
  try {
    return parse(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigError(label, '(file)', `cannot be read (${code})`);
  }
}

/** Merges file values with process environment values; the process environment wins (how CI injects secrets). */
export function mergeSources(fileLabel: string, file: Record<string, string>, processEnv: NodeJS.ProcessEnv, keys: (key: string) => boolean): EnvSource {
  const values = new Map<string, string>();
  const origin = new Map<string, string>();
  for (const [key, value] of Object.entries(file)) {
    if (!keys(key)) continue;
    values.set(key, value);
    origin.set(key, fileLabel);
  }
  for (const [key, value] of Object.entries(processEnv)) {
    if (!keys(key) || value === undefined) continue;
    values.set(key, value);
    origin.set(key, 'environment');
  }
  return { values, origin };
}
