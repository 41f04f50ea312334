/**
 * Safety rules checked before anything is sent: credentials only over https and only to the provider's
 * documented hosts; no mutating request to a prod target unless explicitly allowed.
 */
export class GuardRefusal extends Error {
  readonly category = 'configuration' as const;
  constructor(message: string) {
    super(`[configuration] refused before sending: ${message}`);
    this.name = '';
  }
}

export interface GuardPolicy {
  /** Hosts that may receive this target's credentials (its provider's documented hosts and the profile's host). */
  credentialHosts: ReadonlySet<string>;
  production: boolean;
  allowProdWrites: boolean;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isMutating(method: string): boolean {
  return MUTATING.has(method.toUpperCase());
}

export function guardRequest(policy: GuardPolicy, method: string, url: string, carriesCredentials: boolean, isLogin: boolean): void {
  const u = new URL(url);
  if (carriesCredentials) {
    if (u.protocol !== 'https:') throw new GuardRefusal(`${method} ${u.host}${u.pathname} would send credentials over ${u.protocol}//`);
    if (!policy.credentialHosts.has(u.host)) throw new GuardRefusal(`${method} ${u.host}${u.pathname} would send credentials to a host that is not the provider's`);
  }
  // Logging in is a POST that changes nothing on the partner's side.
  if (policy.production && !policy.allowProdWrites && isMutating(method) && !isLogin) {
    throw new GuardRefusal(`${method} ${u.host}${u.pathname} is a mutating request to a prod target (set CONTRACT_ALLOW_PROD_WRITES=1 to allow)`);
  }
}
