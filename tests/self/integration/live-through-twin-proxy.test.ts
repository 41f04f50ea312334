/**
 * Live mode as a user behind a proxy runs it: `npm run twin` standalone, then `npm run contracts` with CONTRACT_ENV,
 * credentials, HTTPS_PROXY, NODE_EXTRA_CA_CERTS and CONTRACT_TWIN_ADMIN_URL taken from the env file the twin wrote.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggedRequest } from '../../../twin/request-log.ts';
import { assertCleanSummary, TARGET_IDS } from '../helpers/expectations.ts';
import { cleanEnv, describeRun, parseExportFile, readSummary, runContracts, startTwinCli, type RunningTwinCli } from '../helpers/processes.ts';
import { tempDir } from '../helpers/profiles.ts';

const dir = tempDir('contracts-live-twin-');
let twin: RunningTwinCli | undefined;

before(async () => {
  twin = await startTwinCli(join(dir.path, 'twin'));
});
after(async () => {
  await twin?.stop();
  dir.remove();
});

async function twinLog(adminUrl: string): Promise<LoggedRequest[]> {
  const response = await fetch(`${adminUrl}/log`);
  assert.equal(response.status, 200);
  return (await response.json()) as LoggedRequest[];
}

async function clearTwinLog(adminUrl: string): Promise<void> {
  assert.equal((await fetch(`${adminUrl}/log`, { method: 'DELETE' })).status, 200);
}

/** Requests that may be POSTed on prod: logging in changes nothing. */
const LOGIN_PATHS = ['/api/api/v1/auth/login', '/v2/auth/oauth2-token'];

describe('the suite in live mode through the standalone twin as an HTTPS proxy', () => {
  for (const environment of ['uat', 'prod'] as const) {
    test(`CONTRACT_ENV=${environment}: the 6 ${environment} targets pass every check with nothing skipped`, { timeout: 300_000 }, async () => {
      assert.ok(twin, 'the twin is running');
      const file = join(dir.path, 'twin', `${environment}.env`);
      assert.ok(twin.output().includes(file), `the twin printed its ${environment} env file`);
      const exported = parseExportFile(readFileSync(file, 'utf8'));
      for (const key of ['CONTRACT_ENV', 'HTTPS_PROXY', 'NODE_EXTRA_CA_CERTS', 'CONTRACT_TWIN_ADMIN_URL']) assert.ok(exported[key], `${file} exports ${key}`);
      assert.equal(exported.CONTRACT_ENV, environment);
      const adminUrl = exported.CONTRACT_TWIN_ADMIN_URL ?? '';
      await clearTwinLog(adminUrl);

      // An empty profile folder: the credentials come from the environment alone, not from a developer's env/<env>.env.
      const emptyProfiles = join(dir.path, `no-profile-${environment}`);
      const run = await runContracts(cleanEnv({ ...exported, CONTRACT_PROFILE_DIR: emptyProfiles }), join(dir.path, `out-${environment}`));
      assert.equal(run.code, 0, describeRun(run));
      assertCleanSummary(readSummary(join(dir.path, `out-${environment}`)), TARGET_IDS[environment]);
      assert.match(run.stdout, new RegExp(`live ${environment}`), 'the run says it is live');

      // The traffic really went through the twin, to every documented host of the environment.
      const log = await twinLog(adminUrl);
      const hosts = new Set(log.map((r) => r.host));
      const expectedHosts = environment === 'uat'
        ? ['api.in.spotdraft.com', 'api.us.spotdraft.com', 'api.me.spotdraft.com', 'api.eu.spotdraft.com', 'api.spreetaileu.com', 'api-ext-sboxmeta.partners.spotnana.com']
        : ['api.in.spotdraft.com', 'api.us.spotdraft.com', 'api.me.spotdraft.com', 'api.eu.spotdraft.com', 'api.spreetaileu.com', 'api.spotnana.com'];
      for (const host of expectedHosts) assert.ok(hosts.has(host), `the twin saw requests for ${host}`);
      if (environment === 'prod') {
        const writes = log.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !LOGIN_PATHS.includes(r.path));
        assert.deepEqual(writes.map((r) => `${r.method} ${r.host}${r.path}`), [], 'no mutating request reached a prod target');
      }
    });
  }
});
