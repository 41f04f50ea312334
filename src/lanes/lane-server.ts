/**
 * The run's lanes: how many targets are checked at once (CONTRACT_WORKERS). Playwright starts a project's worker only
 * when a slot is free and the slot's previous worker has exited, so every change of target put a process boot on the
 * critical path. The config asks Playwright for more worker processes than lanes (worker-plan.ts); each worker boots
 * and loads its checks ahead, then waits here for a lane before its first request (lane-client.ts).
 *
 * Two phases per worker, each a line on its own connection, answered by one byte when granted:
 * - `boot <pid>`, from the worker's preload (boot-gate.mjs) before Playwright loads: at most `lanes` workers boot at
 *   once, so the first lanes' workers get the cores and the ones waiting ahead boot while the first lanes' requests wait
 *   on the network. The boot ends when the same pid asks for its lane.
 * - `lane <pid>`: at most `lanes` workers hold one. It is freed when its connection closes: when the worker exits,
 *   however it exits.
 */
import net from 'node:net';

export interface LaneServer {
  /** `host:port` on loopback, for the workers (CONTRACT_LANE_SERVER). */
  address: string;
  close(): void;
}

/** The byte that grants a boot or a lane. */
export const GRANTED = 'g';

type Phase = 'boot' | 'lane';

class Gate {
  private readonly waiting: { socket: net.Socket; pid: string }[] = [];
  readonly holders = new Map<net.Socket, string>();
  constructor(private readonly capacity: number) {}

  ask(socket: net.Socket, pid: string): void {
    this.waiting.push({ socket, pid });
    this.grant();
  }

  /** Frees whatever `socket` held or waited for. */
  leave(socket: net.Socket): void {
    const queued = this.waiting.findIndex((w) => w.socket === socket);
    if (queued >= 0) this.waiting.splice(queued, 1);
    this.holders.delete(socket);
    this.grant();
  }

  leavePid(pid: string): void {
    for (const [socket, holder] of this.holders) if (holder === pid) this.leave(socket);
  }

  private grant(): void {
    while (this.holders.size < this.capacity && this.waiting.length > 0) {
      const next = this.waiting.shift()!;
      this.holders.set(next.socket, next.pid);
      next.socket.write(GRANTED);
    }
  }
}

export function startLaneServer(lanes: number): Promise<LaneServer> {
  const gates: Record<Phase, Gate> = { boot: new Gate(lanes), lane: new Gate(lanes) };
  const server = net.createServer((socket) => {
    let phase: Phase | undefined;
    let line = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      if (phase) return;
      line += chunk;
      const end = line.indexOf('\n');
      if (end < 0) return;
      const [asked, pid = ''] = line.slice(0, end).split(' ');
      if (asked !== 'boot' && asked !== 'lane') return void socket.destroy();
      phase = asked;
      // A worker that asks for its lane has booted: its boot place goes to the next worker.
      if (phase === 'lane') gates.boot.leavePid(pid);
      gates[phase].ask(socket, pid);
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (phase) gates[phase].leave(socket);
    });
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
