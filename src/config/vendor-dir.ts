/**
 * Where the vendors' OpenAPI documents are read from: VENDOR_OPENAPI_DIR, or the shared reference folder beside the
 * project; and, when they are fetched, any published address overridden by VENDOR_OPENAPI_URL_<FILE>.
 */
import { resolve } from 'node:path';
import type { ProviderDescriptor } from '../providers/types.ts';

/** The folder for a project at `root`, from the given environment (relative paths are taken from the working directory). */
export function vendorOpenApiDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.VENDOR_OPENAPI_DIR?.trim();
  return configured ? resolve(configured) : resolve(root, '..', 'shared', 'reference', 'vendor-openapi');
}

/** `spotnana-users-openapi.json` -> `VENDOR_OPENAPI_URL_SPOTNANA_USERS_OPENAPI_JSON`. */
export const vendorUrlVariable = (file: string): string => `VENDOR_OPENAPI_URL_${file.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;

/** The published addresses the environment overrides, by document file name. */
export function vendorUrlOverrides(providers: readonly ProviderDescriptor[], env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const document of providers.flatMap((p) => p.vendorDocuments)) {
    const value = env[vendorUrlVariable(document.file)]?.trim();
    if (value) overrides[document.file] = value;
  }
  return overrides;
}
