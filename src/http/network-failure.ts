/** Turns a transport error into a classified NetworkFailure: the suite decides the category from the error code. */
import type { NetworkFailure } from './exchange.ts';

const RULES: { test: RegExp; kind: string; category: NetworkFailure['category'] }[] = [
  { test: /certificate has expired|CERT_HAS_EXPIRED/i, kind: 'certificate expired', category: 'tls' },
  { test: /altnames|ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate/i, kind: 'certificate for another host', category: 'tls' },
  { test: /self[- ]signed|unable to verify|UNABLE_TO_GET_ISSUER|unable to get local issuer|DEPTH_ZERO|CERT_UNTRUSTED/i, kind: 'untrusted certificate authority', category: 'tls' },
  { test: /certificate|SSL|TLS|EPROTO/i, kind: 'TLS handshake failed', category: 'tls' },
  { test: /ENOTFOUND|EAI_AGAIN|getaddrinfo/i, kind: 'unknown host (DNS)', category: 'network-unreachable' },
  { test: /ECONNREFUSED/i, kind: 'connection refused', category: 'network-unreachable' },
  { test: /Timeout .*exceeded|ETIMEDOUT|timed out/i, kind: 'timeout', category: 'network-unreachable' },
  { test: /ECONNRESET|socket hang up|aborted|EPIPE/i, kind: 'connection reset', category: 'network-unreachable' },
  { test: /tunnel|statusCode=5\d\d|502|proxy/i, kind: 'proxy could not reach the host', category: 'network-unreachable' },
];

export function classifyNetworkError(error: unknown): NetworkFailure {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
  const rule = RULES.find((r) => r.test.test(message));
  return { category: rule?.category ?? 'network-unreachable', kind: rule?.kind ?? 'network error', message };
}
