/** The NODE_OPTIONS Playwright's runner and workers start with: the caller's, plus the suite's `--import` preloads. */
export const CODE_CACHE_PRELOAD = new URL('v8-code-cache.mjs', import.meta.url).href;
/** Workers only, when the run has lanes (src/lanes/): wait for a boot place before Playwright loads. */
export const BOOT_GATE_PRELOAD = new URL('../lanes/boot-gate.mjs', import.meta.url).href;

/** `nodeOptions` with `--import <href>` once, however often it is asked for (a config read twice, nested runs). */
export function withPreload(nodeOptions: string | undefined, href: string): string {
  const preload = `--import ${JSON.stringify(href)}`;
  if (nodeOptions?.includes(preload)) return nodeOptions;
  return nodeOptions ? `${nodeOptions} ${preload}` : preload;
}

/** The V8 code-cache preload (v8-code-cache.mjs). */
export const withCodeCache = (nodeOptions: string | undefined): string => withPreload(nodeOptions, CODE_CACHE_PRELOAD);
