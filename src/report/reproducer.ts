/**
 * A copy-paste curl reproducer for a test's exchanges. Secrets appear as the variables that hold them
 * (`$SPOTDRAFT_US_CLIENT_SECRET`), tokens as `$TOKEN`; the result still passes through redaction.
 */
import type { TargetProfile } from '../config/profile.ts';
import type { Exchange } from '../http/exchange.ts';
import { redactText } from '../http/redact.ts';

const quote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;
/** Double quotes so the shell expands the $VARIABLES we put in. */
const dquote = (value: string): string => `"${value.replace(/(["\\`])/g, '\\$1')}"`;

export function reproducer(exchanges: readonly Exchange[], tp: TargetProfile, tokens: readonly string[], proxy?: string): string {
  const { credentials, keys } = tp;
  const substitutions: [string, string][] = [
    [credentials.clientSecret.reveal(), `$${keys.clientSecret}`],
    ...tokens.map((t): [string, string] => [t, '$TOKEN']),
    [credentials.clientId, `$${keys.clientId}`],
  ];
  const substitute = (text: string) => substitutions.reduce((out, [value, variable]) => (value ? out.split(value).join(variable) : out), text);
  // A credential header's value is never copied: a bearer becomes $TOKEN, a client secret its variable, whatever it held.
  const headerValue = (name: string, value: string): string => {
    const lower = name.toLowerCase();
    if (lower === 'authorization') return /^Bearer\s/i.test(value) ? 'Bearer $TOKEN' : '$TOKEN';
    if (lower === 'client-secret') return value === credentials.clientSecret.reveal() ? `$${keys.clientSecret}` : '$WRONG_SECRET';
    if (lower === 'cookie' || lower === 'proxy-authorization') return '[redacted]';
    return substitute(value);
  };
  const lines = [
    '#!/bin/sh',
    `# Reproduce ${tp.target.id}: export ${keys.clientId} and ${keys.clientSecret}${tokens.length ? ', and TOKEN (from a fresh login)' : ''} first.`,
  ];
  for (const exchange of exchanges) {
    const parts = ['curl', '-sS', '-i', '--max-redirs', '0', '-X', exchange.request.method];
    if (proxy) parts.push('--proxy', '"$HTTPS_PROXY"');
    for (const [name, value] of Object.entries(exchange.request.headers)) parts.push('-H', dquote(`${name}: ${headerValue(name, value)}`));
    if (exchange.request.body !== undefined) parts.push('--data-raw', dquote(substitute(exchange.request.body)));
    parts.push(quote(substitute(exchange.request.url)));
    lines.push(parts.join(' '));
  }
  return redactText(lines.join('\n')) + '\n';
}
