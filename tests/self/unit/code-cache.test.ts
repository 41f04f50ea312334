/** The V8 code-cache preload for Playwright's workers: added to NODE_OPTIONS once, and Playwright still loads and imports through it. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { CODE_CACHE_PRELOAD, withCodeCache } from '../../../src/startup/preload-options.ts';

describe('withCodeCache', () => {
  test('adds the preload to the caller\'s NODE_OPTIONS, once', () => {
    const once = withCodeCache('--max-old-space-size=4096');
    assert.ok(once.startsWith('--max-old-space-size=4096 --import '), once);
    assert.ok(once.includes(CODE_CACHE_PRELOAD));
    assert.equal(withCodeCache(once), once);
    assert.equal(withCodeCache(undefined), `--import ${JSON.stringify(CODE_CACHE_PRELOAD)}`);
  });

  test('a process with the preload loads @playwright/test, from the cache the second time, and dynamic import() still works', () => {
    // Playwright loads configs and specs with import(): Node 20 cannot give code read from a cache an import callback.
    const script = "require('@playwright/test'); import('node:os').then((os) => console.log(typeof os.cpus))";
    for (const run of ['first (writes the cache)', 'second (reads it)']) {
      const result = spawnSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_OPTIONS: withCodeCache(undefined) }, encoding: 'utf8' });
      assert.equal(result.status, 0, `${run}: ${result.stderr}`);
      assert.equal(result.stdout.trim(), 'function', run);
      assert.equal(result.stderr, '', `${run}: nothing on stderr`);
    }
  });
});
