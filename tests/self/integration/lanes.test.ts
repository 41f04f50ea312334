/**
 * Lanes, as the twin saw them: Playwright runs a worker process ahead per lane (booted, its checks loaded), yet no
 * more targets send requests at once than CONTRACT_WORKERS allows, and each target still runs in one worker.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanEnv, describeRun, runContracts, useTwinAndTempDir } from '../helpers/processes.ts';

const { twin, dir } = useTwinAndTempDir('lanes-');

const PROJECTS = ['spotdraft-eu-uat', 'spotdraft-us-prod', 'spreetail-eu-uat', 'spreetail-eu-prod', 'spotnana-global-uat'];
const LANES = 2;

/** The most spans open at one moment. */
function mostAtOnce(spans: readonly { first: number; last: number }[]): number {
  const events = spans.flatMap((s) => [[s.first, 1], [s.last, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let open = 0;
  let most = 0;
  for (const [, delta] of events) most = Math.max(most, (open += delta));
  return most;
}

describe('lanes', () => {
  test(`CONTRACT_WORKERS=${LANES}: ${2 * LANES} worker processes, at most ${LANES} targets sending at once, one worker per target`, { timeout: 240_000 }, async () => {
    const run = await runContracts(cleanEnv({
      CONTRACT_WORKERS: String(LANES),
      CONTRACT_TWIN_PROXY: twin().proxyUrl, CONTRACT_TWIN_ADMIN_URL: twin().adminUrl, NODE_EXTRA_CA_CERTS: twin().caFile,
    }), join(dir().path, 'run'), 230_000, PROJECTS.flatMap((p) => ['--project', p]));
    assert.equal(run.code, 0, describeRun(run));

    const spans = new Map<string, { first: number; last: number }>();
    for (const r of twin().replayLog()) {
      if (!r.worker) continue;
      const span = spans.get(r.worker);
      spans.set(r.worker, { first: Math.min(span?.first ?? r.startMs, r.startMs), last: Math.max(span?.last ?? 0, r.endMs ?? r.startMs) });
    }
    const timeline = [...spans].map(([worker, s]) => `${worker}: ${s.first.toFixed(0)}..${s.last.toFixed(0)} ms`).join('\n');
    assert.deepEqual([...spans.keys()].map((w) => w.split('#')[0]).sort(), [...PROJECTS].sort(), `one worker per target:\n${timeline}`);
    assert.ok(mostAtOnce([...spans.values()]) <= LANES, `at most ${LANES} targets sent requests at once:\n${timeline}`);

    // Allure's thread label names the worker slot: the ones waiting ahead ran targets too.
    const resultsDir = join(dir().path, 'run', 'reports', 'allure-results');
    const slots = new Set(readdirSync(resultsDir).filter((f) => f.endsWith('-result.json')).map((f) => {
      const result = JSON.parse(readFileSync(join(resultsDir, f), 'utf8')) as { labels: { name: string; value: string }[] };
      return result.labels.find((l) => l.name === 'thread')?.value.replace(/^pid-\d+-/, '');
    }));
    assert.equal(slots.size, 2 * LANES, `worker slots used: ${[...slots].join(', ')}`);
  });
});
