/**
 * After the webhook runs — the preflight with every webhook fault (a wrong key fails with the workspace's key in the
 * answer it cites) and the probe against a correct and a broken receiver — the secret scan finds no webhook key or
 * secret in any report, test result or captured console output, in any encoding it covers; and it does find one
 * planted on purpose, so "no finding" is not a blind scan.
 */
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { knownSecrets } from '../../../src/config/known-secrets.ts';
import { scanForSecrets } from '../../../src/security/secret-scan.ts';
import { FAULTS } from '../../../twin/faults/catalogue.ts';
import { cleanEnv, describeRun, runTsx, useTwinAndTempDir, type RunResult } from '../helpers/processes.ts';
import { twinCredentials } from '../helpers/profiles.ts';
import { startReceiver, type TestReceiver } from '../helpers/webhook-receivers.ts';

const { twin, dir } = useTwinAndTempDir('webhook-secret-scan-');
const receivers: TestReceiver[] = [];
after(async () => Promise.all(receivers.map((r) => r.stop())));

/** Keeps a run's console output beside its reports, where the scan looks. */
function keepConsole(folder: string, run: RunResult): void {
  mkdirSync(join(folder, 'console'), { recursive: true });
  writeFileSync(join(folder, 'console', 'stdout.txt'), run.stdout);
  writeFileSync(join(folder, 'console', 'stderr.txt'), run.stderr);
}

const webhookSecrets = () => knownSecrets(ROOT_SECRETS).filter((s) => /_WEBHOOK_(HMAC_KEY|SECRET)/.test(s.name));
const ROOT_SECRETS = join(import.meta.dirname, '..', '..', '..');

describe('the secret scan after webhook runs', () => {
  test('finds no webhook key or secret after the preflight with every webhook fault and the probe against two receivers', { timeout: 240_000 }, async () => {
    const folder = join(dir().path, 'runs');
    const faults = FAULTS.filter((f) => f.family === 'preflight').map((f) => `${f.name}@${f.target}`);
    twin().setFaults(faults);
    const preflight = await runTsx(['scripts/preflight.ts', '--provider', 'spotdraft', '--provider', 'spotnana'], cleanEnv({
      CONTRACT_TWIN_PROXY: twin().proxyUrl, CONTRACT_TWIN_ADMIN_URL: twin().adminUrl, NODE_EXTRA_CA_CERTS: twin().caFile,
      CONTRACT_REPORTS_DIR: join(folder, 'preflight', 'reports'), CONTRACT_OUTPUT_DIR: join(folder, 'preflight', 'test-results'),
    }), 200_000);
    twin().setFaults([]);
    keepConsole(join(folder, 'preflight'), preflight);
    assert.equal(preflight.code, 1, describeRun(preflight));
    assert.match(preflight.stdout, /FAIL spotdraft-eu-prod webhook secret/);

    for (const [provider, mode, target] of [['spotdraft', 'correct', 'spotdraft-us-prod'], ['spotnana', 'accept-all', 'spotnana-global-uat']] as const) {
      const environment = target.endsWith('-prod') ? 'prod' : 'uat';
      const secret = twinCredentials(environment)[provider === 'spotdraft' ? 'SPOTDRAFT_US_WEBHOOK_HMAC_KEY' : 'SPOTNANA_GLOBAL_WEBHOOK_SECRET'] ?? '';
      const rx = await startReceiver(provider, mode, secret);
      receivers.push(rx);
      const run = await runTsx(['scripts/webhooks-probe.ts', '--provider', provider, '--target', target, '--receiver', rx.url], cleanEnv(), 60_000);
      keepConsole(join(folder, `probe-${provider}-${mode}`), run);
      assert.equal(run.code, mode === 'correct' ? 0 : 1, describeRun(run));
    }

    const secrets = webhookSecrets();
    assert.ok(secrets.length >= 10, `the scan knows the webhook secrets of both twin profiles (${secrets.length})`);
    const result = scanForSecrets([folder], knownSecrets(ROOT_SECRETS), folder);
    assert.ok(result.filesScanned > 5, `${result.filesScanned} files scanned`);
    assert.deepEqual(result.findings, []);
  });

  test('finds a webhook key planted in an artifact (the scan is not blind to them)', () => {
    const folder = join(dir().path, 'planted');
    const key = twinCredentials('prod').SPOTDRAFT_EU_WEBHOOK_HMAC_KEY ?? '';
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'attachment.json'), JSON.stringify({ body: JSON.stringify({ hmac_key: key }) }));
    const { findings } = scanForSecrets([folder], webhookSecrets(), folder);
    assert.deepEqual(findings.map((f) => f.secret), ['SPOTDRAFT_EU_WEBHOOK_HMAC_KEY (twin-prod.env)']);
  });
});
