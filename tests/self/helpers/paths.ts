/** Where the project under test lives, and how its TypeScript entry points are run (tsx, without npx's start-up cost and npm warnings). */
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

const require = createRequire(import.meta.url);

/** The tsx CLI that `npx tsx` resolves to: run it with `process.execPath`. */
export const TSX_CLI = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs');

/** The Playwright CLI that `npx playwright` resolves to. */
export const PLAYWRIGHT_CLI = require.resolve('@playwright/test/cli');
