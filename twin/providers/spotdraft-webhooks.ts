/**
 * SpotDraft's webhook signing key, one per workspace ([assume] PROVIDERS.md), answered by `GET v2.1/public/webhooks/hmac_key/`
 * as `{hmac_key}`: the base64 of the secret. Seeded from the workspace's target, so the committed twin profiles can
 * declare the same key for the receiver.
 */
import { activeFor } from '../faults/scope.ts';
import type { TwinAccount, TwinContext, TwinRequest, TwinResponse } from '../types.ts';
import { bytesFrom } from './deterministic.ts';
import { json } from './http.ts';

/** SpotDraft's example key is 64 bytes. */
const KEY_BYTES = 64;

export function seededHmacKey(targetId: string): string {
  return bytesFrom(`spotdraft:${targetId}:webhook-hmac-key`, KEY_BYTES).toString('base64');
}

export function webhookHmacKey(_req: TwinRequest, _params: Record<string, string>, { account }: { account: TwinAccount }, ctx: TwinContext): TwinResponse {
  // The workspace's key was regenerated after the receiver was configured: it holds the old one.
  const key = activeFor(ctx, 'spotdraft-webhook-key-regenerated', account) ? seededHmacKey(`${account.targetId}:regenerated`) : seededHmacKey(account.targetId);
  return json(200, { hmac_key: key }, 'accepted');
}
