/** Certificate faults: which certificate a host presents while the fault is active, chosen per TLS handshake. */
import type { CertificateOptions } from '../certificates.ts';
import type { TwinContext } from '../types.ts';
import type { FaultName } from './catalogue.ts';
import { activeOnFaultHost } from './scope.ts';

export const CERTIFICATE_FAULTS: Partial<Record<FaultName, CertificateOptions>> = {
  'spotdraft-certificate-for-another-host': { issuedFor: 'api.spotdraft.com' },
  'spreetail-certificate-expired': { notBeforeDays: -91, notAfterDays: -1 },
};

/** The certificate fault active on this host right now, if any. */
export function certificateFault(ctx: TwinContext, host: string): FaultName | undefined {
  return (Object.keys(CERTIFICATE_FAULTS) as FaultName[]).find((name) => activeOnFaultHost(ctx, name, host));
}
