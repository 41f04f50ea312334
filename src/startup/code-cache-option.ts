/** The NODE_OPTIONS Playwright's runner and workers start with: the caller's, plus the V8 code-cache preload (v8-code-cache.mjs). */
export const CODE_CACHE_PRELOAD = new URL('v8-code-cache.mjs', import.meta.url).href;

export function withCodeCache(nodeOptions: string | undefined): string {
  const preload = `--import ${JSON.stringify(CODE_CACHE_PRELOAD)}`;
  if (nodeOptions?.includes(preload)) return nodeOptions;
  return nodeOptions ? `${nodeOptions} ${preload}` : preload;
}
