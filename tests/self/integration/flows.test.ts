/**
 * The round trips leave no trace: uat runs through a standalone twin (state survives between runs), its records
 * read from the admin API; then a run killed in the middle of a flow, and `npm run sweep` finding and removing what
 * it left.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TwinRecord } from '../../../twin/types.ts';
import { ROOT, TSX_CLI } from '../helpers/paths.ts';
import { cleanEnv, describeRun, parseExportFile, readSummary, runContracts, runTsx, startTwinCli, type RunningTwinCli } from '../helpers/processes.ts';
import { tempDir } from '../helpers/profiles.ts';

const dir = tempDir('contracts-flows-');
after(() => dir.remove());

interface LiveTwin {
  cli: RunningTwinCli;
  env: Record<string, string>;
  records(): Promise<TwinRecord[]>;
}

async function liveTwin(name: string, settings: Record<string, string> = {}): Promise<LiveTwin> {
  const outDir = join(dir.path, name);
  const cli = await startTwinCli(outDir, 60_000, settings);
  // Credentials from the environment alone (an empty profile folder), as a live run behind a proxy takes them.
  const env: Record<string, string> = { ...parseExportFile(readFileSync(join(outDir, 'uat.env'), 'utf8')), CONTRACT_PROFILE_DIR: join(dir.path, 'no-profile') };
  const records = async () => (await (await fetch(`${env.CONTRACT_TWIN_ADMIN_URL}/records`)).json()) as TwinRecord[];
  return { cli, env, records };
}

const SPOTDRAFT_UAT = ['spotdraft-eu-uat', 'spotdraft-in-uat', 'spotdraft-me-uat', 'spotdraft-us-uat'];

describe('uat runs leave no trace but the one counter party each SpotDraft workspace owns', () => {
  let twin: LiveTwin | undefined;
  before(async () => {
    twin = await liveTwin('twin-runs');
  });
  after(async () => twin?.cli.stop());

  test('two full uat runs in a row: one owned counter party per workspace in all, no user left, one marked order per run', { timeout: 400_000 }, async () => {
    assert.ok(twin);
    for (const night of [1, 2]) {
      const out = join(dir.path, `run-${night}`);
      const run = await runContracts(cleanEnv(twin.env), out);
      assert.equal(run.code, 0, describeRun(run));
      const flows = readSummary(out).targets.flatMap((t) => t.checks.filter((c) => c.family === 'flow').map((c) => `${t.target} ${c.id} ${c.status}`));
      assert.equal(flows.length, 6, `every uat target ran its round trip:\n${flows.join('\n')}`);

      const records = await twin.records();
      const counterParties = records.filter((r) => r.kind === 'counter-party');
      assert.deepEqual(counterParties.map((r) => r.target).sort(), SPOTDRAFT_UAT, `night ${night}: exactly one counter party per SpotDraft workspace, created on the first night only`);
      assert.ok(counterParties.every((r) => r.label === 'contract-suite-owned'), 'the one left is the owned one');
      assert.deepEqual(records.filter((r) => r.kind === 'user'), [], `night ${night}: every Spotnana user the run created was deleted`);
      // Spreetail documents no delete: its order stays, marked, one per night (the flow's; no other check creates one).
      const orders = records.filter((r) => r.kind === 'order');
      assert.equal(orders.length, night, `night ${night}: one order per night`);
      assert.ok(orders.every((r) => /^CONTRACT-SUITE-\d{8}T\d{6}Z-[0-9A-F]{8}$/.test(r.label)), 'each order carries the mark');
    }
  });
});

describe('a run killed in the middle of a flow, then the sweep', () => {
  let twin: LiveTwin | undefined;
  // Slow answers leave time to kill the run between the create and the delete.
  before(async () => {
    twin = await liveTwin('twin-crash', { TWIN_LATENCY_MS: '700' });
  });
  after(async () => twin?.cli.stop());

  /** Runs the Spotnana flow and kills the whole process group once the twin holds the user it created. */
  async function crashMidFlow(live: LiveTwin): Promise<void> {
    const child = spawn(process.execPath, [TSX_CLI, 'scripts/contracts.ts', '--project', 'spotnana-global-uat', '--grep', '@flow'], {
      cwd: ROOT, detached: true, stdio: 'ignore',
      env: cleanEnv({ ...live.env, CONTRACT_REPORTS_DIR: join(dir.path, 'crash', 'reports'), CONTRACT_OUTPUT_DIR: join(dir.path, 'crash', 'tr') }),
    });
    const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
    const deadline = Date.now() + 120_000;
    while ((await live.records()).filter((r) => r.kind === 'user').length === 0) {
      assert.ok(Date.now() < deadline, 'the flow created its user within two minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await exited;
  }

  const sweep = (live: LiveTwin, args: string[]) => runTsx(['scripts/sweep.ts', ...args], cleanEnv(live.env), 120_000);

  test('sweep --dry-run lists exactly the leftover; the sweep removes it and nothing unmarked', { timeout: 300_000 }, async () => {
    assert.ok(twin);
    await crashMidFlow(twin);
    const left = (await twin.records()).filter((r) => r.kind === 'user');
    assert.equal(left.length, 1, 'the killed flow left its user');
    const leftover = left[0];
    assert.ok(leftover);

    const dry = await sweep(twin, ['--dry-run', '--provider', 'spotnana']);
    assert.equal(dry.code, 0, describeRun(dry));
    const wouldRemove = dry.stdout.split('\n').filter((line) => line.startsWith('spotnana-global-uat') && line.includes('would be removed'));
    assert.deepEqual(wouldRemove.map((line) => line.includes(leftover.label) && line.includes(leftover.id)), [true], `exactly the leftover is listed:\n${dry.stdout}`);
    assert.equal((await twin.records()).filter((r) => r.kind === 'user').length, 1, 'a dry run removes nothing');

    const young = await sweep(twin, ['--older-than', '1h', '--provider', 'spotnana']);
    assert.equal(young.code, 0, describeRun(young));
    assert.match(young.stdout, /kept: younger than --older-than/, 'a record younger than --older-than is kept');
    assert.equal((await twin.records()).filter((r) => r.kind === 'user').length, 1);

    const real = await sweep(twin, ['--provider', 'spotnana']);
    assert.equal(real.code, 0, describeRun(real));
    assert.match(real.stdout, new RegExp(`${leftover.label}.*removed`));
    assert.deepEqual((await twin.records()).filter((r) => r.kind === 'user'), [], 'the leftover is gone');

    // The seeded users carry no mark: still all there.
    const again = await sweep(twin, ['--dry-run']);
    assert.equal(again.code, 0, describeRun(again));
    assert.match(again.stdout, /spotnana-global-uat\s+-\s+-\s+nothing of the suite found/);
    assert.match(again.stdout, /spreetail-eu-uat .*not searchable/);
  });

  test('a bad option is one configuration line, exit 2, and nothing is sent', { timeout: 60_000 }, async () => {
    assert.ok(twin);
    const before_ = (await (await fetch(`${twin.env.CONTRACT_TWIN_ADMIN_URL}/log`)).json()) as unknown[];
    for (const args of [['--older-than', 'yesterday'], ['--env', 'staging'], ['--provider', 'acme']]) {
      const run = await sweep(twin, args);
      assert.equal(run.code, 2, describeRun(run));
      assert.equal(run.stderr.trim().split('\n').length, 1, `one line: ${run.stderr}`);
      assert.match(run.stderr, new RegExp(`\\[configuration\\] command line: ${args[0]}`));
    }
    const after_ = (await (await fetch(`${twin.env.CONTRACT_TWIN_ADMIN_URL}/log`)).json()) as unknown[];
    assert.equal(after_.length, before_.length, 'no request reached the twin');
  });
});
