/** Where the vendors' OpenAPI documents are read from: VENDOR_OPENAPI_DIR, or the shared reference folder beside the project. */
import { resolve } from 'node:path';

/** The folder for a project at `root`, from the given environment (relative paths are taken from the working directory). */
export function vendorOpenApiDir(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.VENDOR_OPENAPI_DIR?.trim();
  return configured ? resolve(configured) : resolve(root, '..', 'shared', 'reference', 'vendor-openapi');
}
