/** Certificate faults: which certificate a host presents while the fault is active, chosen per TLS handshake. */
import type { CertificateOptions } from '../certificates.ts';
import type { TwinContext } from '../types.ts';
import type { FaultName } from './catalogue.ts';
import type { KnownFaultName } from './names.ts';
import type { NetworkFaultName } from './network.ts';
import { activeOnFaultHost, activeOnHost } from './scope.ts';

/** Contract faults: each lives on its catalogue target's host. */
const CONTRACT_CERTIFICATE_FAULTS: Partial<Record<FaultName, CertificateOptions>> = {
  'spotdraft-certificate-for-another-host': { issuedFor: 'api.spotdraft.com' },
  'spreetail-certificate-expired': { notBeforeDays: -91, notAfterDays: -1 },
};

/** Network faults: on the host of the target they are scoped to (every host when unscoped). */
const NETWORK_CERTIFICATE_FAULTS: Partial<Record<NetworkFaultName, CertificateOptions>> = {
  'network-untrusted-certificate-authority': { untrusted: true },
};

export const CERTIFICATE_FAULTS: Partial<Record<KnownFaultName, CertificateOptions>> = { ...CONTRACT_CERTIFICATE_FAULTS, ...NETWORK_CERTIFICATE_FAULTS };

/** The certificate fault active on this host right now, if any. */
export function certificateFault(ctx: TwinContext, host: string): KnownFaultName | undefined {
  return (Object.keys(CONTRACT_CERTIFICATE_FAULTS) as FaultName[]).find((name) => activeOnFaultHost(ctx, name, host))
    ?? (Object.keys(NETWORK_CERTIFICATE_FAULTS) as NetworkFaultName[]).find((name) => activeOnHost(ctx, name, host));
}
