import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RateLimiter } from '../../../src/http/rate-limiter.ts';

/** A limiter on a fake clock: sleeping moves time, nothing waits for real. */
function fakeLimiter(limit: number, windowMs: number) {
  let now = 0;
  const limiter = new RateLimiter(limit, windowMs, () => now, async (ms) => {
    now += ms;
  });
  return { limiter, clock: { get now() { return now; }, advance: (ms: number) => (now += ms) } };
}

test('request n+limit waits until windowMs after request n answered', async () => {
  const { limiter, clock } = fakeLimiter(3, 1_000);
  const sent: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    const done = await limiter.acquire();
    sent.push(clock.now);
    clock.advance(50); // the round trip
    done();
  }
  // Answers at 50, 100, 150; the 4th may go at 1050, 5th at 1100, 6th at 1150 (their answers at 1100, 1150, 1200), 7th at 2100.
  assert.deepEqual(sent, [0, 50, 100, 1050, 1100, 1150, 2100]);
  assert.equal(limiter.waitedMs, 900 + 900);
});

test('no limit+1 requests ever fall in one window, whatever the arrival delay', async () => {
  const { limiter, clock } = fakeLimiter(10, 1_000);
  const windows: [number, number][] = [];
  for (let i = 0; i < 40; i += 1) {
    const done = await limiter.acquire();
    const sentAt = clock.now;
    const roundTrip = 5 + ((i * 37) % 90);
    clock.advance(roundTrip);
    windows.push([sentAt, clock.now]);
    done();
  }
  // Any arrival time lies in [sent, answered]: the earliest possible arrival of request n+10 is after the latest of n.
  for (let n = 0; n + 10 < windows.length; n += 1) {
    assert.ok(windows[n + 10]![0] - windows[n]![1] >= 1_000, `requests ${n} and ${n + 10} could arrive within one second`);
  }
});

test('a request in flight holds its slot until it answers', async () => {
  const { limiter } = fakeLimiter(1, 1_000);
  const first = await limiter.acquire();
  let second = false;
  const pending = limiter.acquire().then(() => (second = true));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(second, false);
  first();
  await pending;
  assert.equal(second, true);
});
