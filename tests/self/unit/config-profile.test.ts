/** The profile is the only reader of process.env and env/*.env: every bad value is one ConfigError line naming the key and its file. */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { loadProfile, type Profile } from '../../../src/config/profile.ts';
import { TARGETS } from '../../../src/providers/catalogue.ts';
import { assertConfigError, configErrorOf, envFile, tempDir, twinCredentials } from '../helpers/profiles.ts';
import { ROOT } from '../helpers/paths.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
after(() => dirs.forEach((d) => d.remove()));

const US = {
  SPOTDRAFT_US_CLIENT_ID: 'live-us-client-123',
  SPOTDRAFT_US_CLIENT_SECRET: 'live-us-secret-0f9e8d7c',
};

/** A live profile folder holding `<environment>.env` with these lines; returns the folder and the file's path. */
function liveProfile(content: string, environment: 'uat' | 'prod' = 'uat'): { dir: string; file: string } {
  const dir = tempDir('contracts-profile-');
  dirs.push(dir);
  return { dir: dir.path, file: dir.write(`${environment}.env`, content) };
}

function loadLive(content: string, env: Record<string, string> = {}, environment: 'uat' | 'prod' = 'uat'): { profile: () => Profile; file: string } {
  const { dir, file } = liveProfile(content, environment);
  return { file, profile: () => loadProfile({ root: ROOT, env: { CONTRACT_ENV: environment, CONTRACT_PROFILE_DIR: dir, ...env } }) };
}

describe('twin mode (CONTRACT_ENV unset) reads only the committed env/twin-*.env', () => {
  test('loads all 12 targets of both environments from env/twin-uat.env and env/twin-prod.env', () => {
    const profile = loadProfile({ root: ROOT, env: {} });
    assert.equal(profile.mode, 'twin');
    assert.deepEqual(profile.environments, ['uat', 'prod']);
    assert.deepEqual(profile.sources, [join('env', 'twin-uat.env'), join('env', 'twin-prod.env')]);
    assert.deepEqual(profile.targets.map((t) => t.target.id).sort(), TARGETS.map((t) => t.id).sort());
    assert.equal(profile.targets.length, 12);
  });

  test('ignores credentials, base URLs and CONTRACT_PROFILE_DIR from the process environment', () => {
    const bogus = liveProfile(envFile({ SPOTDRAFT_US_CLIENT_ID: 'from-dir-123', SPOTDRAFT_US_CLIENT_SECRET: 'from-dir-secret' }), 'uat');
    const profile = loadProfile({
      root: ROOT,
      env: {
        CONTRACT_PROFILE_DIR: bogus.dir,
        SPOTDRAFT_US_CLIENT_ID: 'real-shell-client-id',
        SPOTDRAFT_US_CLIENT_SECRET: 'real-shell-secret-value',
        SPOTDRAFT_US_BASE_URL: 'http://api.us.spotdraft.com/api/',
        SPOTDRAFT_XX_CLIENT_ID: 'would-be-an-unknown-region',
      },
    });
    const twinUat = twinCredentials('uat');
    const us = profile.targets.find((t) => t.target.id === 'spotdraft-us-uat');
    assert.ok(us);
    assert.equal(us.credentials.clientId, twinUat.SPOTDRAFT_US_CLIENT_ID);
    assert.equal(us.credentials.clientSecret.reveal(), twinUat.SPOTDRAFT_US_CLIENT_SECRET);
    assert.equal(us.baseUrl, 'https://api.us.spotdraft.com/api/');
    for (const tp of profile.targets) {
      const expected = twinCredentials(tp.target.environment)[`${tp.target.keyPrefix}_CLIENT_SECRET`];
      assert.equal(tp.credentials.clientSecret.reveal(), expected, `${tp.target.id} secret comes from env/twin-${tp.target.environment}.env`);
    }
  });

  test('a twin profile missing a target is a ConfigError naming the key and env/twin-<env>.env', () => {
    const root = tempDir('contracts-root-');
    dirs.push(root);
    const uat = { ...twinCredentials('uat') };
    delete uat.SPOTNANA_GLOBAL_CLIENT_ID;
    delete uat.SPOTNANA_GLOBAL_CLIENT_SECRET;
    root.write('env/twin-uat.env', envFile(uat));
    root.write('env/twin-prod.env', envFile(twinCredentials('prod')));
    const error = configErrorOf(() => loadProfile({ root: root.path, env: {} }));
    assertConfigError(error, { key: 'SPOTNANA_GLOBAL_CLIENT_ID', source: join('env', 'twin-uat.env') });
  });
});

describe('live mode (CONTRACT_ENV=uat|prod) merges the profile file with the process environment', () => {
  test('reads only the targets whose id and secret are set, from <CONTRACT_PROFILE_DIR>/<env>.env', () => {
    const { profile, file } = loadLive(envFile(US));
    const p = profile();
    assert.equal(p.mode, 'live');
    assert.deepEqual(p.environments, ['uat']);
    assert.deepEqual(p.sources, [file]);
    assert.deepEqual(p.targets.map((t) => t.target.id), ['spotdraft-us-uat']);
    assert.equal(p.targets[0]?.credentials.clientSecret.reveal(), US.SPOTDRAFT_US_CLIENT_SECRET);
    assert.equal(p.targets[0]?.baseUrl, 'https://api.us.spotdraft.com/api/');
  });

  test('CONTRACT_ENV=prod reads prod.env and only prod targets', () => {
    const { profile } = loadLive(envFile({ SPOTNANA_GLOBAL_CLIENT_ID: 'prod-client-1', SPOTNANA_GLOBAL_CLIENT_SECRET: 'prod-secret-1234' }), {}, 'prod');
    const p = profile();
    assert.deepEqual(p.environments, ['prod']);
    assert.deepEqual(p.targets.map((t) => t.target.id), ['spotnana-global-prod']);
    assert.equal(p.targets[0]?.baseUrl, 'https://api.spotnana.com');
  });

  test('a process environment value overrides the same key in the file', () => {
    const { profile } = loadLive(envFile(US), { SPOTDRAFT_US_CLIENT_SECRET: 'secret-from-ci-store-42' });
    assert.equal(profile().targets[0]?.credentials.clientSecret.reveal(), 'secret-from-ci-store-42');
  });

  test('credentials may come from the process environment alone (no file)', () => {
    const empty = tempDir();
    dirs.push(empty);
    const p = loadProfile({ root: ROOT, env: { CONTRACT_ENV: 'uat', CONTRACT_PROFILE_DIR: empty.path, ...US } });
    assert.deepEqual(p.targets.map((t) => t.target.id), ['spotdraft-us-uat']);
  });

  test('HTTPS_PROXY, NO_PROXY and CONTRACT_TWIN_ADMIN_URL are taken from the environment', () => {
    const { profile } = loadLive(envFile(US), { HTTPS_PROXY: 'http://127.0.0.1:3128', NO_PROXY: 'localhost', CONTRACT_TWIN_ADMIN_URL: 'http://127.0.0.1:3128/__twin' });
    const p = profile();
    assert.deepEqual(p.proxy, { server: 'http://127.0.0.1:3128', bypass: 'localhost' });
    assert.equal(p.twinAdminUrl, 'http://127.0.0.1:3128/__twin');
  });

  test('a base URL without its trailing slash is normalised to the documented form', () => {
    const { profile } = loadLive(envFile({ ...US, SPOTDRAFT_US_BASE_URL: 'https://api.us.spotdraft.com/api' }));
    assert.equal(profile().targets[0]?.baseUrl, 'https://api.us.spotdraft.com/api/');
  });

  test('prod writes are off unless CONTRACT_ALLOW_PROD_WRITES=1', () => {
    assert.equal(loadLive(envFile(US), {}, 'prod').profile().allowProdWrites, false);
    assert.equal(loadLive(envFile(US), { CONTRACT_ALLOW_PROD_WRITES: '1' }, 'prod').profile().allowProdWrites, true);
  });
});

describe('every profile mistake is a one-line ConfigError naming the key and its file', () => {
  test('client id without a secret names the missing CLIENT_SECRET key', () => {
    const { profile, file } = loadLive(envFile({ SPOTDRAFT_US_CLIENT_ID: US.SPOTDRAFT_US_CLIENT_ID }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_SECRET', source: file, why: /is missing/ });
  });

  test('a secret without a client id names the missing CLIENT_ID key', () => {
    const { profile, file } = loadLive(envFile({ SPREETAIL_EU_CLIENT_SECRET: 'only-a-secret-123' }));
    assertConfigError(configErrorOf(profile), { key: 'SPREETAIL_EU_CLIENT_ID', source: file, why: /is missing/, secrets: ['only-a-secret-123'] });
  });

  test('an http:// base URL is refused (credentials only travel over https)', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_BASE_URL: 'http://api.us.spotdraft.com/api/' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_BASE_URL', source: file, why: /http:\/\// });
  });

  test("another region's host is refused (SPOTDRAFT_US_BASE_URL=https://api.eu.spotdraft.com/api/)", () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_BASE_URL: 'https://api.eu.spotdraft.com/api/' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_BASE_URL', source: file, why: /api\.eu\.spotdraft\.com/ });
  });

  test("another provider's host is refused", () => {
    const { profile, file } = loadLive(envFile({ SPOTNANA_GLOBAL_CLIENT_ID: 'sn-client-1', SPOTNANA_GLOBAL_CLIENT_SECRET: 'sn-secret-123', SPOTNANA_GLOBAL_BASE_URL: 'https://api.spreetaileu.com' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTNANA_GLOBAL_BASE_URL', source: file, why: /Spreetail/ });
  });

  test('a doubled /api/api/ base path is refused for SpotDraft', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_BASE_URL: 'https://api.us.spotdraft.com/api/api/' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_BASE_URL', source: file, why: /doubles/ });
  });

  test('a base URL missing /api is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_BASE_URL: 'https://api.us.spotdraft.com/' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_BASE_URL', source: file, why: /documented base path/ });
  });

  test('Spreetail keeps its documented /api/api/v1: a single /api or a tripled one is refused', () => {
    for (const base of ['https://api.spreetaileu.com/api/v1', 'https://api.spreetaileu.com/api/api/api/v1']) {
      const { profile, file } = loadLive(envFile({ SPREETAIL_EU_CLIENT_ID: 'st-client-1', SPREETAIL_EU_CLIENT_SECRET: 'st-secret-123', SPREETAIL_EU_BASE_URL: base }));
      assertConfigError(configErrorOf(profile), { key: 'SPREETAIL_EU_BASE_URL', source: file, why: /\/api\/api\/v1/ });
    }
  });

  test('a secret wrapped in quotes inside the value is refused without echoing it', () => {
    const { profile, file } = loadLive(`SPOTDRAFT_US_CLIENT_ID=${US.SPOTDRAFT_US_CLIENT_ID}\nSPOTDRAFT_US_CLIENT_SECRET="'pasted-secret-987'"\n`);
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_SECRET', source: file, why: /quotes/, secrets: ['pasted-secret-987'] });
  });

  test('a quoted secret from the process environment is refused, naming "environment"', () => {
    const { profile } = loadLive(envFile(US), { SPOTDRAFT_US_CLIENT_SECRET: '"pasted-secret-987"' });
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_SECRET', source: 'environment', why: /quotes/, secrets: ['pasted-secret-987'] });
  });

  test('a secret with leading or trailing spaces is refused without echoing it', () => {
    const { profile, file } = loadLive(`SPOTDRAFT_US_CLIENT_ID=${US.SPOTDRAFT_US_CLIENT_ID}\nSPOTDRAFT_US_CLIENT_SECRET=" spaced-secret-555 "\n`);
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_SECRET', source: file, why: /spaces/, secrets: ['spaced-secret-555'] });
  });

  test('a secret containing a line break is refused on one line', () => {
    const { profile } = loadLive(envFile(US), { SPOTDRAFT_US_CLIENT_SECRET: 'broken\nsecret-42' });
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_SECRET', source: 'environment', why: /line break/, secrets: ['secret-42'] });
  });

  test('an empty value is refused', () => {
    const { profile, file } = loadLive(`SPOTDRAFT_US_CLIENT_ID=${US.SPOTDRAFT_US_CLIENT_ID}\nSPOTDRAFT_US_CLIENT_SECRET=\n`);
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_SECRET', source: file, why: /empty/ });
  });

  test('an unknown region key (SPOTDRAFT_XX_CLIENT_ID) is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_XX_CLIENT_ID: 'xx-client-1' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_XX_CLIENT_ID', source: file, why: /unknown region "xx"/ });
  });

  test('an unknown region key in the process environment is refused too', () => {
    const { profile } = loadLive(envFile(US), { SPOTNANA_EU_CLIENT_ID: 'eu-client-1' });
    assertConfigError(configErrorOf(profile), { key: 'SPOTNANA_EU_CLIENT_ID', source: 'environment', why: /unknown region/ });
  });

  test('an unknown field (SPOTDRAFT_US_CLIENT_KEY) is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_CLIENT_KEY: 'abc' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_CLIENT_KEY', source: file, why: /no known field/ });
  });

  test('a key in the profile file that names no provider (a typo like SPOTDRAF_US_CLIENT_ID) is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAF_EU_CLIENT_ID: 'typo-client-1', SPOTDRAF_EU_CLIENT_SECRET: 'typo-secret-1' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAF_EU_CLIENT_ID', source: file, why: /not a known key/ });
  });

  test('a SECRET_ROTATED_AT that is not an ISO date is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_SECRET_ROTATED_AT: '2024-13-45' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_SECRET_ROTATED_AT', source: file, why: /ISO date/ });
  });

  test('a SECRET_ROTATED_AT in the future is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_SECRET_ROTATED_AT: '2999-01-01' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_SECRET_ROTATED_AT', source: file, why: /future/ });
  });

  test('a value with a line break is still reported on one line (SECRET_ROTATED_AT="2024-01\\n01")', () => {
    const { profile, file } = loadLive(`${envFile(US)}SPOTDRAFT_US_SECRET_ROTATED_AT="2024-01\\n01"\n`);
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_SECRET_ROTATED_AT', source: file });
  });

  test('an unknown CONTRACT_ENV is refused, naming the variable', () => {
    const error = configErrorOf(() => loadProfile({ root: ROOT, env: { CONTRACT_ENV: 'staging' } }));
    assertConfigError(error, { key: 'CONTRACT_ENV', source: 'environment', why: /"staging"/ });
  });

  test('USER_EMAIL on a provider without user context (SPREETAIL_EU_USER_EMAIL) is refused', () => {
    const { profile, file } = loadLive(envFile({ SPREETAIL_EU_CLIENT_ID: 'st-client-1', SPREETAIL_EU_CLIENT_SECRET: 'st-secret-123', SPREETAIL_EU_USER_EMAIL: 'someone@example.com' }));
    assertConfigError(configErrorOf(profile), { key: 'SPREETAIL_EU_USER_EMAIL', source: file, why: /user context/ });
  });

  test('a USER_EMAIL that is not an email address is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, SPOTDRAFT_US_USER_EMAIL: 'not-an-email' }));
    assertConfigError(configErrorOf(profile), { key: 'SPOTDRAFT_US_USER_EMAIL', source: file, why: /email/ });
  });

  test('no credentials at all is refused, naming the profile file', () => {
    const { profile, file } = loadLive('# nothing filled in yet\n');
    assertConfigError(configErrorOf(profile), { key: '<PROVIDER>_<REGION>_CLIENT_ID', source: file, why: /no target/ });
  });

  test('a CONTRACT_ALLOW_PROD_WRITES that is not a flag is refused', () => {
    const { profile, file } = loadLive(envFile({ ...US, CONTRACT_ALLOW_PROD_WRITES: 'yes' }));
    assertConfigError(configErrorOf(profile), { key: 'CONTRACT_ALLOW_PROD_WRITES', source: file });
  });
});

describe('a loaded profile never prints a secret', () => {
  test('String, JSON.stringify and util.inspect of the whole profile show no secret value', () => {
    const { profile } = loadLive(envFile(US));
    const p = profile();
    const secret = US.SPOTDRAFT_US_CLIENT_SECRET;
    assert.ok(!JSON.stringify(p).includes(secret));
    assert.ok(!inspect(p, { depth: Infinity }).includes(secret));
    assert.ok(!`${JSON.stringify(p.targets[0]?.credentials)}`.includes(secret));
    assert.equal(p.targets[0]?.credentials.clientSecret.reveal(), secret);
  });
});
