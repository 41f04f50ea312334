/** Reading and changing a JSON body at a dotted path (`personalInfo.name.family1`, `results.0.id`). */

export type Body = Record<string, unknown>;

export const isBody = (value: unknown): value is Body => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The value at the dotted `path`, or undefined when any part of it is missing. */
export function valueAt(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** The parent object of the last part of `path` inside `copy`, when every part before it exists. */
function parentOf(copy: Body, path: string): { parent: Body; last: string } | undefined {
  const parts = path.split('.');
  const last = parts.pop();
  let parent: unknown = copy;
  for (const part of parts) parent = isBody(parent) ? parent[part] : undefined;
  return last !== undefined && isBody(parent) ? { parent, last } : undefined;
}

/** A copy of `body` without the field at `path`, or undefined when the body has no such field. */
export function withoutField(body: Body, path: string): Body | undefined {
  const copy = structuredClone(body);
  const found = parentOf(copy, path);
  if (!found || !Object.hasOwn(found.parent, found.last)) return undefined;
  delete found.parent[found.last];
  return copy;
}

/** A copy of `body` with the field at `path` set to `value`, or undefined when its parent object is missing. */
export function withField(body: Body, path: string, value: unknown): Body | undefined {
  const copy = structuredClone(body);
  const found = parentOf(copy, path);
  if (!found) return undefined;
  found.parent[found.last] = value;
  return copy;
}
