/** The budget of deliberately failing authentication attempts: the limit, its split over shards, its priority, spent before sending. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NegativeAuthBudget, shardShare, type BudgetOptions } from '../../../src/auth/negative-auth-budget.ts';
import { fileLedger, memoryLedger } from '../../../src/auth/negative-auth-ledger.ts';
import { planNegativeAuth, type NegativeAuthNeed } from '../../../src/auth/negative-auth-plan.ts';
import { AUTH_CHECKS } from '../../../src/checks/auth-checks.ts';
import { negativeAuthNeeds } from '../../../src/checks/negative-auth-needs.ts';
import { targetProfile } from '../helpers/fake-http.ts';
import { runCheck } from '../helpers/check-context.ts';

const need = (checkId: string, attempts: number, extra: Partial<NegativeAuthNeed> = {}): NegativeAuthNeed => ({ checkId, attempts, severity: 'critical', ...extra });

function budget(options: Partial<BudgetOptions> = {}): NegativeAuthBudget {
  return new NegativeAuthBudget({ enforced: true, limit: 3, needs: [need('a', 1), need('b', 1), need('c', 1), need('d', 1)], ledger: memoryLedger(), ...options });
}

describe('shardShare: the limit split over shards', () => {
  test('unsharded, the whole limit', () => {
    assert.equal(shardShare(3, null), 3);
    assert.equal(shardShare(3, { current: 1, total: 1 }), 3);
  });

  test('floor(limit / n) each, the remainder to shard 1: the shares never add up to more than the limit', () => {
    assert.deepEqual([1, 2, 3].map((current) => shardShare(3, { current, total: 3 })), [1, 1, 1]);
    assert.deepEqual([1, 2].map((current) => shardShare(3, { current, total: 2 })), [2, 1]);
    assert.deepEqual([1, 2, 3, 4].map((current) => shardShare(3, { current, total: 4 })), [3, 0, 0, 0]);
    for (const limit of [0, 1, 2, 3, 7, 100]) {
      for (const total of [1, 2, 3, 5, 8]) {
        const sum = Array.from({ length: total }, (_, i) => shardShare(limit, { current: i + 1, total })).reduce((a, b) => a + b, 0);
        assert.equal(sum, limit, `limit ${limit} over ${total} shards`);
      }
    }
  });
});

describe('planNegativeAuth: which checks get the attempts', () => {
  test('the recovery first, one unit of isolation, whole checks by severity in registration order, then more isolation', () => {
    const needs = [
      need('normal-1', 1, { severity: 'normal' }),
      need('isolation', 6, { unit: 2 }),
      need('critical-1', 1),
      need('recovery', 1, { first: true, severity: 'normal' }),
      need('critical-2', 1),
    ];
    assert.deepEqual(Object.fromEntries(planNegativeAuth(needs, 3)), { 'normal-1': 0, isolation: 2, 'critical-1': 0, recovery: 1, 'critical-2': 0 });
    assert.deepEqual(Object.fromEntries(planNegativeAuth(needs, 5)), { 'normal-1': 0, isolation: 2, 'critical-1': 1, recovery: 1, 'critical-2': 1 });
    assert.deepEqual(Object.fromEntries(planNegativeAuth(needs, 10)), { 'normal-1': 1, isolation: 6, 'critical-1': 1, recovery: 1, 'critical-2': 1 });
    assert.deepEqual(Object.fromEntries(planNegativeAuth(needs, 0)), { 'normal-1': 0, isolation: 0, 'critical-1': 0, recovery: 0, 'critical-2': 0 });
  });

  test('a check that does not fit gets nothing, and a smaller one after it still may', () => {
    assert.deepEqual(Object.fromEntries(planNegativeAuth([need('two', 2), need('one', 1)], 1)), { two: 0, one: 1 });
  });

  test('never more than the limit, never more than a check needs', () => {
    const needs = [need('r', 1, { first: true }), need('iso', 6, { unit: 2 }), need('x', 1), need('y', 1, { severity: 'normal' })];
    for (let limit = 0; limit <= 12; limit++) {
      const grants = planNegativeAuth(needs, limit);
      const total = [...grants.values()].reduce((a, b) => a + b, 0);
      assert.ok(total <= limit, `limit ${limit}: ${total}`);
      for (const n of needs) assert.ok((grants.get(n.checkId) ?? 0) <= n.attempts);
      assert.equal((grants.get('iso') ?? 0) % 2, 0, 'isolation in whole hosts');
    }
  });

  test("the catalogue's prod targets with the default 3, in live mode", () => {
    const profile = { allowProdWrites: false, preflight: false };
    const granted = (id: string) => [...planNegativeAuth(negativeAuthNeeds(targetProfile(id), profile), 3)].filter(([, n]) => n > 0).map(([c, n]) => `${c} ${n}`);
    assert.deepEqual(granted('spotdraft-us-prod'), ['host.other-hosts-reject-credentials 1', 'auth.headers-missing-client-id-rejected 1', 'auth.headers-missing-client-secret-rejected 1']);
    assert.deepEqual(granted('spreetail-eu-prod'), ['auth.login-bad-credentials-rejected 1', 'auth.tampered-token-rejected 1', 'token.reauthenticates-once-on-401 1']);
    assert.deepEqual(granted('spotnana-global-prod'), ['host.other-hosts-reject-credentials 2', 'token.reauthenticates-once-on-401 1']);
  });
});

describe('NegativeAuthBudget', () => {
  test('enforced: spends up to the check\'s grant, then refuses with a reason naming CONTRACT_PROD_NEGATIVE_AUTH_LIMIT', () => {
    const b = budget({ needs: [need('a', 1), need('b', 1), need('c', 1), need('d', 1)] });
    for (const id of ['a', 'b', 'c']) assert.deepEqual(b.forCheck(id).spend(id), { ok: true });
    const refused = b.forCheck('d').spend('d');
    assert.equal(refused.ok, false);
    assert.match(!refused.ok ? refused.reason : '', /^not sent: .*CONTRACT_PROD_NEGATIVE_AUTH_LIMIT=3/);
    assert.ok(!(!refused.ok ? refused.reason : '').includes('\n'), 'one line');
    assert.equal(b.spent, 3);
  });

  test('the limit 0 refuses everything and says so', () => {
    const refused = budget({ limit: 0 }).forCheck('a').spend('a');
    assert.deepEqual(refused, { ok: false, reason: 'not sent: CONTRACT_PROD_NEGATIVE_AUTH_LIMIT=0 allows no deliberately failing authentication attempt against prod' });
  });

  test('not enforced (twin mode, uat): counts every declared attempt, refuses none', () => {
    const b = budget({ enforced: false, needs: [need('a', 5), need('b', 5)] });
    const runs = { a: b.forCheck('a'), b: b.forCheck('b') };
    for (let i = 0; i < 5; i++) for (const run of [runs.a, runs.b]) assert.deepEqual(run.spend('x'), { ok: true });
    assert.equal(b.spent, 10);
    assert.equal(b.allowance('a'), Infinity);
  });

  test('an attempt a check did not declare is the suite\'s defect, in every mode; a repeated run is a run of its own', () => {
    for (const enforced of [true, false]) {
      const b = budget({ enforced, needs: [need('a', 1)] });
      const run = b.forCheck('a');
      run.spend('first');
      assert.throws(() => run.spend('second'), /a makes more deliberately failing authentication attempts than it declares \(1\)/);
      assert.throws(() => b.forCheck('undeclared').spend('x'), /declares \(0\)/);
      // --repeat-each: counted again where only counted; against prod the check's grant is spent.
      const again = b.forCheck('a').spend('repeated');
      assert.equal(again.ok, !enforced);
    }
  });

  test('a shard spends only its share; the reason says the shards split it', () => {
    const b = budget({ limit: 3, shard: { current: 2, total: 3 } });
    assert.equal(b.share, 1);
    assert.deepEqual(b.forCheck('a').spend('a'), { ok: true });
    assert.equal(b.allowance('b'), 0);
    const refused = b.forCheck('b').spend('b');
    assert.match(!refused.ok ? refused.reason : '', /this shard's 1 of the CONTRACT_PROD_NEGATIVE_AUTH_LIMIT=3 .* \(split over 3 shards\) are spent/);
  });

  test('a replacement worker (same ledger) continues the run\'s count: the recovery is not proved twice against prod', () => {
    const dir = mkdtempSync(join(tmpdir(), 'negative-auth-'));
    try {
      const needs = [need('recovery', 1, { first: true }), need('a', 1)];
      const first = new NegativeAuthBudget({ enforced: true, limit: 3, needs, ledger: fileLedger(dir, 'spotnana-global-prod') });
      assert.deepEqual(first.spendOutsideTest('recovery', 'unissued'), { ok: true });
      assert.deepEqual(first.takeOutsideTests(), ['unissued']);
      assert.deepEqual(first.takeOutsideTests(), [], 'reported once');
      const second = new NegativeAuthBudget({ enforced: true, limit: 3, needs, ledger: fileLedger(dir, 'spotnana-global-prod') });
      assert.equal(second.spent, 1);
      const refused = second.spendOutsideTest('recovery', 'unissued');
      assert.match(!refused.ok ? refused.reason : '', /this check's 1 of the CONTRACT_PROD_NEGATIVE_AUTH_LIMIT=3 .* spent \(by an earlier worker of this run\)/);
      assert.deepEqual(second.takeOutsideTests(), []);
      // Counted only (twin mode), a replacement worker's session proves the recovery again, and that is counted.
      const counting = new NegativeAuthBudget({ enforced: false, limit: 3, needs, ledger: fileLedger(dir, 'spotnana-global-prod') });
      assert.deepEqual(counting.spendOutsideTest('recovery', 'unissued'), { ok: true });
      assert.equal(counting.spent, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checks spend before they send', () => {
  const wrongSecret = AUTH_CHECKS.find((c) => c.id === 'auth.headers-wrong-secret-rejected');
  assert.ok(wrongSecret);
  const rejection = () => ({ status: 401, body: { detail: 'Invalid client credentials.' } });

  test('refused: the check is skipped with the reason and sends nothing', async () => {
    const negativeAuth = budget({ needs: [need('auth.headers-wrong-secret-rejected', 1)], limit: 0 });
    const run = await runCheck(wrongSecret, 'spotdraft-us-prod', rejection, { negativeAuth });
    assert.match(run.skipped ?? '', /CONTRACT_PROD_NEGATIVE_AUTH_LIMIT=0/);
    assert.equal(run.http.sent, 0);
  });

  test('granted: the attempt is spent before its request is sent', async () => {
    const ledger = memoryLedger();
    const negativeAuth = budget({ needs: [need('auth.headers-wrong-secret-rejected', 1)], ledger });
    const spentWhenSent: number[] = [];
    const run = await runCheck(wrongSecret, 'spotdraft-us-prod', () => {
      spentWhenSent.push(ledger.read().spent);
      return rejection();
    }, { negativeAuth });
    assert.equal(run.error, undefined);
    assert.deepEqual(spentWhenSent, [1]);
    assert.deepEqual(run.negativeAuthAttempts, ['our client-id with a wrong client-secret']);
  });
});
