/** The twin's timing and rate-limit knobs: env parsing with one-line errors, option validation, the rolling window. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Latency } from '../../../twin/latency.ts';
import { createSpotdraftTwin } from '../../../twin/providers/index.ts';
import { ConfigError } from '../../../src/config/config-error.ts';
import { checkTwinEnv, TwinSettingError, twinSettingsFromEnv } from '../../../twin/settings-env.ts';
import { Throttle } from '../../../twin/throttle.ts';
import type { TwinContext, TwinRequest } from '../../../twin/types.ts';

describe('twin settings from the environment', () => {
  test('unset or empty: nothing, so startTwin keeps its defaults', () => {
    assert.deepEqual(twinSettingsFromEnv({}), {});
    assert.deepEqual(twinSettingsFromEnv({ TWIN_LATENCY_MS: '' }), {});
  });

  test('whole milliseconds and a rate limit', () => {
    assert.deepEqual(
      twinSettingsFromEnv({ TWIN_LATENCY_MS: '80', TWIN_LATENCY_JITTER_MS: '20', TWIN_CONNECTION_LATENCY_MS: '160', TWIN_SPOTDRAFT_RATE_LIMIT: '10' }),
      { latencyMs: 80, jitterMs: 20, connectionLatencyMs: 160, rateLimitPerSecond: 10 },
    );
  });

  for (const [env, key] of [
    [{ TWIN_LATENCY_MS: 'fast' }, 'TWIN_LATENCY_MS'],
    [{ TWIN_LATENCY_MS: '-5' }, 'TWIN_LATENCY_MS'],
    [{ TWIN_LATENCY_MS: '10', TWIN_LATENCY_JITTER_MS: '1e3' }, 'TWIN_LATENCY_JITTER_MS'],
    [{ TWIN_CONNECTION_LATENCY_MS: '2.5' }, 'TWIN_CONNECTION_LATENCY_MS'],
    [{ TWIN_SPOTDRAFT_RATE_LIMIT: 'ten' }, 'TWIN_SPOTDRAFT_RATE_LIMIT'],
    [{ TWIN_LATENCY_MS: '10', TWIN_LATENCY_JITTER_MS: '20' }, 'TWIN_LATENCY_JITTER_MS'],
  ] as const) {
    test(`${JSON.stringify(env)}: one line naming ${key}`, () => {
      assert.throws(() => twinSettingsFromEnv(env), (error: Error) => {
        assert.ok(error instanceof TwinSettingError);
        assert.ok(error.message.startsWith(key), error.message);
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    });
  }

  for (const [env, key] of [
    [{ TWIN_FAULTS: 'spotdraft-no-such-fault' }, 'TWIN_FAULTS'],
    [{ TWIN_FAULTS: 'network-500@spotdraft-xx-uat' }, 'TWIN_FAULTS'],
    [{ TWIN_LATENCY_MS: 'fast' }, 'TWIN_LATENCY_MS'],
  ] as const) {
    test(`before a run: ${JSON.stringify(env)} is a configuration error naming ${key}`, () => {
      assert.throws(() => checkTwinEnv(env), (error: Error) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.key, key);
        assert.ok(!error.message.includes('\n'));
        return true;
      });
    });
  }

  test('before a run: the knobs of a twin the run does not start (live mode, or the user\'s own twin) are not its business', () => {
    assert.doesNotThrow(() => checkTwinEnv({ CONTRACT_TWIN_PROXY: 'http://127.0.0.1:9', TWIN_LATENCY_MS: 'slow', TWIN_FAULTS: 'no-such-fault' }));
    assert.doesNotThrow(() => checkTwinEnv({ CONTRACT_ENV: 'uat', TWIN_FAULTS: 'no-such-fault' }));
  });

  test('before a run: known faults and sane knobs pass', () => {
    assert.doesNotThrow(() => checkTwinEnv({ TWIN_FAULTS: 'network-500@spotdraft-us-uat,spotdraft-wrong-secret-accepted', TWIN_LATENCY_MS: '80' }));
  });

  test('options are checked too: negative or jitter above latency', () => {
    assert.throws(() => new Latency({ latencyMs: -1, jitterMs: 0, connectionLatencyMs: 0 }), RangeError);
    assert.throws(() => new Latency({ latencyMs: 10, jitterMs: 11, connectionLatencyMs: 0 }), RangeError);
    assert.throws(() => new Throttle(-1), RangeError);
  });

  test('delays stay within latency ± jitter; the connection cost is paid once per connection', () => {
    const extremes = [0, 0.999999];
    const latency = new Latency({ latencyMs: 100, jitterMs: 30, connectionLatencyMs: 50 }, () => extremes.shift() ?? 0.5);
    const connection = {};
    assert.deepEqual([latency.delayFor(connection), latency.delayFor(connection), latency.delayFor(connection)], [120, 130, 100]);
  });
});

describe('the rolling one-second window', () => {
  const spotdraft = createSpotdraftTwin();
  const ctx = {
    accounts: [{ targetId: 'spotdraft-us-uat', provider: 'spotdraft', region: 'us', environment: 'uat', host: 'api.us.spotdraft.com', clientId: 'id-1', clientSecret: 's' }],
  } as unknown as TwinContext;
  const request = (clientId?: string) =>
    ({ host: 'api.us.spotdraft.com', headers: clientId ? { 'client-id': clientId } : {} }) as unknown as TwinRequest;

  test('3 per second: the 4th within the window waits until the oldest leaves it; refusals do not count', () => {
    let now = 0;
    const throttle = new Throttle(3, () => now);
    for (const t of [0, 100, 200]) {
      now = t;
      assert.equal(throttle.refusal(spotdraft, request('id-1'), ctx), undefined);
    }
    now = 300;
    const refused = throttle.refusal(spotdraft, request('id-1'), ctx);
    assert.equal(refused?.status, 429);
    assert.equal(refused?.headers?.['retry-after'], '1');
    now = 1_000.5;
    assert.equal(throttle.refusal(spotdraft, request('id-1'), ctx), undefined, 'the request at 0 left the window');
    assert.equal(throttle.refusal(spotdraft, request('id-1'), ctx)?.status, 429);
  });

  test('unknown or absent client-id: not limited; 0: off', () => {
    const throttle = new Throttle(1, () => 0);
    for (let i = 0; i < 3; i += 1) {
      assert.equal(throttle.refusal(spotdraft, request('unknown'), ctx), undefined);
      assert.equal(throttle.refusal(spotdraft, request(), ctx), undefined);
    }
    const off = new Throttle(0, () => 0);
    for (let i = 0; i < 20; i += 1) assert.equal(off.refusal(spotdraft, request('id-1'), ctx), undefined);
  });
});
