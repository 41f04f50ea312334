/**
 * The one choke point for secrets: every exchange, message and attachment passes through here before it
 * leaves memory. Known secret values are replaced in every encoding they could appear in.
 */
import type { Exchange } from './exchange.ts';

export const REDACTED = '[redacted]';
const SENSITIVE_HEADERS = new Set(['client-secret', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key']);
// hmac_key: SpotDraft's workspace webhook key; hmacSigningSecret: Spotnana's, shown on create.
const SENSITIVE_FIELDS = /^(client_secret|clientSecret|access_token|accessToken|refresh_token|token|password|secret|hmac_key|hmacSigningSecret)$/;
/** Objects whose every value may be a credential: the headers a webhook subscription sends to its receiver. */
const SENSITIVE_MAPS = /^(customHeaders|custom_headers)$/;

/** Every form a secret could take in a report: raw, base64, base64url, URL-encoded, JSON-escaped. */
export function encodingsOf(value: string): string[] {
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  return [...new Set([
    value,
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(value, 'utf8').toString('base64url'),
    encodeURIComponent(value),
    new URLSearchParams({ v: value }).toString().slice(2),
    JSON.stringify(value).slice(1, -1),
  ])].filter((v) => v.length >= 6);
}

class SecretRegistry {
  private readonly patterns = new Set<string>();

  add(value: string | undefined): void {
    if (!value || value.length < 6) return;
    for (const encoded of encodingsOf(value)) this.patterns.add(encoded);
  }

  text(input: string): string {
    let output = input;
    // Longest first, so a secret's encoding is not half-replaced by a shorter pattern.
    for (const pattern of [...this.patterns].sort((a, b) => b.length - a.length)) {
      if (output.includes(pattern)) output = output.split(pattern).join(REDACTED);
    }
    return output;
  }
}

/** Per process (one Playwright worker): configured secrets and every token issued during the run. */
export const secrets = new SecretRegistry();

function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!SENSITIVE_HEADERS.has(name.toLowerCase())) out[name] = secrets.text(value);
    else if (name.toLowerCase() === 'authorization') {
      // Keep the scheme word: "Bearer [redacted]" vs "[redacted]" tells a missing prefix apart.
      const scheme = /^(Bearer|Basic)\s+/i.exec(value)?.[1];
      out[name] = scheme ? `${scheme} ${REDACTED}` : REDACTED;
    } else out[name] = REDACTED;
  }
  return out;
}

function redactJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactJson);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      if (SENSITIVE_FIELDS.test(k) && typeof v === 'string') return [k, REDACTED];
      if (SENSITIVE_MAPS.test(k) && v && typeof v === 'object' && !Array.isArray(v)) return [k, Object.fromEntries(Object.keys(v).map((name) => [name, REDACTED]))];
      return [k, redactJson(v)];
    }));
  }
  return typeof value === 'string' ? secrets.text(value) : value;
}

export function redactBody(body: string, contentType = ''): string {
  if (contentType.includes('x-www-form-urlencoded')) {
    const form = new URLSearchParams(body);
    for (const key of [...form.keys()]) if (SENSITIVE_FIELDS.test(key)) form.set(key, REDACTED);
    return secrets.text(form.toString());
  }
  try {
    return JSON.stringify(redactJson(JSON.parse(body)));
  } catch {
    return secrets.text(body);
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) if (SENSITIVE_FIELDS.test(key)) u.searchParams.set(key, REDACTED);
    return secrets.text(u.toString());
  } catch {
    return secrets.text(url);
  }
}

export function redactExchange(exchange: Exchange): Exchange {
  const { request, response, failure } = exchange;
  const requestType = request.headers['content-type'] ?? '';
  return {
    ...exchange,
    request: {
      method: request.method,
      url: redactUrl(request.url),
      headers: redactHeaders(request.headers),
      ...(request.body !== undefined ? { body: redactBody(request.body, requestType) } : {}),
    },
    ...(response ? {
      response: {
        status: response.status,
        statusText: response.statusText,
        headers: redactHeaders(response.headers),
        body: redactBody(response.body, response.headers['content-type'] ?? ''),
      },
    } : {}),
    ...(failure ? { failure: { ...failure, message: secrets.text(failure.message) } } : {}),
  };
}

export function redactText(text: string): string {
  return secrets.text(text);
}
