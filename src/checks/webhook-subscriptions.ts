/** Subscriptions as the preflight reads them from a list answer, and what is wrong with where they deliver. */
import type { EnvironmentName, SubscriptionListShape } from '../providers/types.ts';

export interface ListedSubscription {
  /** `"name" (id)`: how a failure names it. */
  label: string;
  url: string;
  active: boolean;
}

function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), value);
}

export function subscriptionsIn(body: unknown, shape: SubscriptionListShape): ListedSubscription[] {
  const items = Array.isArray(body) ? body : at(body, shape.items);
  if (!Array.isArray(items)) return [];
  return items.map((item: unknown) => {
    const name = at(item, shape.name);
    const id = at(item, shape.id);
    const url = at(item, shape.url);
    return {
      label: `${typeof name === 'string' && name ? `"${name}"` : 'unnamed'} (${String(id)})`,
      url: typeof url === 'string' ? url : '',
      // Absent means active: only an explicit false turns a subscription off.
      active: at(item, shape.active) !== false,
    };
  });
}

/**
 * One line per active subscription that does not deliver over https to the receiver: the host is named, never the
 * rest of the URL (a path or query may carry a token of the receiver's).
 */
export function subscriptionProblems(
  active: readonly ListedSubscription[],
  receiver: string,
  environment: EnvironmentName,
  otherReceivers: ReadonlyMap<string, EnvironmentName>,
): string[] {
  return active.flatMap((s) => {
    let url: URL;
    try {
      url = new URL(s.url);
    } catch {
      return [`${s.label} has no valid URL`];
    }
    const host = url.host.toLowerCase();
    if (url.protocol !== 'https:') return [`${s.label} delivers over ${url.protocol.replace(':', '')} to ${host}: https only`];
    if (host === receiver) return [];
    const other = otherReceivers.get(host);
    return [other ? `${s.label} of ${environment} delivers to ${host}, the ${other} receiver` : `${s.label} delivers to ${host}, not ${receiver}`];
  });
}
