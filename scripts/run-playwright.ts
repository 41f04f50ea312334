/** Runs the Playwright CLI of this project as a child process (so a twin or profile error cannot leave a half-started run behind). */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { withCodeCache } from '../src/startup/preload-options.ts';

const require = createRequire(import.meta.url);

export function playwrightCli(): string {
  return require.resolve('@playwright/test/cli');
}

export function allureCli(): string {
  // The package exports only its API; its CLI sits beside dist/.
  return join(dirname(require.resolve('allure')), '..', 'cli.js');
}

/** The environment the Playwright runner starts with: Playwright's bundles compiled from the V8 code cache (the config adds it for workers too). */
export function playwrightEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: withCodeCache(env.NODE_OPTIONS) };
}

export function run(script: string, args: string[], env: NodeJS.ProcessEnv = process.env, quiet = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit', env: script === playwrightCli() ? playwrightEnv(env) : env });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
