/**
 * Hardening: malformed input of every kind stops the run before any request — exit 2, exactly one stderr line naming
 * the key (and the file, when it came from one), no secret in the output, and the twin's request log empty.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanEnv, describeRun, runTsx, useTwinAndTempDir } from '../helpers/processes.ts';
import { envFile, twinCredentials } from '../helpers/profiles.ts';

const { twin, dir } = useTwinAndTempDir('bad-input-');

interface BadInput {
  name: string;
  /** Changes to the twin's valid uat profile file (a value of `undefined` deletes the key). */
  file?: Record<string, string | undefined>;
  /** Process environment on top of the file (how CI injects secrets). */
  env?: Record<string, string>;
  /** Make env/uat.env unreadable (a folder where the file should be). */
  unreadable?: boolean;
  script?: 'contracts' | 'preflight';
  args?: string[];
  key: string;
  /** The source the line must name: the profile file, `environment` or `command line`. */
  source: 'file' | 'environment' | 'command line';
}

const INPUTS: BadInput[] = [
  { name: 'client id without its secret', file: { SPOTDRAFT_US_CLIENT_SECRET: undefined }, key: 'SPOTDRAFT_US_CLIENT_SECRET', source: 'file' },
  { name: 'secret without its client id', file: { SPREETAIL_EU_CLIENT_ID: undefined }, key: 'SPREETAIL_EU_CLIENT_ID', source: 'file' },
  { name: 'empty client id', file: { SPOTDRAFT_IN_CLIENT_ID: '' }, key: 'SPOTDRAFT_IN_CLIENT_ID', source: 'file' },
  { name: 'empty secret in the environment', env: { SPOTNANA_GLOBAL_CLIENT_SECRET: '' }, key: 'SPOTNANA_GLOBAL_CLIENT_SECRET', source: 'environment' },
  { name: 'typo in a provider name', file: { SPOTDRAF_US_CLIENT_ID: 'x' }, key: 'SPOTDRAF_US_CLIENT_ID', source: 'file' },
  { name: 'unknown region', file: { SPOTDRAFT_XX_CLIENT_ID: 'twin-id-123456' }, key: 'SPOTDRAFT_XX_CLIENT_ID', source: 'file' },
  { name: 'unknown field', file: { SPOTDRAFT_US_CLIENT_KEY: 'abc' }, key: 'SPOTDRAFT_US_CLIENT_KEY', source: 'file' },
  { name: 'http:// base URL', file: { SPOTDRAFT_US_BASE_URL: 'http://api.us.spotdraft.com/api/' }, key: 'SPOTDRAFT_US_BASE_URL', source: 'file' },
  { name: "another region's host", file: { SPOTDRAFT_US_BASE_URL: 'https://api.eu.spotdraft.com/api/' }, key: 'SPOTDRAFT_US_BASE_URL', source: 'file' },
  { name: "another provider's host", file: { SPOTNANA_GLOBAL_BASE_URL: 'https://api.spreetaileu.com' }, key: 'SPOTNANA_GLOBAL_BASE_URL', source: 'file' },
  { name: "the other environment's host", file: { SPOTNANA_GLOBAL_BASE_URL: 'https://api.spotnana.com' }, key: 'SPOTNANA_GLOBAL_BASE_URL', source: 'file' },
  { name: 'doubled /api in the base URL', file: { SPOTDRAFT_ME_BASE_URL: 'https://api.me.spotdraft.com/api/api/' }, key: 'SPOTDRAFT_ME_BASE_URL', source: 'file' },
  { name: 'missing /api in the base URL', file: { SPOTDRAFT_ME_BASE_URL: 'https://api.me.spotdraft.com/' }, key: 'SPOTDRAFT_ME_BASE_URL', source: 'file' },
  { name: 'Spreetail base without its documented /api/api', env: { SPREETAIL_EU_BASE_URL: 'https://api.spreetaileu.com/api/v1' }, key: 'SPREETAIL_EU_BASE_URL', source: 'environment' },
  { name: 'base URL with a query', file: { SPOTDRAFT_EU_BASE_URL: 'https://api.eu.spotdraft.com/api/?debug=1' }, key: 'SPOTDRAFT_EU_BASE_URL', source: 'file' },
  { name: 'credentials inside the base URL', file: { SPOTDRAFT_EU_BASE_URL: 'https://user:pw@api.eu.spotdraft.com/api/' }, key: 'SPOTDRAFT_EU_BASE_URL', source: 'file' },
  { name: 'base URL that is not a URL', file: { SPOTDRAFT_EU_BASE_URL: 'api.eu.spotdraft.com' }, key: 'SPOTDRAFT_EU_BASE_URL', source: 'file' },
  { name: 'secret wrapped in quotes', file: { SPOTDRAFT_US_CLIENT_SECRET: `'"twinsecret_quoted_value_1234"'` }, key: 'SPOTDRAFT_US_CLIENT_SECRET', source: 'file' },
  { name: 'secret with a leading space (environment)', env: { SPOTDRAFT_US_CLIENT_SECRET: ' twinsecret_spaced_value_1234' }, key: 'SPOTDRAFT_US_CLIENT_SECRET', source: 'environment' },
  { name: 'secret with a trailing newline (environment)', env: { SPOTDRAFT_US_CLIENT_SECRET: 'twinsecret_newline_value\n' }, key: 'SPOTDRAFT_US_CLIENT_SECRET', source: 'environment' },
  { name: 'secret too short to be a secret', file: { SPOTNANA_GLOBAL_CLIENT_SECRET: 'abc12' }, key: 'SPOTNANA_GLOBAL_CLIENT_SECRET', source: 'file' },
  { name: 'impossible rotation date', file: { SPOTDRAFT_US_SECRET_ROTATED_AT: '2026-13-45' }, key: 'SPOTDRAFT_US_SECRET_ROTATED_AT', source: 'file' },
  { name: 'rotation date in words', file: { SPOTDRAFT_US_SECRET_ROTATED_AT: 'last tuesday' }, key: 'SPOTDRAFT_US_SECRET_ROTATED_AT', source: 'file' },
  { name: 'rotation date in the future', env: { SPREETAIL_EU_SECRET_ROTATED_AT: '2099-01-01' }, key: 'SPREETAIL_EU_SECRET_ROTATED_AT', source: 'environment' },
  { name: 'user email that is not an email', file: { SPOTDRAFT_US_USER_EMAIL: 'integration-at-example' }, key: 'SPOTDRAFT_US_USER_EMAIL', source: 'file' },
  { name: 'user email on a provider without user context', file: { SPREETAIL_EU_USER_EMAIL: 'someone@example.com' }, key: 'SPREETAIL_EU_USER_EMAIL', source: 'file' },
  { name: 'empty expected account', file: { SPOTDRAFT_US_EXPECTED_ACCOUNT: ' ' }, key: 'SPOTDRAFT_US_EXPECTED_ACCOUNT', source: 'file' },
  { name: 'unknown CONTRACT_ENV', env: { CONTRACT_ENV: 'staging' }, key: 'CONTRACT_ENV', source: 'environment' },
  { name: 'unreadable profile file', unreadable: true, key: '(file)', source: 'file' },
  { name: 'timeout that is not a number', env: { CONTRACT_REQUEST_TIMEOUT_MS: 'fast' }, key: 'CONTRACT_REQUEST_TIMEOUT_MS', source: 'environment' },
  { name: 'prod-writes flag that is neither on nor off', file: { CONTRACT_ALLOW_PROD_WRITES: 'maybe' }, key: 'CONTRACT_ALLOW_PROD_WRITES', source: 'file' },
  { name: 'secret warning after the secret limit', env: { CONTRACT_SECRET_WARN_DAYS: '120', CONTRACT_SECRET_MAX_DAYS: '90' }, key: 'CONTRACT_SECRET_WARN_DAYS', source: 'environment' },
  { name: 'a profile with no credentials at all', file: Object.fromEntries(Object.keys(twinCredentials('uat')).map((k) => [k, undefined])), key: '<PROVIDER>_<REGION>_CLIENT_ID', source: 'file' },
  { name: 'twin mode: a fault the twin does not know', env: { CONTRACT_ENV: '', TWIN_FAULTS: 'spotdraft-no-such-fault' }, key: 'TWIN_FAULTS', source: 'environment' },
  { name: 'twin mode: a fault scoped to an unknown target', env: { CONTRACT_ENV: '', TWIN_FAULTS: 'network-500@spotdraft-xx-uat' }, key: 'TWIN_FAULTS', source: 'environment' },
  { name: 'twin mode: latency that is not a number', env: { CONTRACT_ENV: '', TWIN_LATENCY_MS: 'slow' }, key: 'TWIN_LATENCY_MS', source: 'environment' },
  { name: 'twin preflight: a fault the twin does not know', script: 'preflight', env: { CONTRACT_ENV: '', TWIN_FAULTS: 'no-such-fault' }, key: 'TWIN_FAULTS', source: 'environment' },
  { name: 'preflight --env conflicting with CONTRACT_ENV', script: 'preflight', args: ['--env', 'uat'], env: { CONTRACT_ENV: 'prod' }, key: '--env', source: 'command line' },
  { name: 'preflight with an unknown provider', script: 'preflight', args: ['--env', 'uat', '--provider', 'docusign'], key: '--provider', source: 'command line' },
  { name: 'preflight with a region of no selected provider', script: 'preflight', args: ['--env', 'uat', '--provider', 'spotnana', '--region', 'us'], key: '--region', source: 'command line' },
  { name: 'preflight with an unknown option', script: 'preflight', args: ['--env', 'uat', '--fast'], key: '(arguments)', source: 'command line' },
];

describe(`${INPUTS.length} malformed inputs: exit 2, one line naming the key, nothing sent`, () => {
  INPUTS.forEach((input, index) => {
    test(input.name, { timeout: 60_000 }, async () => {
      const profileDir = join(dir().path, String(index));
      const values: Record<string, string> = { ...twinCredentials('uat') };
      for (const [key, value] of Object.entries(input.file ?? {})) {
        if (value === undefined) delete values[key];
        else values[key] = value;
      }
      if (input.unreadable) mkdirSync(join(profileDir, 'uat.env'), { recursive: true });
      else dir().write(`${index}/uat.env`, envFile(values));
      twin().log.clear();
      const script = input.script === 'preflight' ? 'scripts/preflight.ts' : 'scripts/contracts.ts';
      const run = await runTsx([script, ...(input.args ?? [])], cleanEnv({
        CONTRACT_ENV: 'uat',
        CONTRACT_PROFILE_DIR: profileDir,
        CONTRACT_REPORTS_DIR: join(profileDir, 'reports'),
        HTTPS_PROXY: twin().proxyUrl,
        NODE_EXTRA_CA_CERTS: twin().caFile,
        ...input.env,
      }), 60_000);
      assert.equal(run.code, 2, describeRun(run));
      const lines = run.stderr.replace(/\n$/, '').split('\n');
      assert.equal(lines.length, 1, `exactly one line:\n${run.stderr}`);
      const line = lines[0] ?? '';
      assert.match(line, /^\[configuration\] /);
      assert.ok(line.includes(input.key), `names ${input.key}: ${line}`);
      const source = input.source === 'file' ? join(profileDir, 'uat.env') : input.source;
      assert.ok(line.includes(source), `names ${source}: ${line}`);
      for (const [key, value] of Object.entries({ ...values, ...input.env })) {
        if (key.endsWith('_CLIENT_SECRET') && value.trim().length >= 8) assert.ok(!`${run.stdout}${run.stderr}`.includes(value.trim()), `output reveals ${key}`);
      }
      assert.deepEqual(twin().log.all(), [], 'no request reached the twin');
      // Refused before Playwright started (in twin mode the run would have started a twin of its own, not this one).
      assert.equal(existsSync(join(profileDir, 'reports', 'summary.json')), false, 'no run, so no summary');
    });
  });
});
