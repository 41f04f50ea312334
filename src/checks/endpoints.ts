/** Which of a provider's endpoints a target may call, given that mutating calls are for uat (or explicitly allowed prod). */
import type { Profile, TargetProfile } from '../config/profile.ts';
import type { EndpointDescriptor, ParamSource } from '../providers/types.ts';

/** Where every value an endpoint needs comes from: its path parameters and the values its body is built from. */
function sourcesOf(endpoint: EndpointDescriptor): ParamSource[] {
  return [...Object.values(endpoint.params ?? {}), ...Object.values(endpoint.bodyParams ?? {})];
}

export function writesAllowed(tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites'>): boolean {
  return tp.target.environment !== 'prod' || profile.allowProdWrites;
}

/** Endpoints the target can call: reads, mutating ones where writes are allowed, and those whose ids (path or body) come from callable ones. */
export function callableEndpoints(tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites'>): EndpointDescriptor[] {
  const all = tp.target.provider.endpoints;
  const callable = (e: EndpointDescriptor, depth = 0): boolean => {
    if (depth > all.length) return false;
    if (e.mutating && !writesAllowed(tp, profile)) return false;
    return sourcesOf(e).every((source) => {
      const from = all.find((x) => x.id === source.from);
      return from !== undefined && callable(from, depth + 1);
    });
  };
  return all.filter((e) => callable(e));
}

/** Read endpoints (GET) other than token issuing and a round trip's own: what redirect checks walk. */
export function readEndpoints(tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites'>): EndpointDescriptor[] {
  return callableEndpoints(tp, profile).filter((e) => e.method === 'GET' && !e.flowOnly);
}

export function tokenEndpointId(tp: TargetProfile): string | undefined {
  return tp.target.provider.auth.token?.endpoint;
}

/** Mutating endpoints the target may call (not the login). */
export function writeEndpoints(tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites'>): EndpointDescriptor[] {
  return callableEndpoints(tp, profile).filter((e) => e.mutating);
}

/** Whether calling the endpoint needs a write: it is mutating, or one of its ids (path or body) comes from a mutating call. */
export function needsWrites(endpoint: EndpointDescriptor, all: readonly EndpointDescriptor[], depth = 0): boolean {
  if (endpoint.mutating) return true;
  if (depth > all.length) return false;
  return sourcesOf(endpoint).some((source) => {
    const from = all.find((e) => e.id === source.from);
    return from !== undefined && needsWrites(from, all, depth + 1);
  });
}
