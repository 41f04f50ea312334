/**
 * Network faults: the transport goes wrong, not the contract — the way a partner host, the gateway in front of it or
 * the path to it fails. Kept apart from the contract catalogue (catalogue.ts), whose fault matrix runs each fault on
 * its own: tests/self/integration/network-faults.test.ts runs these many at a time, one per target.
 *
 * `TWIN_FAULTS=name` switches one on everywhere, `name@<target-id>` for one target, as far as its layer can tell
 * targets apart:
 * - `tunnel`: the proxy refuses the CONNECT to the target's host (every target on that host, and every request to it);
 * - `tls`: the target's host presents another certificate (every target on that host);
 * - `answer`: the target's requests get the fault — those its suite worker sends (named in the User-Agent), or else
 *   those carrying its credentials or token; other requests are served as usual.
 *
 * The wrong-host certificate is a contract fault already (`spotdraft-certificate-for-another-host`, twin/faults/tls.ts).
 */
import type { Category } from '../../src/categories.ts';

export type NetworkLayer = 'tunnel' | 'tls' | 'answer';

export interface NetworkFaultSpec {
  /** kebab-case, `network-<what goes wrong>`. */
  name: string;
  layer: NetworkLayer;
  /** One line: what goes wrong, as a client meets it. */
  description: string;
  /** One line: how the twin plays it. */
  emulation: string;
  /** Category the suite must give every failure it causes. */
  category: Category;
  /** Text every failure line it causes must contain: the kind of failure, as the suite names it. */
  kind: string;
}

export const NETWORK_FAULTS = [
  {
    name: 'network-connection-refused', layer: 'tunnel', category: 'network-unreachable', kind: 'connection refused',
    description: 'The host refuses TCP connections.',
    emulation: 'The proxy answers CONNECT with 502 and `Proxy-Status: twin; error=connection_refused` (RFC 9209), as a forward proxy reports a refused upstream.',
  },
  {
    name: 'network-unknown-host', layer: 'tunnel', category: 'network-unreachable', kind: 'unknown host (DNS)',
    description: 'The host name does not resolve.',
    emulation: 'The proxy answers CONNECT with 502 and `Proxy-Status: twin; error=dns_error; rcode="NXDOMAIN"` (RFC 9209).',
  },
  {
    name: 'network-untrusted-certificate-authority', layer: 'tls', category: 'tls', kind: 'untrusted certificate authority',
    description: 'The host presents a certificate issued by a CA the suite does not trust (an intercepting proxy, a private CA).',
    emulation: 'The host name is right, but the certificate and its chain come from a second CA made at start that nobody trusts.',
  },
  {
    name: 'network-no-response', layer: 'answer', category: 'timeout', kind: 'timeout',
    description: 'The host accepts the request and never answers.',
    emulation: 'The request is read; nothing is written and the connection stays open.',
  },
  {
    name: 'network-body-stalls', layer: 'answer', category: 'timeout', kind: 'timeout',
    description: 'The answer starts, then its body stops arriving.',
    emulation: 'Status 200 and headers announcing a JSON body are sent with half of that body, then nothing more.',
  },
  {
    name: 'network-reset-mid-body', layer: 'answer', category: 'network-unreachable', kind: 'connection reset mid-body',
    description: 'The connection drops while the body is arriving.',
    emulation: 'Status 200 and part of the announced body are sent, then the connection is destroyed.',
  },
  {
    name: 'network-invalid-json', layer: 'answer', category: 'invalid-response', kind: 'invalid JSON',
    description: 'A success answer whose JSON body is cut short.',
    emulation: 'Status 200, `content-type: application/json`, a truncated JSON document.',
  },
  {
    name: 'network-html-instead-of-json', layer: 'answer', category: 'invalid-response', kind: 'not JSON',
    description: 'A success answer with the wrong content-type: a gateway\'s maintenance page instead of JSON.',
    emulation: 'Status 200, `content-type: text/html`, an HTML maintenance page.',
  },
  {
    name: 'network-500', layer: 'answer', category: 'partner-server-error', kind: '500 Internal Server Error',
    description: 'The API fails with 500.',
    emulation: 'Status 500 with a JSON error body.',
  },
  {
    name: 'network-502', layer: 'answer', category: 'partner-server-error', kind: '502 Bad Gateway',
    description: "The partner's gateway cannot reach its API: 502.",
    emulation: "Status 502 with nginx's HTML page and no Proxy-Status: the partner's gateway, not our proxy, answers.",
  },
  {
    name: 'network-503', layer: 'answer', category: 'partner-server-error', kind: '503 Service Unavailable',
    description: 'The API is unavailable: 503.',
    emulation: 'Status 503 with an HTML page.',
  },
  {
    name: 'network-429-with-retry-after', layer: 'answer', category: 'rate-limited', kind: 'Retry-After: 1; still 429 after 2 retries',
    description: 'Every request is rate limited, with a Retry-After.',
    emulation: 'Status 429 with `Retry-After: 1` and a JSON error body, however long the client waits.',
  },
  {
    name: 'network-429-without-retry-after', layer: 'answer', category: 'rate-limited', kind: 'no Retry-After; still 429 after 2 retries',
    description: 'Every request is rate limited, without a Retry-After.',
    emulation: 'Status 429 with a JSON error body and no Retry-After.',
  },
] as const satisfies readonly NetworkFaultSpec[];

export type NetworkFaultName = (typeof NETWORK_FAULTS)[number]['name'];

export const NETWORK_FAULT_NAMES: ReadonlySet<string> = new Set(NETWORK_FAULTS.map((f) => f.name));

export function findNetworkFault(name: string): NetworkFaultSpec | undefined {
  return NETWORK_FAULTS.find((f) => f.name === name);
}
