/**
 * Live mode as a user behind a proxy runs it: `npm run twin` standalone, then `npm run contracts` with CONTRACT_ENV,
 * credentials, HTTPS_PROXY, NODE_EXTRA_CA_CERTS and CONTRACT_TWIN_ADMIN_URL taken from the env file the twin wrote.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planNegativeAuth } from '../../../src/auth/negative-auth-plan.ts';
import { negativeAuthNeeds } from '../../../src/checks/negative-auth-needs.ts';
import { rejectedCredentials, type LoggedRequest } from '../../../twin/request-log.ts';
import { assertCleanSummary, TARGET_IDS } from '../helpers/expectations.ts';
import { targetProfile } from '../helpers/fake-http.ts';
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

/** The checks the prod budget (the default 3 per target) must not send, by its fixed priority: the others are sent. */
function checksOverBudget(targetId: string, twinAdminUrl: string): string[] {
  const needs = negativeAuthNeeds(targetProfile(targetId), { allowProdWrites: false, preflight: false, twinAdminUrl });
  return [...planNegativeAuth(needs, 3)].filter(([, granted]) => granted === 0).map(([id]) => id).sort();
}

/** Requests that may be POSTed on prod: logging in changes nothing. */
const LOGIN_PATHS = ['/api/api/v1/auth/login', '/v2/auth/oauth2-token'];

describe('the suite in live mode through the standalone twin as an HTTPS proxy', () => {
  for (const environment of ['uat', 'prod'] as const) {
    const what = environment === 'uat' ? 'nothing skipped' : 'only what the budget of failing authentication attempts does not send';
    test(`CONTRACT_ENV=${environment}: the 6 ${environment} targets pass every check, ${what}, and the run reports what the twin counted`, { timeout: 300_000 }, async () => {
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
      const summary = readSummary(join(dir.path, `out-${environment}`));
      assertCleanSummary(summary, TARGET_IDS[environment], { budgetSkips: environment === 'prod' });
      assert.match(run.stdout, new RegExp(`live ${environment}`), 'the run says it is live');

      // The traffic really went through the twin, to every documented host of the environment.
      const log = await twinLog(adminUrl);
      const hosts = new Set(log.map((r) => r.host));
      const expectedHosts = environment === 'uat'
        ? ['api.in.spotdraft.com', 'api.us.spotdraft.com', 'api.me.spotdraft.com', 'api.eu.spotdraft.com', 'api.spreetaileu.com', 'api-ext-sboxmeta.partners.spotnana.com']
        : ['api.in.spotdraft.com', 'api.us.spotdraft.com', 'api.me.spotdraft.com', 'api.eu.spotdraft.com', 'api.spreetaileu.com', 'api.spotnana.com'];
      for (const host of expectedHosts) assert.ok(hosts.has(host), `the twin saw requests for ${host}`);

      // Every deliberately failing authentication attempt, counted at the twin, is one the run reports; on prod they
      // stay within the default limit, and exactly the checks the budget's priority leaves out are skipped.
      for (const target of summary.targets) {
        const atTwin = rejectedCredentials(log, target.target).length;
        assert.equal(target.negativeAuthAttempts, atTwin, `${target.target}: reported ${target.negativeAuthAttempts}, the twin rejected ${atTwin} credential(s)`);
        assert.ok(atTwin > 0, `${target.target}: some failing attempt was made`);
        const skipped = target.checks.filter((c) => c.status === 'skipped').map((c) => c.id).sort();
        if (environment === 'prod') {
          assert.ok(atTwin <= 3, `${target.target}: ${atTwin} failing attempts against prod, limit 3`);
          assert.deepEqual(skipped, checksOverBudget(target.target, adminUrl), `${target.target}: the checks the budget did not send`);
        }
      }
      const counts = summary.targets.map((t) => `${t.target} ${t.negativeAuthAttempts}`).join(', ');
      const limit = environment === 'prod' ? 'prod limit 3 per target' : 'counted; the limit of 3 per target applies to prod in live mode';
      assert.ok(run.stdout.includes(`deliberately failing auth attempts: ${counts} (${limit})`), describeRun(run));
      if (environment === 'prod') {
        const writes = log.filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && !LOGIN_PATHS.includes(r.path));
        assert.deepEqual(writes.map((r) => `${r.method} ${r.host}${r.path}`), [], 'no mutating request reached a prod target');
      }
    });
  }
});
