/** Hosts and full request paths taken from the suite's provider descriptors (never retyped here). */
import { findEndpoint } from '../../src/providers/endpoint-lookup.ts';
import type { ProviderDescriptor } from '../../src/providers/types.ts';
import type { Route } from '../types.ts';

export function descriptorHosts(descriptor: ProviderDescriptor): string[] {
  const urls = Object.values(descriptor.baseUrls).flatMap((byEnvironment) => Object.values(byEnvironment));
  return [...new Set(urls.map((url) => new URL(url).hostname))].sort();
}

/** Base path + endpoint path, e.g. `/api/` + `v2.1/public/contract_types/` -> `/api/v2.1/public/contract_types/`. */
export function endpointPath(descriptor: ProviderDescriptor, endpointId: string): string {
  const endpoint = findEndpoint(descriptor, endpointId);
  if (!endpoint) throw new Error(`${descriptor.id} has no endpoint ${endpointId}`);
  const firstBaseUrl = Object.values(descriptor.baseUrls)[0]?.uat;
  if (!firstBaseUrl) throw new Error(`${descriptor.id} has no base URL`);
  const basePath = new URL(firstBaseUrl).pathname.replace(/\/+$/, '');
  return `${basePath}/${endpoint.path.replace(/^\/+/, '')}`;
}

/** A route for a descriptor endpoint: method and full path come from the descriptor. */
export function descriptorRoute(descriptor: ProviderDescriptor, endpointId: string, handle: Route['handle']): Route {
  const endpoint = findEndpoint(descriptor, endpointId);
  if (!endpoint) throw new Error(`${descriptor.id} has no endpoint ${endpointId}`);
  return { method: endpoint.method, path: endpointPath(descriptor, endpointId), handle };
}
