/** The body the suite builds for an endpoint, with placeholders for the values it discovers at run time. */
import { REQUEST_BODIES } from '../../providers/request-bodies.ts';
import type { EndpointDescriptor, ProviderDescriptor } from '../../providers/types.ts';
import { PLACEHOLDER_ID } from './endpoint-drift.ts';

export function sampleRequestBody(_provider: ProviderDescriptor, endpoint: EndpointDescriptor): unknown {
  const factory = endpoint.body ? REQUEST_BODIES[endpoint.body] : undefined;
  if (!factory) return undefined;
  return factory(Object.fromEntries(Object.keys(endpoint.bodyParams ?? {}).map((name) => [name, PLACEHOLDER_ID])));
}
