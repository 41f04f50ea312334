/**
 * Whether a request presents a credential: an Authorization header (whatever it holds), SpotDraft's client-id or
 * client-secret header, or a client id or secret in a token or login body. A request with none of them is no
 * authentication attempt of anyone's credential, whatever the provider answers it.
 */
import type { TwinRequest } from './types.ts';

const CREDENTIAL_HEADERS = ['authorization', 'client-id', 'client-secret'];
const CREDENTIAL_FIELDS = ['client_id', 'client_secret'];

export function carriesCredential(req: Pick<TwinRequest, 'headers' | 'json' | 'form'>): boolean {
  if (CREDENTIAL_HEADERS.some((name) => req.headers[name] !== undefined)) return true;
  const json = req.json && typeof req.json === 'object' ? (req.json as Record<string, unknown>) : undefined;
  return CREDENTIAL_FIELDS.some((field) => json?.[field] !== undefined || req.form?.has(field) === true);
}
