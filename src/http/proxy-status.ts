/**
 * RFC 9209 `Proxy-Status`: how a forward proxy says that it, not the partner, wrote an answer because it could not
 * reach the host. Playwright hands a refused CONNECT back as if the partner had answered it (a 502 with the proxy's
 * headers), so without this a DNS failure behind a proxy would read as a partner server error.
 */
import type { NetworkFailure } from './exchange.ts';

type Classified = Pick<NetworkFailure, 'kind' | 'category'>;

const ERROR_TYPES: Record<string, Classified> = {
  dns_error: { kind: 'unknown host (DNS)', category: 'network-unreachable' },
  dns_timeout: { kind: 'unknown host (DNS time-out)', category: 'network-unreachable' },
  destination_not_found: { kind: 'unknown host', category: 'network-unreachable' },
  destination_unavailable: { kind: 'host unavailable', category: 'network-unreachable' },
  destination_ip_unroutable: { kind: 'host unreachable', category: 'network-unreachable' },
  destination_ip_prohibited: { kind: 'host blocked by the proxy', category: 'network-unreachable' },
  connection_refused: { kind: 'connection refused', category: 'network-unreachable' },
  connection_terminated: { kind: 'connection reset', category: 'network-unreachable' },
  connection_limit_reached: { kind: 'proxy connection limit reached', category: 'network-unreachable' },
  connection_timeout: { kind: 'timeout', category: 'timeout' },
  connection_read_timeout: { kind: 'timeout', category: 'timeout' },
  connection_write_timeout: { kind: 'timeout', category: 'timeout' },
  http_response_timeout: { kind: 'timeout', category: 'timeout' },
  tls_protocol_error: { kind: 'TLS handshake failed', category: 'tls' },
  tls_certificate_error: { kind: 'untrusted certificate (checked by the proxy)', category: 'tls' },
};

/** `name; key=value; key="quoted"` → name and parameters (quoted strings may hold `;` and `,`). */
function parseMember(member: string): { name: string; params: Map<string, string> } {
  const parts = member.match(/(?:[^;"]+|"(?:[^"\\]|\\.)*")+/g) ?? [];
  const [name = '', ...rest] = parts.map((p) => p.trim());
  const params = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    params.set(key, value);
  }
  return { name, params };
}

/** The failure a proxy reports for this answer, or undefined when no intermediary reports an error. */
export function proxyFailure(status: number, headers: Readonly<Record<string, string | undefined>>): NetworkFailure | undefined {
  const value = headers['proxy-status'];
  if (!value) return undefined;
  const members = value.match(/(?:[^,"]+|"(?:[^"\\]|\\.)*")+/g) ?? [];
  // The first member is the intermediary closest to the partner: the one that could not get through.
  for (const member of members) {
    const { name, params } = parseMember(member);
    const error = params.get('error');
    if (!error) continue;
    const classified = ERROR_TYPES[error] ?? { kind: `proxy error ${error}`, category: 'network-unreachable' };
    const rcode = params.get('rcode');
    return { ...classified, message: `proxy ${name || '(unnamed)'} answered ${status} with Proxy-Status error=${error}${rcode ? ` rcode=${rcode}` : ''}` };
  }
  return undefined;
}
