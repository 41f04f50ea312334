/** A bad live profile stops the run before any request: exit 2, one stderr line naming the key and file, nothing reaches the (twin) network. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startTwin, type RunningTwin } from '../../../twin/server.ts';
import { ROOT } from '../helpers/paths.ts';
import { cleanEnv, describeRun, runContracts } from '../helpers/processes.ts';
import { envFile, tempDir, twinCredentials } from '../helpers/profiles.ts';

let twin: RunningTwin;
const dirs: ReturnType<typeof tempDir>[] = [];

before(async () => {
  // Started in this process so its request log can be read directly: any request the suite sent would be in it.
  twin = await startTwin({ root: ROOT });
});
after(async () => {
  await twin?.stop();
  dirs.forEach((d) => d.remove());
});

interface Case {
  name: string;
  /** The twin's uat profile (credentials it would accept), changed by one mistake. */
  mutate(values: Record<string, string>): void;
  key: string;
  why: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a client id without its secret',
    mutate: (v) => delete v.SPOTDRAFT_US_CLIENT_SECRET,
    key: 'SPOTDRAFT_US_CLIENT_SECRET',
    why: /is missing/,
  },
  {
    name: 'an http:// base URL',
    mutate: (v) => (v.SPOTDRAFT_US_BASE_URL = 'http://api.us.spotdraft.com/api/'),
    key: 'SPOTDRAFT_US_BASE_URL',
    why: /http:\/\//,
  },
  {
    name: "another region's host as base URL",
    mutate: (v) => (v.SPOTDRAFT_US_BASE_URL = 'https://api.eu.spotdraft.com/api/'),
    key: 'SPOTDRAFT_US_BASE_URL',
    why: /api\.eu\.spotdraft\.com/,
  },
];

describe('a bad live profile: exit 2, one line naming key and file, no request sent', () => {
  for (const c of CASES) {
    test(`${c.name} (${c.key}) is refused before any request`, { timeout: 60_000 }, async () => {
      const dir = tempDir('contracts-bad-config-');
      dirs.push(dir);
      const values = { ...twinCredentials('uat') };
      c.mutate(values);
      const profileFile = dir.write('profile/uat.env', envFile(values));
      twin.log.clear();

      const run = await runContracts(cleanEnv({
        CONTRACT_ENV: 'uat',
        CONTRACT_PROFILE_DIR: join(dir.path, 'profile'),
        HTTPS_PROXY: twin.proxyUrl,
        NODE_EXTRA_CA_CERTS: twin.caFile,
        CONTRACT_TWIN_ADMIN_URL: twin.adminUrl,
      }), join(dir.path, 'out'));

      assert.equal(run.code, 2, describeRun(run));
      const lines = run.stderr.replace(/\n$/, '').split('\n');
      assert.equal(lines.length, 1, `stderr is exactly one line:\n${run.stderr}`);
      const [line = ''] = lines;
      assert.match(line, /^\[configuration\] /);
      assert.ok(line.includes(c.key), `stderr names ${c.key}: ${line}`);
      assert.ok(line.includes(profileFile), `stderr names the file ${profileFile}: ${line}`);
      assert.match(line, c.why);
      for (const [key, value] of Object.entries(values)) {
        if (key.endsWith('_CLIENT_SECRET')) assert.ok(!`${run.stdout}${run.stderr}`.includes(value), `output reveals ${key}`);
      }
      assert.equal(run.stdout, '', 'nothing ran, so nothing is reported');
      assert.ok(!existsSync(join(dir.path, 'out', 'reports', 'summary.json')), 'no summary: the suite did not start');
      assert.deepEqual(twin.log.all(), [], 'the twin received no request');
    });
  }
});
