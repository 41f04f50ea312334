/** The vendors' documents for the project's tests, and the twin's traffic as the conformance judge reads it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { vendorOpenApiDir } from '../../../src/config/vendor-dir.ts';
import { PROBE_HEADER } from '../../../src/http/probe.ts';
import { PROVIDERS } from '../../../src/providers/catalogue.ts';
import type { ObservedExchange } from '../../../src/vendor/conformance.ts';
import { readDivergences, type Divergence } from '../../../src/vendor/divergences.ts';
import { loadProviderDocuments, type LoadedVendorDocument } from '../../../src/vendor/documents.ts';
import type { TwinRequest, TwinResponse } from '../../../twin/types.ts';
import { ROOT } from './paths.ts';

export const VENDOR_DIR = vendorOpenApiDir(ROOT);
export const DIVERGENCES_FILE = join(ROOT, 'schemas', 'vendor-divergences.json');

/** Why the vendor-document tests cannot run here, or undefined when they can. CI always has the folder: there it is a failure. */
export function vendorFolderMissing(): string | undefined {
  return existsSync(VENDOR_DIR) ? undefined : `no vendor documents at ${VENDOR_DIR} (set VENDOR_OPENAPI_DIR)`;
}

export async function loadAllVendorDocuments(dir = VENDOR_DIR): Promise<Map<string, LoadedVendorDocument[]>> {
  const loaded = new Map<string, LoadedVendorDocument[]>();
  for (const provider of PROVIDERS) loaded.set(provider.id, await loadProviderDocuments(provider, { dir }));
  return loaded;
}

export const projectDivergences = (): Divergence[] => readDivergences(DIVERGENCES_FILE);

function header(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const found = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name);
  return typeof found?.[1] === 'string' ? found[1] : undefined;
}

/** One twin exchange as plain data: the request as received, the answer as it will be sent. */
export function observedExchange(req: TwinRequest, answer: TwinResponse): ObservedExchange {
  const requestContentType = header(req.headers as Record<string, unknown>, 'content-type');
  const probe = header(req.headers as Record<string, unknown>, PROBE_HEADER);
  const responseBody = answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
  const responseContentType = header(answer.headers, 'content-type') ?? (answer.rawBody === undefined && answer.body !== undefined ? 'application/json' : undefined);
  return {
    method: req.method, host: req.host, path: req.path, requestBody: req.rawBody.toString('utf8'), status: answer.status, responseBody,
    ...(requestContentType ? { requestContentType } : {}), ...(responseContentType ? { responseContentType } : {}), ...(probe ? { probe } : {}),
  };
}
