/**
 * `npm run drift` as a user runs it: against the vendor folder it finds no ERR and every WARN is a declared
 * divergence; against copies of the vendor documents that a vendor has changed (a field the suite requires removed, a
 * type changed, an enum value added, a request field made required) it reports ERR naming the JSON path, exit 1; a
 * document it cannot use is one line and exit 2.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from '@readme/openapi-parser';
import type { DriftReport } from '../../../src/vendor/drift/drift.ts';
import type { DriftFinding } from '../../../src/vendor/drift/findings.ts';
import { cleanEnv, describeRun, runTsx, type RunResult } from '../helpers/processes.ts';
import { tempDir, type TempDir } from '../helpers/profiles.ts';
import { projectDivergences, VENDOR_DIR, vendorFolderMissing } from '../helpers/vendor.ts';

const missing = vendorFolderMissing();
const skip = missing && !process.env.CI ? missing : false;
let dir: TempDir;

before(() => {
  dir = tempDir('contracts-drift-');
});
after(() => dir.remove());

interface DriftRun {
  run: RunResult;
  report?: DriftReport;
  markdown?: string;
}

async function drift(name: string, args: string[] = []): Promise<DriftRun> {
  const out = join(dir.path, `out-${name}`);
  const run = await runTsx(['scripts/drift.ts', '--out', out, ...args], cleanEnv(), 60_000);
  try {
    return { run, report: JSON.parse(readFileSync(join(out, 'drift.json'), 'utf8')) as DriftReport, markdown: readFileSync(join(out, 'drift.md'), 'utf8') };
  } catch {
    return { run };
  }
}

/** A copy of the vendor folder in which one document was changed as a vendor might publish it. */
/** As much of an OpenAPI document as the changes below touch. */
interface SchemaLike {
  type?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, SchemaLike>;
  items?: SchemaLike;
}
interface DocumentLike {
  components: { schemas: Record<string, SchemaLike> };
}

function schema(document: DocumentLike, name: string): SchemaLike {
  const found = document.components.schemas[name];
  assert.ok(found, `the vendor document has no ${name} any more: the test needs another example`);
  return found;
}

async function changedVendorFolder(name: string, file: string, change: (document: DocumentLike) => void): Promise<string> {
  const folder = join(dir.path, `vendor-${name}`);
  cpSync(VENDOR_DIR, folder, { recursive: true });
  const document = (await parse(join(VENDOR_DIR, file))) as unknown as DocumentLike;
  change(document);
  // JSON is YAML too: the .yml document is rewritten in JSON, and read back by the same YAML parser.
  writeFileSync(join(folder, file), JSON.stringify(document));
  return folder;
}

const errors = (report: DriftReport | undefined): DriftFinding[] => (report?.findings ?? []).filter((f) => f.severity === 'ERR');
const describeFindings = (findings: DriftFinding[]): string => findings.map((f) => `${f.severity} ${f.endpoint} ${f.direction} ${f.status ?? ''} ${f.path} ${f.rule}: ${f.project} / ${f.vendor}`).join('\n');

describe('npm run drift', { skip }, () => {
  test('against the vendor folder: 0 ERR, every WARN a declared divergence with its reason, exit 0', async () => {
    assert.equal(missing, undefined, `CI always has the vendor documents: ${missing}`);
    const { run, report, markdown } = await drift('vendor');
    assert.equal(run.code, 0, `${describeRun(run)}\n${describeFindings(errors(report))}`);
    assert.ok(report, 'drift.json was written');
    assert.deepEqual(errors(report), [], 'no ERR');
    assert.equal(report.documents.length, 5, 'the five vendor documents were read');
    const warnings = report.findings.filter((f) => f.severity === 'WARN');
    for (const warning of warnings) {
      assert.ok(warning.declared?.reason, `WARN without a declared reason: ${describeFindings([warning])}`);
      assert.notEqual(warning.rule, 'declared-divergence-unused', `a declared divergence no longer differs: ${describeFindings([warning])}`);
    }
    for (const f of report.findings) {
      for (const key of ['provider', 'operation', 'path', 'severity', 'project', 'vendor', 'fingerprint'] as const) assert.ok(f[key], `finding lacks ${key}: ${JSON.stringify(f)}`);
    }
    assert.match(run.stdout, /drift: 0 ERR, \d+ WARN, \d+ INFO across 5 vendor document\(s\)/);
    assert.match(markdown ?? '', /^### Vendor contract drift — ✅ no ERR/);
    // Every declared divergence drift can see is used (deliberate probes are the conformance test's to see).
    const used = new Set(warnings.map((w) => `${w.operation} ${w.direction} ${w.path}`));
    for (const d of projectDivergences().filter((d) => d.kind !== 'deliberate' && d.operation !== '*')) {
      assert.ok(used.has(`${d.operation} ${d.direction} ${d.path}`), `declared divergence matches no finding: ${JSON.stringify(d)}`);
    }
  });

  test('the fingerprints are stable, and --previous marks what is new', async () => {
    const first = await drift('first');
    assert.ok(first.report);
    const previousFile = join(dir.path, 'previous.json');
    const trimmed = { ...first.report, findings: first.report.findings.slice(1) };
    writeFileSync(previousFile, JSON.stringify(trimmed));
    const second = await drift('second', ['--previous', previousFile]);
    assert.ok(second.report);
    assert.deepEqual(second.report.findings.map((f) => f.fingerprint), first.report.findings.map((f) => f.fingerprint), 'same findings, same fingerprints');
    assert.deepEqual(second.report.findings.filter((f) => f.new).map((f) => f.fingerprint), [first.report.findings[0]?.fingerprint], 'only the finding missing from the previous report is new');
  });

  const changes: { name: string; file: string; change: (d: DocumentLike) => void; expect: { endpoint: string; direction: string; path: string; rule: string } }[] = [
    {
      name: 'field-removed', file: 'spotdraft-openapi.yml',
      change: (d) => {
        const item = schema(d, 'ContractTypeListDomainModel').items as SchemaLike;
        delete item.properties?.name;
        item.required = item.required?.filter((n) => n !== 'name');
      },
      expect: { endpoint: 'contract_types.list', direction: 'response', path: '/*/name', rule: 'required-optional' },
    },
    {
      name: 'type-changed', file: 'spotdraft-openapi.yml',
      change: (d) => {
        (schema(d, 'ContractTypeListDomainModel').items?.properties?.id as SchemaLike).type = 'string';
      },
      expect: { endpoint: 'contract_types.list', direction: 'response', path: '/*/id', rule: 'type-wider' },
    },
    {
      name: 'enum-value-added', file: 'spotdraft-openapi.yml',
      change: (d) => {
        schema(d, 'ContractDisplayStatusEnum').enum?.push('ARCHIVED');
      },
      expect: { endpoint: 'contracts.status', direction: 'response', path: '/contract_status', rule: 'enum-wider' },
    },
    {
      name: 'request-field-required', file: 'spotdraft-openapi.yml',
      change: (d) => {
        schema(d, 'CreateCounterPartyAPIRequest').required?.push('brand_name');
      },
      expect: { endpoint: 'counter_parties.create', direction: 'request', path: '/brand_name', rule: 'required-optional' },
    },
    {
      name: 'token-field-optional', file: 'spotnana-auth-openapi.json',
      change: (d) => {
        const token = schema(d, 'OAuthTokenResponse');
        token.required = token.required?.filter((n) => n !== 'access_token');
      },
      expect: { endpoint: 'auth.token', direction: 'response', path: '/access_token', rule: 'required-optional' },
    },
  ];

  for (const { name, file, change, expect } of changes) {
    test(`a vendor change is caught: ${name} (${file}) gives ERR at ${expect.path}, exit 1`, async () => {
      const folder = await changedVendorFolder(name, file, change);
      const { run, report } = await drift(name, ['--vendor-dir', folder]);
      assert.equal(run.code, 1, describeRun(run));
      const found = errors(report).filter((f) => f.endpoint === expect.endpoint && f.direction === expect.direction && f.path === expect.path);
      assert.ok(found.some((f) => f.rule === expect.rule), `expected ERR ${expect.rule} at ${expect.path}, got:\n${describeFindings(errors(report))}`);
      assert.match(run.stdout, new RegExp(`ERR\\s.*${expect.path.replace(/[*]/g, '\\*')}`), 'the table shows the ERR with its JSON path');
    });
  }

  test('a document fetched from a URL (--vendor-url FILE=URL) is read like one from the folder, and an unreachable one is one line, exit 2', async () => {
    const served: string[] = [];
    const server = createServer((req, res) => {
      served.push(req.url ?? '');
      if (req.url !== '/published/auth.json') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(readFileSync(join(VENDOR_DIR, 'spotnana-auth-openapi.json')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const fetched = await drift('fetched', ['--provider', 'spotnana', '--vendor-url', `spotnana-auth-openapi.json=http://127.0.0.1:${port}/published/auth.json`]);
      assert.equal(fetched.run.code, 0, describeRun(fetched.run));
      assert.deepEqual(served, ['/published/auth.json']);
      assert.equal(fetched.report?.documents.find((d) => d.file === 'spotnana-auth-openapi.json')?.source, `http://127.0.0.1:${port}/published/auth.json`);
      const gone = await drift('gone', ['--provider', 'spotnana', '--vendor-url', `spotnana-auth-openapi.json=http://127.0.0.1:${port}/moved.json`]);
      assert.equal(gone.run.code, 2, describeRun(gone.run));
      assert.equal(gone.run.stderr.trim().split('\n').length, 1, gone.run.stderr);
      assert.match(gone.run.stderr, /^\[vendor-document\] http:\/\/127\.0\.0\.1:\d+\/moved\.json: cannot be fetched: the server answered 404/);
    } finally {
      server.close();
    }
  });

  const badDocuments: { name: string; content: string; why: RegExp }[] = [
    { name: 'not YAML or JSON', content: 'openapi: [unclosed\n  - : :', why: /cannot be read as YAML or JSON/ },
    { name: 'not OpenAPI', content: 'title: a shopping list\nitems: [milk]\n', why: /is not an OpenAPI 3\.0 or 3\.1 document/ },
    { name: 'Swagger 2.0', content: JSON.stringify({ swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} }), why: /is Swagger 2\.0/ },
  ];
  for (const { name, content, why } of badDocuments) {
    test(`a vendor document that is ${name}: one line naming it, exit 2`, async () => {
      const folder = join(dir.path, `bad-${name.replace(/\W+/g, '-')}`);
      cpSync(VENDOR_DIR, folder, { recursive: true });
      writeFileSync(join(folder, 'spotnana-auth-openapi.json'), content);
      const { run } = await drift(`bad-${name}`, ['--vendor-dir', folder, '--provider', 'spotnana']);
      assert.equal(run.code, 2, describeRun(run));
      const lines = run.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `one line: ${run.stderr}`);
      assert.match(lines[0] ?? '', /^\[vendor-document\] .*spotnana-auth-openapi\.json: /);
      assert.match(lines[0] ?? '', why);
    });
  }

  for (const [name, args, key] of [
    ['an unknown option', ['--vendor-folder', 'x'], /\(arguments\)/],
    ['an unknown provider', ['--provider', 'acme'], /--provider "acme" is not a provider/],
    ['a missing vendor folder', ['--vendor-dir', '/nonexistent/vendor-openapi'], /--vendor-dir \/nonexistent\/vendor-openapi does not exist/],
    ['an ambiguous --vendor-url', ['--provider', 'spotnana', '--vendor-url', 'https://example.com/a.json'], /give FILE=URL/],
  ] as const) {
    test(`bad input: ${name} is one configuration line, exit 2, nothing read`, async () => {
      const { run } = await drift(name.replace(/\W+/g, '-'), [...args]);
      assert.equal(run.code, 2, describeRun(run));
      assert.match(run.stderr.trim(), /^\[configuration\] command line: /);
      assert.match(run.stderr, key);
      assert.equal(run.stderr.trim().split('\n').length, 1);
    });
  }
});
