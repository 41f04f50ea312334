/**
 * `npm run drift -- [--provider P] [--vendor-dir DIR | --fetch] [--vendor-url [FILE=]URL] [--previous drift.json]
 * [--out DIR] [--all]`: the project's contract for every operation the suite calls, held against the vendors' OpenAPI
 * documents from the consumer's side (src/vendor/drift/). Prints a table and writes <out>/drift.json and
 * <out>/drift.md (for a job summary). Documents come from VENDOR_OPENAPI_DIR (default ../shared/reference/vendor-openapi),
 * or with --fetch from each descriptor's published URL (VENDOR_OPENAPI_URL_<FILE> overrides one).
 * Exit 0: no ERR; 1: an ERR; 2: bad input (an option, an unreadable or non-OpenAPI document, the divergences file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomically } from '../src/atomic-file.ts';
import { ConfigError } from '../src/config/config-error.ts';
import { vendorOpenApiDir, vendorUrlOverrides } from '../src/config/vendor-dir.ts';
import { PROVIDERS } from '../src/providers/catalogue.ts';
import type { ProviderDescriptor } from '../src/providers/types.ts';
import { readDivergences } from '../src/vendor/divergences.ts';
import { VendorDocumentError, type DocumentSources } from '../src/vendor/documents.ts';
import { runDrift, type DriftReport } from '../src/vendor/drift/drift.ts';
import { markNew } from '../src/vendor/drift/findings.ts';
import { renderMarkdown, renderTable } from '../src/vendor/drift/render.ts';
import { sampleRequestBody } from '../src/vendor/drift/sample-bodies.ts';
import { commandLineError, parseOptions } from './command-line.ts';

const root = resolve(import.meta.dirname, '..');

const args = parseOptions({
  provider: { type: 'string', multiple: true },
  'vendor-dir': { type: 'string' },
  'vendor-url': { type: 'string', multiple: true },
  fetch: { type: 'boolean', default: false },
  previous: { type: 'string' },
  out: { type: 'string', default: join(root, 'reports') },
  all: { type: 'boolean', default: false },
});

const providers: ProviderDescriptor[] = [];
for (const id of args.provider ?? PROVIDERS.map((p) => p.id)) {
  const provider = PROVIDERS.find((p) => p.id === id);
  if (!provider) commandLineError('--provider', `"${id}" is not a provider (${PROVIDERS.map((p) => p.id).join(', ')})`);
  providers.push(provider);
}

/** `--vendor-url URL` (the selected provider has one document) or `--vendor-url FILE=URL`. */
function urlOverrides(values: readonly string[]): Record<string, string> {
  const overrides: Record<string, string> = {};
  const documents = providers.flatMap((p) => p.vendorDocuments);
  for (const value of values) {
    const match = /^([^=]+)=(.+)$/.exec(value);
    const [file, url] = match && !/^https?:/i.test(value) ? [match[1] as string, match[2] as string] : [documents.length === 1 ? documents[0]?.file : undefined, value];
    if (!file) commandLineError('--vendor-url', `the selected providers have ${documents.length} documents: give FILE=URL (${documents.map((d) => d.file).join(', ')})`);
    if (!documents.some((d) => d.file === file)) commandLineError('--vendor-url', `"${file}" is not a vendor document of the selected providers (${documents.map((d) => d.file).join(', ')})`);
    if (!/^https?:\/\//i.test(url)) commandLineError('--vendor-url', `"${url}" is not an http(s) URL`);
    overrides[file] = url;
  }
  return overrides;
}

const vendorDir = args['vendor-dir'] ? resolve(args['vendor-dir']) : vendorOpenApiDir(root);
if (!args.fetch && !existsSync(vendorDir)) commandLineError(args['vendor-dir'] ? '--vendor-dir' : 'VENDOR_OPENAPI_DIR', `${vendorDir} does not exist`);
const sources: DocumentSources = {
  dir: vendorDir,
  fetch: args.fetch,
  urls: { ...(args.fetch ? vendorUrlOverrides(providers) : {}), ...urlOverrides(args['vendor-url'] ?? []) },
};

function previousFingerprints(file: string | undefined): Set<string> | undefined {
  if (!file || !existsSync(file)) return undefined;
  try {
    const previous = JSON.parse(readFileSync(file, 'utf8')) as Partial<DriftReport>;
    return new Set((previous.findings ?? []).map((f) => f.fingerprint));
  } catch {
    commandLineError('--previous', `${file} is not a drift report`);
  }
}

let report: DriftReport;
try {
  const divergences = readDivergences(join(root, 'schemas', 'vendor-divergences.json'));
  const previous = previousFingerprints(args.previous);
  report = await runDrift({ providers, schemasDir: join(root, 'schemas'), sources, divergences, sampleBody: sampleRequestBody });
  if (previous) report = { ...report, findings: markNew(report.findings, previous) };
} catch (error) {
  if (error instanceof VendorDocumentError || error instanceof ConfigError) {
    console.error(error.message);
    process.exit(ConfigError.EXIT_CODE);
  }
  throw error;
}

const out = resolve(args.out);
writeFileAtomically(join(out, 'drift.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileAtomically(join(out, 'drift.md'), renderMarkdown(report));
console.log(renderTable(report, { all: args.all }));
console.log(`report: ${join(out, 'drift.json')} and drift.md`);
process.exitCode = report.counts.ERR > 0 ? 1 : 0;
