/** Every fault the twin knows, contract and network: the one list TWIN_FAULTS and the admin API are checked against. */
import { FAULT_NAMES, type FaultName } from './catalogue.ts';
import { NETWORK_FAULT_NAMES, type NetworkFaultName } from './network.ts';

export type KnownFaultName = FaultName | NetworkFaultName;

export const KNOWN_FAULT_NAMES: ReadonlySet<string> = new Set([...FAULT_NAMES, ...NETWORK_FAULT_NAMES]);
