/**
 * The twin's fault catalogue and the detection matrix: the catalogue is well-formed and every fault is wired into
 * the twin (fast), certificate faults switch per handshake (fast), and `npm run verify:faults` passes — every fault
 * caught by its expected family and category, the conformant twin all green — ending with `faults caught N/N`.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join, relative } from 'node:path';
import tls from 'node:tls';
import { CATEGORIES } from '../../../src/categories.ts';
import { CONTRACT_FAMILIES } from '../../../src/checks/check.ts';
import { checksFor } from '../../../src/checks/index.ts';
import { loadProfile } from '../../../src/config/profile.ts';
import { findTarget } from '../../../src/providers/catalogue.ts';
import { FaultSet, UnknownFaultError } from '../../../twin/fault-set.ts';
import { FAULTS, type FaultFamily } from '../../../twin/faults/catalogue.ts';
import { startTwin } from '../../../twin/server.ts';
import { ROOT } from '../helpers/paths.ts';
import { cleanEnv, runTsx } from '../helpers/processes.ts';

// The catalogue's families are the contract run's, and `preflight` for faults only the preflight catches (the matrix runs
// the preflight for those), at compile time as well as below.
const FAULT_FAMILIES = [...CONTRACT_FAMILIES, 'preflight'] as const;
type CatchingFamily = (typeof FAULT_FAMILIES)[number];
const sameFamilies: [FaultFamily, CatchingFamily] extends [CatchingFamily, FaultFamily] ? true : never = true;

function twinSources(dir = join(ROOT, 'twin')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return twinSources(path);
    return entry.name.endsWith('.ts') && !path.endsWith(join('faults', 'catalogue.ts')) ? [path] : [];
  });
}

describe('the fault catalogue (twin/faults/catalogue.ts)', () => {
  test('holds at least 24 faults with unique kebab-case names, prefixed by their provider', () => {
    assert.ok(sameFamilies);
    assert.ok(FAULTS.length >= 24, `${FAULTS.length} faults`);
    const names = FAULTS.map((f) => f.name);
    assert.equal(new Set(names).size, names.length, 'fault names are unique');
    for (const f of FAULTS) {
      assert.match(f.name, /^[a-z0-9]+(-[a-z0-9]+)+$/, `${f.name} is kebab-case`);
      assert.ok(f.name.startsWith(`${f.provider}-`), `${f.name} starts with its provider`);
      assert.ok(f.description.length > 10 && !f.description.includes('\n'), `${f.name} has a one-line description`);
    }
  });

  test('names a family, category and target the suite knows, on the fault\'s provider', () => {
    assert.deepEqual([...new Set(FAULTS.map((f) => f.family))].sort(), [...FAULT_FAMILIES].sort(), 'every family has a fault');
    for (const f of FAULTS) {
      assert.ok((FAULT_FAMILIES as readonly string[]).includes(f.family), `${f.name}: family ${f.family}`);
      assert.equal(f.family === 'preflight', 'column' in f, `${f.name}: a preflight fault names its column, and only one does`);
      assert.ok(f.category in CATEGORIES, `${f.name}: category ${f.category}`);
      assert.equal(findTarget(f.target)?.provider.id, f.provider, `${f.name}: target ${f.target} belongs to ${f.provider}`);
    }
  });

  test('expects checks that exist in its family and run on its target', () => {
    const profile = loadProfile({ root: ROOT, env: {} });
    const preflight = loadProfile({ root: ROOT, env: { CONTRACT_PREFLIGHT: '1' } });
    for (const f of FAULTS) {
      const tp = profile.targets.find((t) => t.target.id === f.target);
      assert.ok(tp, `${f.name}: the twin profile has ${f.target}`);
      const checks = f.family === 'preflight' ? checksFor('preflight', tp, preflight) : checksFor(f.family, tp, profile);
      const ids = checks.map((c) => c.id);
      for (const id of f.expectedChecks ?? []) assert.ok(ids.includes(id), `${f.name}: ${id} is a ${f.family} check that runs on ${f.target}`);
      if ('column' in f) assert.ok(checks.some((c) => c.preflight === f.column && (f.expectedChecks as readonly string[]).includes(c.id)), `${f.name}: column ${f.column} is its expected check's`);
    }
  });

  test('every fault is consulted somewhere in the twin (the matrix proves it changes behaviour)', () => {
    const code = twinSources().map((file) => readFileSync(file, 'utf8')).join('\n');
    const unused = FAULTS.filter((f) => !code.includes(`'${f.name}'`)).map((f) => f.name);
    assert.deepEqual(unused, [], `faults no twin module consults: ${unused.join(', ')} (in ${twinSources().map((f) => relative(ROOT, f)).length} files)`);
  });

  test('TWIN_FAULTS with an unknown fault or target is refused, not ignored', () => {
    assert.throws(() => FaultSet.validated('spotdraft-no-such-fault'), UnknownFaultError);
    assert.throws(() => FaultSet.validated('spotdraft-wrong-secret-accepted@spotdraft-xx-uat'), UnknownFaultError);
    const set = FaultSet.validated('spotdraft-wrong-secret-accepted@spotdraft-in-prod, spotnana-http-served');
    assert.equal(set.active('spotdraft-wrong-secret-accepted', 'spotdraft-in-prod'), true);
    assert.equal(set.active('spotdraft-wrong-secret-accepted', 'spotdraft-in-uat'), false);
    assert.equal(set.active('spotnana-http-served', 'spotnana-global-uat'), true);
  });
});

/** Subject CN and expiry of the certificate the twin presents for `host`, through its CONNECT proxy. */
function presentedCertificate(proxyUrl: string, host: string): Promise<{ subject: string; validTo: Date }> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: proxy.hostname, port: Number(proxy.port), method: 'CONNECT', path: `${host}:443` });
    req.on('connect', (_res, socket) => {
      const secure = tls.connect({ socket, servername: host, rejectUnauthorized: false }, () => {
        const cert = secure.getPeerCertificate();
        secure.end();
        resolve({ subject: String(cert.subject?.CN ?? ''), validTo: new Date(cert.valid_to) });
      });
      secure.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('certificate faults', () => {
  test('are chosen per TLS handshake, so switching faults at runtime changes the next certificate', async () => {
    const twin = await startTwin({ root: ROOT });
    try {
      assert.equal((await presentedCertificate(twin.proxyUrl, 'api.in.spotdraft.com')).subject, 'api.in.spotdraft.com');
      twin.setFaults('spotdraft-certificate-for-another-host');
      assert.equal((await presentedCertificate(twin.proxyUrl, 'api.in.spotdraft.com')).subject, 'api.spotdraft.com');
      assert.equal((await presentedCertificate(twin.proxyUrl, 'api.us.spotdraft.com')).subject, 'api.us.spotdraft.com', 'only the fault\'s own host');
      twin.setFaults('spreetail-certificate-expired');
      assert.ok((await presentedCertificate(twin.proxyUrl, 'api.spreetaileu.com')).validTo.getTime() < Date.now(), 'expired');
      twin.setFaults([]);
      assert.equal((await presentedCertificate(twin.proxyUrl, 'api.in.spotdraft.com')).subject, 'api.in.spotdraft.com');
    } finally {
      await twin.stop();
    }
  });
});

describe('npm run verify:faults', () => {
  test('catches every fault with its expected family and category, the conformant twin all green', { timeout: 900_000 }, async () => {
    const run = await runTsx(['scripts/verify-faults.ts'], cleanEnv(), 880_000);
    const lines = run.stdout.trimEnd().split('\n');
    const report = `${run.stdout.slice(-4000)}\n${run.stderr.slice(-2000)}`;
    assert.equal(run.code, 0, report);
    assert.equal(lines.at(-1), `faults caught ${FAULTS.length}/${FAULTS.length}`, report);
    const matrix = JSON.parse(readFileSync(join(ROOT, 'reports', 'fault-matrix.json'), 'utf8')) as { conformant: { problems: string[] } };
    assert.deepEqual(matrix.conformant.problems, []);
  });
});
