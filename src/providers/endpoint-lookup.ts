/** A provider's endpoints, its webhook operations included: what the client, the twin and drift look an id up in. */
import type { EndpointDescriptor, ProviderDescriptor } from './types.ts';

export function allEndpoints(provider: ProviderDescriptor): EndpointDescriptor[] {
  return [...provider.endpoints, ...(provider.webhooks?.endpoints ?? [])];
}

export function findEndpoint(provider: ProviderDescriptor, id: string): EndpointDescriptor | undefined {
  return allEndpoints(provider).find((e) => e.id === id);
}
