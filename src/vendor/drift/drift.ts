/** Drift: the project's contract for every endpoint the suite calls, held against the vendors' documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { allEndpoints } from '../../providers/endpoint-lookup.ts';
import type { EndpointDescriptor, ProviderDescriptor } from '../../providers/types.ts';
import type { Divergence } from '../divergences.ts';
import { loadProviderDocuments, type DocumentSources, type LoadedVendorDocument } from '../documents.ts';
import type { SchemaObject } from '../schema-walk.ts';
import { VendorValidator } from '../validator.ts';
import type { Severity } from './compare.ts';
import { endpointDrift, ViewCache, type ProjectDocument } from './endpoint-drift.ts';
import { applyDivergences, byImportance, finding, type DriftFinding } from './findings.ts';

export interface DriftInput {
  providers: readonly ProviderDescriptor[];
  /** Folder of the project's own contracts (schemas/<provider>.json). */
  schemasDir: string;
  sources: DocumentSources;
  divergences: readonly Divergence[];
  /** The body the suite builds for an endpoint, placeholders for what it discovers; undefined: the endpoint sends none. */
  sampleBody?: (provider: ProviderDescriptor, endpoint: EndpointDescriptor) => unknown;
}

export interface DriftDocument {
  provider: string;
  file: string;
  source: string;
  openapi: string;
  /** The document's own `info.version`. */
  version: string;
}

export interface DriftReport {
  generatedAt: string;
  documents: DriftDocument[];
  counts: Record<Severity, number>;
  findings: DriftFinding[];
}

function readProject(schemasDir: string, provider: string): ProjectDocument {
  const file = `schemas/${provider}.json`;
  return { file, document: JSON.parse(readFileSync(join(schemasDir, `${provider}.json`), 'utf8')) as SchemaObject };
}

function describeDocument(loaded: LoadedVendorDocument): DriftDocument {
  const info = (loaded.document as { info?: { version?: unknown } }).info;
  return { provider: loaded.provider, file: loaded.file, source: loaded.source, openapi: loaded.openapi, version: typeof info?.version === 'string' ? info.version : '' };
}

/** Reads the documents (throws VendorDocumentError on one that cannot be used) and compares. */
export async function runDrift(input: DriftInput): Promise<DriftReport> {
  const validator = new VendorValidator();
  const views = new ViewCache();
  const documents: DriftDocument[] = [];
  let findings: DriftFinding[] = [];
  for (const provider of input.providers) {
    if (provider.vendorDocuments.length === 0) {
      findings.push(finding({
        severity: 'INFO', provider: provider.id, endpoint: '', operation: '*', direction: 'operation', path: '/', rule: 'no-vendor-document',
        project: `${provider.name}: held against its guides only (PROVIDERS.md)`, vendor: 'publishes no OpenAPI document',
      }));
      continue;
    }
    const vendorDocuments = await loadProviderDocuments(provider, input.sources);
    documents.push(...vendorDocuments.map(describeDocument));
    const project = readProject(input.schemasDir, provider.id);
    for (const endpoint of allEndpoints(provider)) {
      const sampleBody = input.sampleBody?.(provider, endpoint);
      findings.push(...endpointDrift({ provider, endpoint, project, vendorDocuments, validator, views, ...(sampleBody !== undefined ? { sampleBody } : {}) }));
    }
  }
  const order = input.providers.map((p) => p.id);
  // One finding per fingerprint: two routes to the same schema (an allOf and its $ref, say) say the same thing once.
  findings = [...new Map(findings.map((f) => [f.fingerprint, f])).values()];
  findings = applyDivergences(findings, input.divergences, order).sort(byImportance(order));
  const counts: Record<Severity, number> = { ERR: 0, WARN: 0, INFO: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return { generatedAt: new Date().toISOString(), documents, counts, findings };
}
