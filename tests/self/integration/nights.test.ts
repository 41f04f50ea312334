/**
 * Nights, not runs: a run that selects nothing is never green and never stale; known issues with an expiry; latency
 * budgets; what changed since last night; and the message notify posts when it changed. One target (Spreetail prod)
 * against the twin keeps each run short.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodingsOf } from '../../../src/http/redact.ts';
import type { Summary } from '../../../src/report/summary-reporter.ts';
import { cleanEnv, describeRun, readSummary, runContracts, runTsx } from '../helpers/processes.ts';
import { tempDir } from '../helpers/profiles.ts';
import { ROOT } from '../helpers/paths.ts';

const dir = tempDir('contracts-nights-');
after(() => dir.remove());

const TARGET = 'spreetail-eu-prod';
const knownFile = join(dir.path, 'known-issues.json');

function knownIssue(until: string): void {
  writeFileSync(knownFile, JSON.stringify({
    issues: [{
      check: 'schema.inventory.list', targets: 'spreetail-*-prod', category: 'schema-drift', message: 'SKU',
      ticket: 'https://partners.example/tickets/SPR-42', reason: 'Spreetail drops the SKU of some items; reported, fix promised', until,
    }],
  }));
}

const run = (out: string, env: Record<string, string> = {}, args: string[] = []) =>
  runContracts(cleanEnv({ CONTRACT_KNOWN_ISSUES: knownFile, ...env }), join(dir.path, out), 280_000, ['--project', TARGET, ...args]);

const checkOf = (summary: Summary, id: string) => summary.targets.flatMap((t) => t.checks).find((c) => c.id === id);

describe('a run that ran nothing is never green, and never stale', () => {
  test('after a green run, each selection that matches nothing is one line, exit 2, and leaves no summary', { timeout: 300_000 }, async () => {
    knownIssue('2099-01-01');
    const green = await run('select', {}, ['--grep', '@host']);
    assert.equal(green.code, 0, describeRun(green));
    const summaryFile = join(dir.path, 'select', 'reports', 'summary.json');
    assert.ok(existsSync(summaryFile));
    for (const [args, names] of [
      [['--project', 'spotdraft-xx-prod'], /--project "spotdraft-xx-prod" matches no target/],
      [['--grep', '@no-such-family'], /--grep "@no-such-family" selects no check/],
      [['--shard=4/3'], /--shard "4\/3" must be i\/n/],
      [['--project', TARGET, '--grep', '@host', '--shard=9/9'], /--shard "9\/9" selects no check/],
    ] as const) {
      const nothing = await runContracts(cleanEnv({ CONTRACT_KNOWN_ISSUES: knownFile }), join(dir.path, 'select'), 120_000, [...args]);
      assert.equal(nothing.code, 2, `${args.join(' ')}: ${describeRun(nothing)}`);
      assert.equal(nothing.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line, no stack trace:\n${nothing.stderr}`);
      assert.match(nothing.stderr, /^\[configuration\] command line: /);
      assert.match(nothing.stderr, names);
      assert.doesNotMatch(nothing.stdout, /passed/, 'no total printed, least of all an earlier run\'s');
      assert.ok(!existsSync(summaryFile), `${args.join(' ')}: the earlier run's summary is gone`);
    }
  });
});

describe('known issues', () => {
  test('a failure matching a known issue is known and the run exits 0; past its date, or beside another failure, exit 1', { timeout: 300_000 }, async () => {
    knownIssue('2099-01-01');
    const known = await run('known', { TWIN_FAULTS: 'spreetail-inventory-sku-missing' }, ['--grep', '@schema']);
    assert.equal(known.code, 0, describeRun(known));
    const summary = readSummary(join(dir.path, 'known'));
    assert.equal(summary.verdict, 'green');
    assert.equal(summary.totals.known, 1);
    assert.equal(summary.totals.failed, 0);
    assert.equal(checkOf(summary, 'schema.inventory.list')?.status, 'known');
    assert.equal(checkOf(summary, 'schema.inventory.list')?.knownIssue?.ticket, 'https://partners.example/tickets/SPR-42');
    assert.match(known.stdout, /known issue https:\/\/partners\.example\/tickets\/SPR-42/);

    knownIssue('2020-01-01');
    const expired = await run('expired', { TWIN_FAULTS: 'spreetail-inventory-sku-missing' }, ['--grep', '@schema']);
    assert.equal(expired.code, 1, describeRun(expired));
    const expiredCheck = checkOf(readSummary(join(dir.path, 'expired')), 'schema.inventory.list');
    assert.equal(expiredCheck?.status, 'failed');
    assert.equal(expiredCheck?.knownIssue?.expired, true);
    assert.match(expired.stdout, /expired after 2020-01-01/);

    knownIssue('2099-01-01');
    const beside = await run('beside', { TWIN_FAULTS: 'spreetail-inventory-sku-missing,spreetail-login-client-id-number' }, ['--grep', '@schema']);
    assert.equal(beside.code, 1, describeRun(beside));
    const besideSummary = readSummary(join(dir.path, 'beside'));
    assert.equal(checkOf(besideSummary, 'schema.inventory.list')?.status, 'known');
    assert.equal(checkOf(besideSummary, 'schema.auth.login')?.status, 'failed', 'a failure beside a known one is never known');
  });

  test('a known issue whose check passes is listed for removal; a file that is not valid is one line naming the key', { timeout: 300_000 }, async () => {
    knownIssue('2099-01-01');
    const fixed = await run('fixed', {}, ['--grep', '@schema']);
    assert.equal(fixed.code, 0, describeRun(fixed));
    assert.deepEqual(readSummary(join(dir.path, 'fixed')).knownIssues.noLongerFailing.map((i) => i.ticket), ['https://partners.example/tickets/SPR-42']);
    assert.match(fixed.stdout, /no longer fails: remove it/);

    writeFileSync(knownFile, JSON.stringify({ issues: [{ check: 'schema.inventory.list', targets: '*', category: 'schema-drift', message: 'x', ticket: 'https://t.example/1', reason: 'r', until: 'next week' }] }));
    const bad = await run('bad-file');
    assert.equal(bad.code, 2, describeRun(bad));
    assert.match(bad.stderr.trim(), /^\[configuration\] .*known-issues\.json: \/issues\/0\/until must match format "date"$/);
  });
});

describe('latency budgets', () => {
  test('answers slower than the budget pass as degraded, with p50/p95/max per target; --strict fails them', { timeout: 300_000 }, async () => {
    knownIssue('2099-01-01');
    const slow = { TWIN_LATENCY_MS: '300', CONTRACT_LATENCY_BUDGET_MS: '150' };
    const degraded = await run('slow', slow, ['--grep', '@schema']);
    assert.equal(degraded.code, 0, describeRun(degraded));
    const summary = readSummary(join(dir.path, 'slow'));
    assert.ok(summary.totals.degraded > 0, 'degraded checks are counted');
    const first = summary.targets[0]?.checks.find((c) => c.degraded);
    assert.match(first?.degraded ?? '', /^(GET|POST) api\.spreetaileu\.com \/\S+ took \d+ ms \(budget 150 ms\)$/);
    const latency = summary.targets[0]?.latency;
    assert.ok(latency && latency.p50 >= 300 && latency.p95 >= latency.p50 && latency.max >= latency.p95, JSON.stringify(latency));
    assert.match(degraded.stdout, /⚠ degraded spreetail-eu-prod: /);

    const strict = await run('slow-strict', slow, ['--grep', '@schema', '--strict']);
    assert.equal(strict.code, 1, describeRun(strict));
    const failed = readSummary(join(dir.path, 'slow-strict')).targets[0]?.checks.filter((c) => c.status === 'failed') ?? [];
    assert.ok(failed.length > 0 && failed.every((c) => c.category === 'slow'), JSON.stringify(failed.map((c) => c.reason)));
  });
});

describe('since last night, and a message when it matters', () => {
  let receiver: Server | undefined;
  const posted: string[] = [];
  let url = '';
  before(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        posted.push(body);
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver?.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks/contracts`;
  });
  after(() => receiver?.close());

  const notify = (out: string) => runTsx(['scripts/notify.ts', '--summary', join(dir.path, out, 'reports', 'summary.json'), '--title', 'Nightly contracts · prod', '--report-url', 'https://ci.example/run/1'], cleanEnv({ CONTRACTS_WEBHOOK_URL: url }), 60_000);

  test('night 2 changes the fault: the new failure is new, the old one fixed; one message, none on an unchanged night 3', { timeout: 400_000 }, async () => {
    writeFileSync(knownFile, JSON.stringify({ issues: [] }));
    const history = join(dir.path, 'nights', 'reports', 'history.jsonl');
    const night = (faults: string) => run('nights', { TWIN_FAULTS: faults }, ['--grep', '@schema']);

    assert.equal((await night('spreetail-login-client-id-number')).code, 1);
    assert.ok(existsSync(history), 'the first night is in the history');
    const second = await night('spreetail-inventory-sku-missing');
    assert.equal(second.code, 1, describeRun(second));
    const summary = readSummary(join(dir.path, 'nights'));
    assert.equal(summary.nights.compared, 1);
    assert.equal(summary.nights.lastNight?.verdict, 'red');
    assert.deepEqual(checkOf(summary, 'schema.inventory.list')?.night, { state: 'new' });
    assert.deepEqual(summary.nights.fixed, [{ target: TARGET, check: 'schema.auth.login' }]);
    const markdown = await runTsx(['scripts/summary-markdown.ts', join(dir.path, 'nights', 'reports', 'summary.json')], cleanEnv(), 60_000);
    assert.match(markdown.stdout, /`schema\.inventory\.list` · \*\*new\*\*/);
    assert.match(markdown.stdout, /Fixed since last night \(1\):\n\n- `spreetail-eu-prod` · `schema\.auth\.login`/);

    const told = await notify('nights');
    assert.equal(told.code, 0, describeRun(told));
    assert.equal(posted.length, 1, 'one message for the changed night');
    const message = JSON.parse(posted[0] ?? '{}') as { text: string };
    assert.match(message.text, /\[new\] spreetail-eu-prod: \[schema-drift\] spreetail-eu-prod: GET \/inventory/);
    assert.match(message.text, /Fixed since last night: spreetail-eu-prod schema\.auth\.login/);
    assert.match(message.text, /Report: https:\/\/ci\.example\/run\/1/);
    assert.doesNotMatch(told.stdout + told.stderr, /hooks\/contracts/, 'the webhook URL is never printed');
    const secrets = readFileSync(join(ROOT, 'env', 'twin-prod.env'), 'utf8').split('\n').filter((l) => l.includes('_CLIENT_SECRET=')).map((l) => l.split('=')[1] ?? '');
    for (const secret of secrets) for (const form of encodingsOf(secret)) assert.ok(!posted[0]?.includes(form), 'no secret in the message, in any encoding');

    const third = await night('spreetail-inventory-sku-missing');
    assert.equal(third.code, 1);
    assert.deepEqual(checkOf(readSummary(join(dir.path, 'nights')), 'schema.inventory.list')?.night?.state, 'persisting');
    const quiet = await notify('nights');
    assert.equal(quiet.code, 0, describeRun(quiet));
    assert.match(quiet.stdout, /nothing posted/);
    assert.equal(posted.length, 1, 'nothing posted on a night like the last');
  });
});
