/** Every form of a target's webhook secret that could reach a report: the value, and the key part of a prefixed one. */
import type { TargetProfile } from '../config/profile.ts';

export function webhookSecretForms(tp: TargetProfile): string[] {
  const value = tp.credentials.webhookSecret?.reveal();
  if (!value) return [];
  const scheme = tp.target.provider.webhooks?.signature;
  const prefix = scheme?.kind === 'id-timestamp-hmac-sha256-base64' ? scheme.secretPrefix : undefined;
  return prefix && value.startsWith(prefix) ? [value, value.slice(prefix.length)] : [value];
}
