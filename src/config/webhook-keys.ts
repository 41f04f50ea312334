/**
 * A target's webhook settings in the profile: the secret the team's receiver verifies deliveries with
 * (`<PREFIX>_WEBHOOK_HMAC_KEY` or `<PREFIX>_WEBHOOK_SECRET`, as the provider names it) and the receiver's host
 * (`<PREFIX>_WEBHOOK_RECEIVER`). Messages name the key, never the value.
 */
import type { ProviderDescriptor } from '../providers/types.ts';
import { keyBytesOf } from '../webhooks/signing-keys.ts';
import { ConfigError } from './config-error.ts';
import { Secret } from './secret.ts';
import { validateSecretLike } from './validators.ts';

export const WEBHOOK_SUFFIXES = ['WEBHOOK_HMAC_KEY', 'WEBHOOK_SECRET', 'WEBHOOK_RECEIVER'] as const;
export type WebhookSuffix = (typeof WEBHOOK_SUFFIXES)[number];

/** Fewer key bytes than this is no real signing key (SpotDraft's example key has 64). */
const MIN_KEY_BYTES = 16;
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/i;

export interface WebhookSettings {
  secret?: Secret;
  /** Host (and port, if any) every active subscription of the environment must deliver to, lower case. */
  receiver?: string;
}

/** Why a webhook key does not belong to this provider, or undefined when it does. */
export function webhookKeyMisfit(provider: ProviderDescriptor, suffix: WebhookSuffix): string | undefined {
  const webhooks = provider.webhooks;
  if (!webhooks) return `is not used by ${provider.id} (it documents no webhooks)`;
  if (suffix === 'WEBHOOK_RECEIVER') {
    return webhooks.subscriptions && 'endpoint' in webhooks.subscriptions ? undefined : `is not used by ${provider.id} (it documents no list of subscriptions to check a receiver against)`;
  }
  return suffix === webhooks.secretKey ? undefined : `is not used by ${provider.id} (its receiver's secret is <PREFIX>_${webhooks.secretKey})`;
}

function secretProblem(provider: ProviderDescriptor, value: string): string | undefined {
  const scheme = provider.webhooks?.signature;
  const shape = scheme?.kind === 'id-timestamp-hmac-sha256-base64' ? `${scheme.secretPrefix} followed by base64` : 'base64';
  const bytes = keyBytesOf(provider, value);
  if (!bytes) return `is not ${shape} (copy it again, whole)`;
  if (bytes.length < MIN_KEY_BYTES) return `holds ${bytes.length} key bytes: fewer than ${MIN_KEY_BYTES}, not a real signing key?`;
  return undefined;
}

export function readWebhookSettings(
  provider: ProviderDescriptor,
  prefix: string,
  get: (key: string) => string | undefined,
  where: (key: string) => string,
): WebhookSettings {
  const settings: WebhookSettings = {};
  const secretSuffix = provider.webhooks?.secretKey;
  if (secretSuffix) {
    const key = `${prefix}_${secretSuffix}`;
    const value = get(key);
    if (value !== undefined) {
      validateSecretLike(where(key), key, value);
      const problem = secretProblem(provider, value);
      if (problem) throw new ConfigError(where(key), key, problem);
      settings.secret = new Secret(value);
    }
  }
  const receiverKey = `${prefix}_WEBHOOK_RECEIVER`;
  const receiver = get(receiverKey);
  if (receiver !== undefined) {
    validateSecretLike(where(receiverKey), receiverKey, receiver);
    if (receiver.includes('://') || receiver.includes('/')) throw new ConfigError(where(receiverKey), receiverKey, `must be the receiver's host name (like hooks.example.com), not a URL: got "${receiver}"`);
    if (!HOST.test(receiver)) throw new ConfigError(where(receiverKey), receiverKey, `is not a host name, got "${receiver}"`);
    settings.receiver = receiver.toLowerCase();
  }
  return settings;
}
