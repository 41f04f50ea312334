/** The triage vocabulary: every failure carries exactly one of these, decided by the suite, never guessed from a message. */
export const CATEGORIES = {
  configuration: { title: 'Configuration error', owner: 'our profile or setup' },
  'wrong-host': { title: 'Wrong host or region', owner: 'host/region coupling' },
  tls: { title: 'TLS / certificate', owner: 'the partner host or our CA bundle' },
  redirect: { title: 'Redirect / trailing slash', owner: 'the partner API (or our paths)' },
  'credential-rejected': { title: 'Credential rejected', owner: 'our credentials' },
  'auth-not-enforced': { title: 'Authentication not enforced as documented', owner: 'the partner API' },
  'token-lifecycle': { title: 'Token lifecycle', owner: 'the partner API or our token handling' },
  'schema-drift': { title: 'Schema drift', owner: 'the partner API' },
  'round-trip': { title: 'Round trip broken (a record not kept as documented)', owner: 'the partner API' },
  'invalid-response': { title: 'Invalid response (not the JSON the API documents)', owner: 'the partner API or a gateway in front of it' },
  'rate-limited': { title: 'Rate limited', owner: 'the partner API (or our pacing)' },
  'partner-server-error': { title: 'Partner server error', owner: 'the partner API' },
  'network-unreachable': { title: 'Network unreachable', owner: 'the network path' },
  timeout: { title: 'Timeout (no complete answer in time)', owner: 'the partner API or the network path (or our CONTRACT_REQUEST_TIMEOUT_MS)' },
} as const;

export type Category = keyof typeof CATEGORIES;

export function isCategory(value: string): value is Category {
  return value in CATEGORIES;
}
