/**
 * The vendors' published OpenAPI documents, as each provider descriptor names them: read from a folder or fetched from
 * a URL, parsed (YAML or JSON) and bundled by @readme/openapi-parser, kept in memory only — never copied into the
 * repository. Any problem is one line naming the document.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { bundle } from '@readme/openapi-parser';
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import type { ProviderDescriptor, VendorDocument } from '../providers/types.ts';

export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

export interface LoadedVendorDocument {
  provider: string;
  /** The descriptor's file name: how findings and declared divergences name the document. */
  file: string;
  /** Where it was read from: a path or a URL. */
  source: string;
  /** `3.0` or `3.1`: decides how `nullable` and `exclusiveMinimum` read. */
  version: '3.0' | '3.1';
  openapi: string;
  /** Bundled: every `$ref` is internal (`#/...`). */
  document: OpenApiDocument;
  /** Path of the document's first server (`''` when it has none or it is the root): what precedes its path templates. */
  basePath: string;
}

/** A vendor document that cannot be used: one line, `[vendor-document] <source>: <why>`. */
export class VendorDocumentError extends Error {
  constructor(readonly source: string, readonly why: string) {
    super(`[vendor-document] ${source}: ${why}`.replace(/[\r\n]+/g, ' '));
    this.name = 'VendorDocumentError';
  }
}

const FETCH_TIMEOUT_MS = 30_000;

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim();
}

/** The path of a server URL (`https://api.x.com/api/` -> `/api`; `''` for the root, none, or one that does not parse). */
export function serverPath(url: string | undefined): string {
  if (!url) return '';
  try {
    return new URL(url, 'https://server.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/**
 * The document at a URL, downloaded into a temporary folder (outside the repository, removed after parsing) under
 * the descriptor's file name. The parser's own downloader is not used: it refuses private addresses, which is where
 * a team's mirror of the vendors' documents would be.
 */
async function download(url: string, file: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { accept: 'application/yaml, application/json, text/yaml, */*' } });
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new VendorDocumentError(url, `cannot be fetched (${firstLine(error)}${cause})`);
  }
  if (!response.ok) throw new VendorDocumentError(url, `cannot be fetched: the server answered ${response.status}`);
  const dir = mkdtempSync(join(tmpdir(), 'vendor-openapi-'));
  const path = join(dir, basename(file));
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return path;
}

/** Reads one document from a path or an http(s) URL; throws VendorDocumentError. */
export async function readVendorDocument(provider: string, file: string, source: string): Promise<LoadedVendorDocument> {
  const isUrl = /^https?:\/\//i.test(source);
  if (!isUrl && !existsSync(source)) throw new VendorDocumentError(source, 'no such file');
  const path = isUrl ? await download(source, file) : source;
  let parsed: unknown;
  try {
    parsed = await bundle(path);
  } catch (error) {
    throw new VendorDocumentError(source, `cannot be read as YAML or JSON: ${firstLine(error)}`);
  } finally {
    if (isUrl) rmSync(dirname(path), { recursive: true, force: true });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new VendorDocumentError(source, 'is not an OpenAPI document (not an object)');
  const record = parsed as Record<string, unknown>;
  if ('swagger' in record) throw new VendorDocumentError(source, `is Swagger ${String(record.swagger)}, not OpenAPI 3.0 or 3.1`);
  const openapi = typeof record.openapi === 'string' ? record.openapi : undefined;
  const version = openapi?.startsWith('3.0.') ? '3.0' : openapi?.startsWith('3.1.') ? '3.1' : undefined;
  if (!openapi || !version) throw new VendorDocumentError(source, `is not an OpenAPI 3.0 or 3.1 document (openapi: ${openapi ?? 'missing'})`);
  if (record.paths === null || typeof record.paths !== 'object') throw new VendorDocumentError(source, 'has no paths object');
  const document = parsed as OpenApiDocument;
  return { provider, file, source, version, openapi, document, basePath: serverPath(document.servers?.[0]?.url) };
}

export interface DocumentSources {
  /** Folder holding the documents under their descriptor file names. */
  dir?: string;
  /** Read every document from its published URL instead (`vendorDocuments[].url`), or from `urls[file]` when given. */
  fetch?: boolean;
  urls?: Readonly<Record<string, string>>;
}

/** Where one of a provider's documents is read from. */
export function documentSource(document: VendorDocument, sources: DocumentSources): string {
  const override = sources.urls?.[document.file];
  if (override) return override;
  if (sources.fetch || !sources.dir) return document.url;
  return join(sources.dir, document.file);
}

/** Every document a provider names, in the descriptor's order. */
export async function loadProviderDocuments(provider: ProviderDescriptor, sources: DocumentSources): Promise<LoadedVendorDocument[]> {
  const loaded: LoadedVendorDocument[] = [];
  for (const document of provider.vendorDocuments) loaded.push(await readVendorDocument(provider.id, document.file, documentSource(document, sources)));
  return loaded;
}
