/** Value checks for profile keys: each failure is a ConfigError naming the source and key. */
import { TARGETS, type Target } from '../providers/catalogue.ts';
import { ConfigError } from './config-error.ts';

export function validateSecretLike(source: string, key: string, value: string): void {
  if (value === '') throw new ConfigError(source, key, 'is empty');
  if (value !== value.trim()) throw new ConfigError(source, key, 'has leading or trailing spaces (a pasted value?)');
  if (/^["'`].*["'`]$/s.test(value) || /^["'`]|["'`]$/.test(value)) throw new ConfigError(source, key, 'is wrapped in quotes (a pasted value?)');
  if (/[\r\n\t]/.test(value)) throw new ConfigError(source, key, 'contains a line break or tab');
}

export function validateEmail(source: string, key: string, value: string): string {
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new ConfigError(source, key, 'is not an email address');
  return value;
}

export function validateDate(source: string, key: string, value: string, now = Date.now()): Date {
  const isoDate = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
  const date = new Date(value);
  if (!isoDate.test(value) || Number.isNaN(date.getTime())) throw new ConfigError(source, key, `is not an ISO date (YYYY-MM-DD), got "${value}"`);
  if (date.getTime() > now + 86_400_000) throw new ConfigError(source, key, `is in the future (${value})`);
  return date;
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, '');
}

/**
 * A base URL override must be https, must not point at another target's documented host, and must keep the
 * documented base path exactly once (no doubled or missing `/api`). Returns it normalised to the documented form.
 */
export function validateBaseUrl(source: string, key: string, value: string, target: Target): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(source, key, `is not a URL ("${value}")`);
  }
  if (url.protocol === 'http:') throw new ConfigError(source, key, `uses http:// (${url.host}): credentials must only travel over https`);
  if (url.protocol !== 'https:') throw new ConfigError(source, key, `must be an https:// URL, got ${url.protocol}`);
  if (url.username || url.password) throw new ConfigError(source, key, 'must not carry credentials in the URL');
  if (url.search || url.hash) throw new ConfigError(source, key, 'must not have a query or fragment');
  const documented = new URL(target.documentedBaseUrl);
  if (url.host !== documented.host) {
    const sameProvider = TARGETS.filter((t) => t.provider.id === target.provider.id && new URL(t.documentedBaseUrl).host === url.host);
    const owner = sameProvider.find((t) => t.environment === target.environment) ?? sameProvider[0];
    if (owner) throw new ConfigError(source, key, `points at ${url.host}, the host of ${owner.id}, not of ${target.id} (${documented.host})`);
    const foreign = TARGETS.find((t) => new URL(t.documentedBaseUrl).host === url.host);
    if (foreign) throw new ConfigError(source, key, `points at ${url.host}, a ${foreign.provider.name} host, not a ${target.provider.name} one`);
  }
  const expectedPath = trimSlash(documented.pathname);
  const actualPath = trimSlash(url.pathname);
  if (actualPath !== expectedPath) {
    const segment = expectedPath.split('/').filter(Boolean)[0];
    const doubled = segment && actualPath.startsWith(`${expectedPath}/${segment}`);
    const why = doubled ? 'doubles' : 'does not match';
    throw new ConfigError(source, key, `path "${url.pathname}" ${why} the documented base path "${documented.pathname}"`);
  }
  return `${url.protocol}//${url.host}${documented.pathname}`;
}
