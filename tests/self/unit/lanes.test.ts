/**
 * The run's lanes (src/lanes/): how many worker processes Playwright runs for how many lanes, and the coordinator's
 * promises: no more lanes held, nor boots under way, than there are lanes; a lane freed when its holder goes, however.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { describe, test } from 'node:test';
import { laneForThisWorker, LANE_SERVER_ENV } from '../../../src/lanes/lane-client.ts';
import { GRANTED, startLaneServer, type LaneServer } from '../../../src/lanes/lane-server.ts';
import { planWorkers } from '../../../src/lanes/worker-plan.ts';
import { BOOT_GATE_PRELOAD } from '../../../src/startup/preload-options.ts';

describe('the worker plan', () => {
  test('one process waits ahead per lane, never more processes than targets', () => {
    assert.deepEqual(planWorkers({ lanes: 4, targets: 12, argv: ['test'] }), { processes: 8, lanes: 4 });
    assert.deepEqual(planWorkers({ lanes: 4, targets: 6, argv: ['test'] }), { processes: 6, lanes: 4 });
    assert.deepEqual(planWorkers({ lanes: 1, targets: 12, argv: ['test'] }), { processes: 2, lanes: 1 });
  });

  test('as many lanes as targets, or --workers on the command line: Playwright\'s own scheduling, no coordinator', () => {
    assert.deepEqual(planWorkers({ lanes: 12, targets: 12, argv: ['test'] }), { processes: 12, lanes: undefined });
    for (const argv of [['test', '--workers', '6'], ['test', '--workers=6'], ['test', '-j', '2'], ['test', '-j=50%']]) {
      assert.equal(planWorkers({ lanes: 4, targets: 12, argv }).lanes, undefined, argv.join(' '));
    }
  });
});

/** A client of `server` that asked for `phase`; `granted` resolves when the coordinator grants it. */
function ask(server: LaneServer, phase: 'boot' | 'lane', pid: number): { socket: net.Socket; granted: Promise<void>; isGranted: () => boolean } {
  const [host, port] = server.address.split(':');
  const socket = net.connect({ host, port: Number(port) }, () => socket.write(`${phase} ${pid}\n`));
  let done = false;
  const granted = new Promise<void>((resolve) => socket.on('data', (chunk) => {
    if (chunk.toString('latin1').includes(GRANTED)) {
      done = true;
      resolve();
    }
  }));
  return { socket, granted, isGranted: () => done };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('the lane coordinator', () => {
  test('grants at most its lanes; a lane is freed when its holder\'s connection closes, and goes to the next in line', async () => {
    const server = await startLaneServer(2);
    try {
      const clients = [1, 2, 3].map((pid) => ask(server, 'lane', pid));
      await Promise.all([clients[0]!.granted, clients[1]!.granted]);
      await settle();
      assert.equal(clients[2]!.isGranted(), false, 'a third worker waits while two hold the lanes');
      clients[0]!.socket.destroy();
      await clients[2]!.granted;
      for (const c of clients) c.socket.destroy();
    } finally {
      server.close();
    }
  });

  test('boots at most as many workers at once as there are lanes; a boot ends when its worker asks for its lane', async () => {
    const server = await startLaneServer(1);
    try {
      const first = ask(server, 'boot', 101);
      const second = ask(server, 'boot', 102);
      await first.granted;
      await settle();
      assert.equal(second.isGranted(), false, 'the second worker waits to boot');
      const lane = ask(server, 'lane', 101);
      await Promise.all([lane.granted, second.granted]);
      for (const c of [first, second, lane]) c.socket.destroy();
    } finally {
      server.close();
    }
  });

  test('workers that will wait ahead boot one at a time, and only once the lanes\' own boots are done', async () => {
    const server = await startLaneServer(2);
    try {
      const boots = [301, 302, 303, 304].map((pid) => ask(server, 'boot', pid));
      await Promise.all([boots[0]!.granted, boots[1]!.granted]);
      await settle();
      assert.deepEqual(boots.map((b) => b.isGranted()), [true, true, false, false], 'two boot for the two lanes; the rest wait');
      const firstLane = ask(server, 'lane', 301);
      await firstLane.granted;
      await settle();
      assert.equal(boots[2]!.isGranted(), false, 'no boot ahead while a lane\'s worker is still booting');
      const secondLane = ask(server, 'lane', 302);
      await Promise.all([secondLane.granted, boots[2]!.granted]);
      await settle();
      assert.equal(boots[3]!.isGranted(), false, 'one boot ahead at a time');
      const waitingLane = ask(server, 'lane', 303);
      await boots[3]!.granted;
      await settle();
      assert.equal(waitingLane.isGranted(), false, 'both lanes are held');
      for (const c of [...boots, firstLane, secondLane, waitingLane]) c.socket.destroy();
    } finally {
      server.close();
    }
  });

  test('a worker that dies while booting frees its boot place', async () => {
    const server = await startLaneServer(1);
    try {
      const first = ask(server, 'boot', 201);
      await first.granted;
      const second = ask(server, 'boot', 202);
      first.socket.destroy();
      await second.granted;
      second.socket.destroy();
    } finally {
      server.close();
    }
  });
});

describe('a worker\'s side', () => {
  test('the runner, and a run without a coordinator, never wait', async () => {
    await laneForThisWorker({ [LANE_SERVER_ENV]: '127.0.0.1:9' });
    await laneForThisWorker({ TEST_WORKER_INDEX: '0' });
  });

  test('an unreachable coordinator is one line naming it, not a hang', async () => {
    const server = await startLaneServer(1);
    server.close();
    await assert.rejects(laneForThisWorker({ TEST_WORKER_INDEX: '0', [LANE_SERVER_ENV]: server.address }),
      (error: Error) => error.message.startsWith(`[configuration] the run's lane coordinator at ${server.address}`) && !error.message.includes('\n'));
  });

  test('the boot gate does nothing outside a Playwright worker', () => {
    const run = spawnSync(process.execPath, ['--import', BOOT_GATE_PRELOAD, '-e', 'console.log("ran")'], {
      env: { ...process.env, [LANE_SERVER_ENV]: '127.0.0.1:9' }, encoding: 'utf8', timeout: 10_000,
    });
    assert.equal(run.stdout.trim(), 'ran', run.stderr);
  });
});
