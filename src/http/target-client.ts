/** The HttpClient of one target: credentials only to the provider's own hosts, writes to prod only when allowed. */
import type { Profile, TargetProfile } from '../config/profile.ts';
import { hostsOf } from '../providers/catalogue.ts';
import { HttpClient } from './client.ts';
import type { Transport } from './transport.ts';

export function targetHttpClient(transport: Transport, tp: TargetProfile, profile: Pick<Profile, 'allowProdWrites' | 'requestTimeoutMs'>): HttpClient {
  const credentialHosts = new Set([...hostsOf(tp.target.provider, 'uat').values(), ...hostsOf(tp.target.provider, 'prod').values(), new URL(tp.baseUrl).host]);
  return new HttpClient(transport, {
    credentialHosts, production: tp.target.environment === 'prod', allowProdWrites: profile.allowProdWrites,
  }, profile.requestTimeoutMs, tp.target.provider.rateLimit?.requestsPerSecond);
}
