/**
 * A run that could not start (global setup, configuration, loading the checks) reports no test: Playwright calls no
 * onTestEnd and allure-playwright ignores onError. This leaves its one-line reason where a reader looks: one broken
 * result in the Allure results, under the `configuration` category.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FullConfig } from '@playwright/test/reporter';
import { failureLine } from './failure-line.ts';

const TITLE = 'setup: the run could not start';

/** `[configuration] setup: the run could not start — <first line of the error>`. */
export function setupFailureLine(message: string | undefined): string {
  const reason = failureLine(message).replace(/^\[configuration\]\s*/, '');
  return `[configuration] ${TITLE} — ${reason}`;
}

/** Where allure-playwright writes, from the run's own reporter list (resolved like allure-playwright does). */
export function allureResultsDirOf(config: FullConfig): string | undefined {
  // Playwright hands reporters over by resolved path (…/node_modules/allure-playwright/dist/cjs/index.js).
  const entry = config.reporter.find(([name]) => /(^|[\\/])allure-playwright([\\/]|$)/.test(name));
  const dir = (entry?.[1] as { resultsDir?: unknown } | undefined)?.resultsDir;
  return typeof dir === 'string' ? resolve(dir) : undefined;
}

export function writeSetupFailureResult(resultsDir: string, line: string, startMs: number, stopMs = Date.now()): void {
  const id = createHash('md5').update(TITLE).digest('hex');
  const uuid = randomUUID();
  const result = {
    uuid, historyId: id, testCaseId: id, name: TITLE, fullName: TITLE,
    status: 'broken', statusDetails: { message: line }, stage: 'finished', start: startMs, stop: stopMs,
    labels: [{ name: 'failure-category', value: 'configuration' }, { name: 'suite', value: 'setup' }, { name: 'feature', value: 'setup' }],
    steps: [], attachments: [], parameters: [], links: [],
  };
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, `${uuid}-result.json`), `${JSON.stringify(result)}\n`);
}
