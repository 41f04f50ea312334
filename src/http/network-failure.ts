/** Turns a transport error into a classified NetworkFailure: the suite decides the category from the error's first line. */
import type { NetworkFailure } from './exchange.ts';

/** A transport failure classified where it happened (a proxy's Proxy-Status, say): passed through as it is. */
export class NetworkFailureError extends Error {
  constructor(readonly failure: NetworkFailure) {
    super(`${failure.kind}: ${failure.message}`);
    this.name = 'NetworkFailureError';
  }
}

interface Rule {
  test: RegExp;
  kind: string;
  category: NetworkFailure['category'];
  /** A clearer message than the transport's, when its own says little ("aborted"). */
  message?: (match: RegExpExecArray) => string;
}

const RULES: Rule[] = [
  { test: /certificate has expired|CERT_HAS_EXPIRED/i, kind: 'certificate expired', category: 'tls' },
  { test: /altnames|ERR_TLS_CERT_ALTNAME_INVALID|does not match certificate/i, kind: 'certificate for another host', category: 'tls' },
  { test: /self[-_ ]signed|unable[_ ]to[_ ]verify|UNABLE_TO_GET_ISSUER|unable to get local issuer|DEPTH_ZERO|CERT_UNTRUSTED/i, kind: 'untrusted certificate authority', category: 'tls' },
  // Playwright's own time-out covers the whole exchange: no answer at all and a body that stalls read the same.
  { test: /^Timeout (\d+)ms exceeded\.?$/i, kind: 'timeout', category: 'timeout', message: (m) => `no complete answer within ${m[1]} ms` },
  { test: /Timeout .*exceeded|ETIMEDOUT|timed out/i, kind: 'timeout', category: 'timeout' },
  { test: /certificate|SSL|TLS|EPROTO/i, kind: 'TLS handshake failed', category: 'tls' },
  { test: /ENOTFOUND|EAI_AGAIN|getaddrinfo/i, kind: 'unknown host (DNS)', category: 'network-unreachable' },
  { test: /ECONNREFUSED/i, kind: 'connection refused', category: 'network-unreachable' },
  // Node's word for a response whose connection closed before its body was complete.
  { test: /^aborted$/i, kind: 'connection reset mid-body', category: 'network-unreachable', message: () => 'the connection closed before the body was complete (aborted)' },
  { test: /ECONNRESET|socket hang up|aborted|EPIPE/i, kind: 'connection reset', category: 'network-unreachable' },
  { test: /tunnel|statusCode=5\d\d|502|proxy/i, kind: 'proxy could not reach the host', category: 'network-unreachable' },
];

/** Only the first line: Playwright's messages go on with a call log that holds request headers. */
function firstLineOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return text.replace(/^apiRequestContext\.\w+:\s*/, '').trim() || 'unknown error';
}

export function classifyNetworkError(error: unknown): NetworkFailure {
  if (error instanceof NetworkFailureError) return error.failure;
  const message = firstLineOf(error);
  for (const rule of RULES) {
    const match = rule.test.exec(message);
    if (match) return { category: rule.category, kind: rule.kind, message: rule.message?.(match) ?? message };
  }
  return { category: 'network-unreachable', kind: 'network error', message };
}
