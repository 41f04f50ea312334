/**
 * Connections are kept alive through the proxy: in a suite run against the twin (always reached through its CONNECT
 * proxy), the twin's log shows one connection per target worker, host and scheme, not one per request.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { cleanEnv, describeRun, runContracts, useTwinAndTempDir } from '../helpers/processes.ts';

const { twin, dir } = useTwinAndTempDir('connection-reuse-');

/** One target of each provider, so each authentication style is in the run. */
const PROJECTS = ['spotdraft-us-uat', 'spreetail-eu-prod', 'spotnana-global-uat'];

describe('connection reuse, as the twin saw it', () => {
  test('one connection per target worker, host and scheme, for every request the worker sent', { timeout: 240_000 }, async () => {
    twin().log.clear();
    const run = await runContracts(cleanEnv({
      CONTRACT_TWIN_PROXY: twin().proxyUrl, CONTRACT_TWIN_ADMIN_URL: twin().adminUrl, NODE_EXTRA_CA_CERTS: twin().caFile,
    }), join(dir().path, 'run'), 230_000, PROJECTS.flatMap((p) => ['--project', p]));
    assert.equal(run.code, 0, describeRun(run));

    const connections = new Map<string, Set<number>>();
    const requests = new Map<string, number>();
    for (const entry of twin().log.all()) {
      if (!entry.worker) continue;
      assert.ok(entry.connection !== undefined, `${entry.method} ${entry.host}${entry.path} has a connection id`);
      const key = `${entry.worker} ${entry.scheme}://${entry.host}`;
      connections.set(key, (connections.get(key) ?? new Set()).add(entry.connection));
      requests.set(key, (requests.get(key) ?? 0) + 1);
    }
    for (const project of PROJECTS) assert.ok([...connections.keys()].some((k) => k.startsWith(`${project}#`)), `${project} sent requests`);
    const reused = [...connections].map(([key, ids]) => `${key}: ${ids.size} connection(s) for ${requests.get(key)} requests`);
    const firsts = twin().log.all().filter((e, i, all) => e.worker && all.findIndex((o) => o.connection === e.connection) === i);
    reused.push(...firsts.map((e) => `connection ${e.connection} opened by ${e.worker} at ${e.at}: ${e.method} ${e.scheme}://${e.host}${e.path} -> ${e.status}`));
    assert.deepEqual([...connections].filter(([, ids]) => ids.size !== 1).map(([key]) => key), [], reused.join('\n'));
    // The target's own host carries most of its checks: reuse is proven where it matters, not on one-request hosts.
    assert.ok([...requests.values()].some((n) => n >= 20), reused.join('\n'));
    // No connection is shared across workers: each worker has its own.
    const owners = new Map<number, string>();
    for (const [key, ids] of connections) {
      for (const id of ids) {
        const worker = key.split(' ')[0] ?? '';
        assert.ok((owners.get(id) ?? worker) === worker, `connection ${id} used by ${owners.get(id)} and ${worker}`);
        owners.set(id, worker);
      }
    }
  });
});
