/** The key bytes of a profile's webhook secret, by the provider's signing scheme. */
import type { ProviderDescriptor } from '../providers/types.ts';
import { spotdraftKeyBytes } from './spotdraft-signature.ts';
import { spotnanaKeyBytes } from './spotnana-signature.ts';

export function keyBytesOf(provider: ProviderDescriptor, secret: string): Buffer | undefined {
  const scheme = provider.webhooks?.signature;
  if (!scheme) return undefined;
  return scheme.kind === 'body-hmac-sha512-hex' ? spotdraftKeyBytes(secret) : spotnanaKeyBytes(scheme, secret);
}
