/**
 * `npm run webhooks:probe` against receivers started here (tests/self/helpers/webhook-receivers.ts, written from the
 * docs, not from src/webhooks): the correct one passes every case; each broken one fails on exactly the cases that
 * expose it; a redirect is never followed; bad input and an unreachable receiver are one line and exit 2.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { cleanEnv, describeRun, runTsx, type RunResult } from '../helpers/processes.ts';
import { tempDir, type TempDir } from '../helpers/profiles.ts';
import { startReceiver, type ReceiverMode, type ReceiverProvider, type TestReceiver } from '../helpers/webhook-receivers.ts';

const HMAC_KEY = randomBytes(64).toString('base64');
const WHSEC = `whsec_${randomBytes(32).toString('base64')}`;
const SECRETS: Record<ReceiverProvider, string> = { spotdraft: HMAC_KEY, spotnana: WHSEC };
const SPOTDRAFT_CASES = ['valid', 'body-altered', 'body-reformatted', 'other-key', 'signature-missing'];
const SPOTNANA_CASES = [...SPOTDRAFT_CASES, 'timestamp-outside-tolerance', 'rotation', 'replayed-id'];

let dir: TempDir | undefined;
const receivers: TestReceiver[] = [];
before(() => {
  dir = tempDir('webhooks-probe-');
});
after(async () => {
  await Promise.all(receivers.map((r) => r.stop()));
  dir?.remove();
});

/** The probe with a uat profile given as exported variables (an empty profile folder), as CI would inject it. */
function probe(args: string[], extra: Record<string, string> = {}): Promise<RunResult> {
  return runTsx(['scripts/webhooks-probe.ts', '--env', 'uat', ...args], cleanEnv({
    CONTRACT_PROFILE_DIR: dir?.path ?? '',
    SPOTDRAFT_US_CLIENT_ID: 'probe-client-id',
    SPOTDRAFT_US_CLIENT_SECRET: 'probe-client-secret-1234',
    SPOTDRAFT_US_WEBHOOK_HMAC_KEY: HMAC_KEY,
    SPOTNANA_GLOBAL_CLIENT_ID: 'probe-client-id',
    SPOTNANA_GLOBAL_CLIENT_SECRET: 'probe-client-secret-5678',
    SPOTNANA_GLOBAL_WEBHOOK_SECRET: WHSEC,
    ...extra,
  }), 60_000);
}

async function receiver(provider: ReceiverProvider, mode: ReceiverMode): Promise<TestReceiver> {
  const started = await startReceiver(provider, mode, SECRETS[provider]);
  receivers.push(started);
  return started;
}

/** Case ids the receiver answered differently from what the probe expected, from the probes' own headers and the table. */
function failingCases(run: RunResult, rx: TestReceiver): string[] {
  const failing = run.stdout.split('\n').filter((line) => /NOT AS EXPECTED\s*$/.test(line)).length;
  const ids = rx.received.map((r) => r.probe?.replace('webhooks-probe.', '') ?? '');
  const byTitle = new Map(ids.map((id, i) => [id, i]));
  assert.equal(byTitle.size, ids.length, 'each case sent once');
  const flagged = run.stdout.split('\n').filter((line) => line.startsWith('  NOT AS EXPECTED '));
  assert.equal(flagged.length, failing, describeRun(run));
  return ids.filter((id) => {
    const r = rx.received[byTitle.get(id) ?? -1];
    const status = r?.status ?? 0;
    const accepted = status >= 200 && status < 300;
    if (id === 'valid' || id === 'rotation') return !accepted;
    if (id === 'replayed-id') return status >= 300 && status < 400;
    return accepted;
  });
}

function assertNoSecret(run: RunResult): void {
  for (const secret of Object.values(SECRETS)) {
    for (const form of [secret, secret.replace(/^whsec_/, ''), Buffer.from(secret).toString('base64')]) {
      assert.ok(!run.stdout.includes(form) && !run.stderr.includes(form), 'no secret in the output');
    }
  }
}

describe('npm run webhooks:probe', () => {
  for (const provider of ['spotdraft', 'spotnana'] as const) {
    const all = provider === 'spotdraft' ? SPOTDRAFT_CASES : SPOTNANA_CASES;

    test(`${provider}: a receiver that verifies as documented passes every case (exit 0)`, async () => {
      const rx = await receiver(provider, 'correct');
      const run = await probe(['--provider', provider, '--receiver', rx.url]);
      assert.equal(run.code, 0, describeRun(run));
      assert.deepEqual(rx.received.map((r) => r.probe), all.map((id) => `webhooks-probe.${id}`), 'every case, in order, to the given URL only');
      assert.ok(rx.received.every((r) => r.path === `/webhooks/${provider}`));
      assert.match(run.stdout, /^case\s+expected\s+got/m);
      assert.match(run.stdout, new RegExp(`${all.length}/${all.length} case\\(s\\) as expected`));
      if (provider === 'spotnana') assert.match(run.stdout, /note: replayed webhook id .* answered 200; .*cannot tell whether it was processed twice/);
      assertNoSecret(run);
    });

    test(`${provider}: a receiver that accepts everything fails every case it should refuse (exit 1)`, async () => {
      const rx = await receiver(provider, 'accept-all');
      const run = await probe(['--provider', provider, '--receiver', rx.url]);
      assert.equal(run.code, 1, describeRun(run));
      const refusals = all.filter((id) => !['valid', 'rotation', 'replayed-id'].includes(id));
      assert.deepEqual(failingCases(run, rx), refusals, describeRun(run));
      assert.match(run.stdout, /NOT AS EXPECTED signed with another key: got 200 — the receiver does not verify the signature/);
    });

    test(`${provider}: a receiver that verifies re-serialised JSON instead of the raw body fails the valid and the re-formatted delivery (exit 1)`, async () => {
      const rx = await receiver(provider, 'reserialise');
      const run = await probe(['--provider', provider, '--receiver', rx.url]);
      assert.equal(run.code, 1, describeRun(run));
      const exposed = provider === 'spotdraft' ? ['valid', 'body-reformatted'] : ['valid', 'body-reformatted', 'rotation'];
      assert.deepEqual(failingCases(run, rx), exposed, describeRun(run));
      assert.match(run.stdout, /NOT AS EXPECTED body re-formatted after signing \(same JSON\): got 200 — the receiver verifies re-serialised JSON, not the raw body/);
    });
  }

  test('a redirect is a failure of its case and is never followed', async () => {
    const rx = await receiver('spotdraft', 'redirect');
    const run = await probe(['--provider', 'spotdraft', '--receiver', rx.url]);
    assert.equal(run.code, 1, describeRun(run));
    assert.match(run.stdout, /valid delivery\s+2xx \(accept\)\s+302 redirect \(not followed to http:\/\/127\.0\.0\.1:\d+\/elsewhere\)\s+NOT AS EXPECTED/);
    assert.deepEqual(rx.received.filter((r) => r.path === '/elsewhere'), [], 'nothing sent where the redirect pointed');
  });

  test('a receiver that does not answer is a timeout in one line, exit 2, and nothing more is sent', async () => {
    const rx = await receiver('spotnana', 'silent');
    const run = await probe(['--provider', 'spotnana', '--receiver', rx.url, '--timeout-ms', '500']);
    assert.equal(run.code, 2, describeRun(run));
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
    assert.match(run.stderr.trim(), /^\[timeout\] receiver http:\/\/127\.0\.0\.1:\d+\/webhooks\/spotnana: timeout: no complete answer within 500 ms$/);
    assert.equal(rx.received.length, 1);
  });

  test('an unreachable receiver is one line naming it, exit 2', async () => {
    const rx = await receiver('spotdraft', 'correct');
    await rx.stop();
    receivers.splice(receivers.indexOf(rx), 1);
    const run = await probe(['--provider', 'spotdraft', '--receiver', rx.url]);
    assert.equal(run.code, 2, describeRun(run));
    assert.match(run.stderr.trim(), /^\[network-unreachable\] receiver http:\/\/127\.0\.0\.1:\d+\/webhooks\/spotdraft: connection refused: /);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  });

  const badInputs: [string, string[], Record<string, string>, RegExp][] = [
    ['a provider without webhooks', ['--provider', 'spreetail', '--receiver', 'https://hooks.example.com/x'], {}, /--provider Spreetail EU documents no webhooks/],
    ['no receiver', ['--provider', 'spotdraft'], {}, /--receiver is required/],
    ['http to a host that is not loopback', ['--provider', 'spotnana', '--receiver', 'http://hooks.example.com/x'], {}, /--receiver uses http:\/\/ on hooks\.example\.com: https only, unless the host is loopback/],
    ['a tolerance for a scheme without timestamps', ['--provider', 'spotdraft', '--receiver', 'https://hooks.example.com/x', '--tolerance-seconds', '60'], {}, /--tolerance-seconds does not apply to SpotDraft/],
    ['no secret in the profile', ['--provider', 'spotnana', '--receiver', 'https://hooks.example.com/x'], { SPOTNANA_GLOBAL_WEBHOOK_SECRET: '' }, /SPOTNANA_GLOBAL_WEBHOOK_SECRET is empty/],
    ['a secret that is not whsec_', ['--provider', 'spotnana', '--receiver', 'https://hooks.example.com/x'], { SPOTNANA_GLOBAL_WEBHOOK_SECRET: 'not-a-webhook-secret-value' }, /SPOTNANA_GLOBAL_WEBHOOK_SECRET is not whsec_ followed by base64/],
    ['an unknown option', ['--provider', 'spotdraft', '--receiver', 'https://hooks.example.com/x', '--follow-redirects'], {}, /\(arguments\)/],
  ];
  for (const [name, args, extra, message] of badInputs) {
    test(`bad input — ${name}: one line naming the key or option, exit 2`, async () => {
      const run = await probe(args, extra);
      assert.equal(run.code, 2, describeRun(run));
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.match(run.stderr, /^\[configuration\] /);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '', 'nothing sent, nothing printed');
      assertNoSecret(run);
    });
  }
});
