/** Joining base URLs and documented paths without doubling or dropping segments. */

/** Joins a base URL and a relative path with exactly one slash between them; the base path is kept once. */
export function joinUrl(baseUrl: string, path: string, query?: Record<string, string>): string {
  const base = baseUrl.replace(/\/+$/, '');
  const rel = path.replace(/^\/+/, '');
  const url = new URL(`${base}/${rel}`);
  for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
  return url.toString();
}

/** Fills `{name}` placeholders: percent-encoded for a path segment, raw for a query value (URLSearchParams encodes it once). */
export function fillParams(template: string, params: Record<string, string>, encode: 'path' | 'query' = 'path'): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`no value for parameter {${name}}`);
    return encode === 'path' ? encodeURIComponent(value) : value;
  });
}

/** The same URL with its trailing slash added or removed. */
export function toggleTrailingSlash(url: string): string {
  const u = new URL(url);
  u.pathname = u.pathname.endsWith('/') ? u.pathname.slice(0, -1) : `${u.pathname}/`;
  return u.toString();
}

/** The URL with the first segment of its path doubled (`/api/v1` -> `/api/api/v1`). */
export function doubleFirstSegment(url: string, basePath: string): string {
  const u = new URL(url);
  const first = (basePath.split('/').find(Boolean) ?? u.pathname.split('/').find(Boolean)) as string;
  u.pathname = `/${first}${u.pathname}`;
  return u.toString();
}
