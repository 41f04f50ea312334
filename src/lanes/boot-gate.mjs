/**
 * Preloaded into Playwright's workers (`--import` in the NODE_OPTIONS the config gives them): before the worker loads
 * Playwright, wait for a boot place (lane-server.ts: the lanes' own workers at once, the ones waiting ahead one at a
 * time). Plain JavaScript because it runs before any TypeScript loader; elsewhere (the runner, other processes that
 * inherit NODE_OPTIONS, a run without a coordinator) it does nothing.
 */
import net from 'node:net';
import process from 'node:process';

const address = process.env.CONTRACT_LANE_SERVER;
const isPlaywrightWorker = typeof process.send === 'function' && /[\\/]playwright[\\/]lib[\\/]worker[\\/]workerProcessEntry\.js$/.test(process.argv[1] ?? '');

if (address && isPlaywrightWorker) {
  const separator = address.lastIndexOf(':');
  await new Promise((resolve) => {
    const socket = net.connect({ host: address.slice(0, separator), port: Number(address.slice(separator + 1)) }, () => socket.write(`boot ${process.pid}\n`));
    // The boot place is only an ordering: whatever happens to the coordinator, the worker boots.
    const boot = () => {
      socket.unref();
      resolve(undefined);
    };
    socket.once('data', boot);
    socket.once('error', boot);
    socket.once('close', boot);
  });
}
