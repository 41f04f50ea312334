/** Whether a record read back still holds what was sent: every field sent, at any depth, with the same value. */
import { isBody } from '../body-paths.ts';

export interface Difference {
  /** Dotted path of the first field that differs. */
  path: string;
  sent: unknown;
  got: unknown;
}

const join = (at: string, key: string | number): string => (at ? `${at}.${key}` : String(key));

/**
 * The first field of `sent` that `got` lacks or holds differently; fields only `got` has (ids, defaults, names the
 * partner adds to a reference) are not differences. Arrays must have the same length, item by item.
 */
export function firstDifference(sent: unknown, got: unknown, at = ''): Difference | undefined {
  if (Array.isArray(sent)) {
    if (!Array.isArray(got) || got.length !== sent.length) return { path: at, sent, got };
    for (const [index, item] of sent.entries()) {
      const difference = firstDifference(item, got[index], join(at, index));
      if (difference) return difference;
    }
    return undefined;
  }
  if (isBody(sent)) {
    if (!isBody(got)) return { path: at, sent, got };
    for (const [key, value] of Object.entries(sent)) {
      const difference = firstDifference(value, got[key], join(at, key));
      if (difference) return difference;
    }
    return undefined;
  }
  return Object.is(sent, got) ? undefined : { path: at, sent, got };
}
