/**
 * The run's lanes: how many targets are checked at once (CONTRACT_WORKERS). Playwright starts a project's worker only
 * when a slot is free and the slot's previous worker has exited, so every change of target put a process boot on the
 * critical path. The config asks Playwright for more worker processes than lanes (worker-plan.ts); each worker boots
 * and loads its checks ahead, then waits here for a lane before its first request (lane-client.ts).
 *
 * Two phases per worker, each a line on its own connection, answered by one byte when granted:
 * - `boot <pid>`, from the worker's preload (boot-gate.mjs), before Playwright loads. A worker that will find a lane
 *   free boots at once, up to `lanes` of them; a worker that will wait ahead boots only when no other boot is under
 *   way, one at a time: a boot is ~1 s of CPU, and the lanes' checks must not queue behind it for the cores. The
 *   boot ends when the same pid asks for its lane.
 * - `lane <pid>`: at most `lanes` workers hold one, in the order they asked. It is freed when its connection closes:
 *   when the worker exits, however it exits.
 */
import net from 'node:net';

export interface LaneServer {
  /** `host:port` on loopback, for the workers (CONTRACT_LANE_SERVER). */
  address: string;
  close(): void;
}

/** The byte that grants a boot or a lane. */
export const GRANTED = 'g';

interface Asker {
  socket: net.Socket;
  pid: string;
}

class Lanes {
  private readonly bootQueue: Asker[] = [];
  /** Boots under way, by pid: `ahead` when the worker will wait for a lane once booted. */
  private readonly booting = new Map<string, { socket: net.Socket; ahead: boolean }>();
  private readonly laneQueue: Asker[] = [];
  private readonly held = new Set<net.Socket>();

  constructor(private readonly lanes: number) {}

  askBoot(asker: Asker): void {
    this.bootQueue.push(asker);
    this.schedule();
  }

  askLane(asker: Asker): void {
    this.booting.delete(asker.pid);
    this.laneQueue.push(asker);
    this.schedule();
  }

  /** Whatever the connection asked for or held is given up. */
  leave(socket: net.Socket): void {
    for (const queue of [this.bootQueue, this.laneQueue]) {
      const index = queue.findIndex((a) => a.socket === socket);
      if (index >= 0) queue.splice(index, 1);
    }
    for (const [pid, boot] of this.booting) if (boot.socket === socket) this.booting.delete(pid);
    this.held.delete(socket);
    this.schedule();
  }

  private schedule(): void {
    while (this.held.size < this.lanes && this.laneQueue.length > 0) {
      const next = this.laneQueue.shift()!;
      this.held.add(next.socket);
      next.socket.write(GRANTED);
    }
    for (let next = this.bootQueue[0]; next; next = this.bootQueue[0]) {
      const bootsNow = [...this.booting.values()].filter((b) => !b.ahead).length;
      const ahead = this.held.size + this.laneQueue.length + bootsNow >= this.lanes;
      if (ahead && this.booting.size > 0) return;
      this.bootQueue.shift();
      this.booting.set(next.pid, { socket: next.socket, ahead });
      next.socket.write(GRANTED);
    }
  }
}

export function startLaneServer(lanes: number): Promise<LaneServer> {
  const state = new Lanes(lanes);
  const server = net.createServer((socket) => {
    let asked = false;
    let line = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      if (asked) return;
      line += chunk;
      const end = line.indexOf('\n');
      if (end < 0) return;
      asked = true;
      const [phase, pid = ''] = line.slice(0, end).split(' ');
      if (phase === 'boot') state.askBoot({ socket, pid });
      else if (phase === 'lane') state.askLane({ socket, pid });
      else socket.destroy();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => state.leave(socket));
  });
  // The runner exits when its run ends, whatever the workers left open.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      resolve({ address: `127.0.0.1:${port}`, close: () => server.close() });
    });
  });
}
