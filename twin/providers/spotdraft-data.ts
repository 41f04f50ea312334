/** Seeded SpotDraft workspaces: one per account, so region and environment (uat/prod) hold different data. */
import type { TwinAccount } from '../types.ts';
import { intFrom } from './deterministic.ts';

export type ContractStatus = 'DRAFT' | 'REDLINING' | 'SIGN' | 'EXECUTED' | 'ON_HOLD' | 'VOIDED';

export interface Contract {
  id: number;
  created: string;
  contract_name: string;
  contract_link: string;
  contract_status: ContractStatus;
  created_by: string;
  counter_party_name: string;
  contract_type_name: string;
  contract_type_id: number;
  created_by_workspace: number;
}

export interface Member {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  name: string;
  designation: string;
  is_active: boolean;
  roles: { id: number; name: string; description: string }[];
}

export interface SpotdraftWorkspace {
  entities: Record<string, unknown>[];
  contractTypes: { id: number; name: string }[];
  /** Listed contracts; their composite id is `T-<id>`. */
  contracts: Contract[];
  /** Contracts reachable only by composite id `H-<id>` (not part of the list). */
  historicalContracts: Pick<Contract, 'id' | 'contract_name' | 'contract_status'>[];
  members: Member[];
  counterParties: Record<string, unknown>[];
  nextCounterPartyId: number;
}

const JURISDICTIONS: Record<string, { id: number; name: string; code2: string }> = {
  in: { id: 101, name: 'India', code2: 'IN' },
  us: { id: 234, name: 'United States', code2: 'US' },
  me: { id: 229, name: 'United Arab Emirates', code2: 'AE' },
  eu: { id: 105, name: 'Ireland', code2: 'IE' },
};

const CONTRACT_TYPE_NAMES = ['Mutual NDA', 'Master Services Agreement', 'Order Form', 'Data Processing Addendum'];

const CONTRACT_SEEDS: { name: string; counterParty: string; status: ContractStatus; typeIndex: number }[] = [
  { name: 'Mutual NDA - Globex', counterParty: 'Globex Corporation', status: 'EXECUTED', typeIndex: 0 },
  { name: 'MSA - Initech', counterParty: 'Initech LLC', status: 'REDLINING', typeIndex: 1 },
  { name: 'Order Form 2025-Q3 - Umbrella', counterParty: 'Umbrella Retail', status: 'SIGN', typeIndex: 2 },
  { name: 'DPA - Stark Logistics', counterParty: 'Stark Logistics', status: 'DRAFT', typeIndex: 3 },
  { name: 'Mutual NDA - Wayne Foods', counterParty: 'Wayne Foods', status: 'ON_HOLD', typeIndex: 0 },
  { name: 'Order Form 2024-Q4 - Hooli', counterParty: 'Hooli Inc.', status: 'VOIDED', typeIndex: 2 },
  { name: 'MSA - Soylent', counterParty: 'Soylent Systems', status: 'EXECUTED', typeIndex: 1 },
];

function memberEmail(kind: string, account: TwinAccount): string {
  return `${kind}.${account.region}.${account.environment}@twin-workspace.example`;
}

function seedMembers(account: TwinAccount): Member[] {
  const firstId = intFrom(`${account.targetId}:users`, 100, 900);
  const people = [
    { email: account.userEmail, first: 'Integration', last: 'Service', designation: 'Integration user', active: true },
    { email: memberEmail('legal.ops', account), first: 'Lena', last: 'Ortiz', designation: 'Legal Ops', active: true },
    { email: memberEmail('former.member', account), first: 'Frank', last: 'Former', designation: 'Counsel', active: false },
  ];
  return people.flatMap((p, index) =>
    p.email
      ? [{
          id: firstId + index,
          email: p.email,
          first_name: p.first,
          last_name: p.last,
          name: `${p.first} ${p.last}`,
          designation: p.designation,
          is_active: p.active,
          roles: [{ id: 456, name: 'Legal', description: 'Legal team' }],
        }]
      : [],
  );
}

export function seedWorkspace(account: TwinAccount): SpotdraftWorkspace {
  const regionCode = account.region.toUpperCase();
  const environmentCode = account.environment.toUpperCase();
  const workspaceId = intFrom(`${account.targetId}:workspace`, 1000, 9000);
  const firstTypeId = intFrom(`${account.targetId}:types`, 100, 800);
  const firstContractId = intFrom(`${account.targetId}:contracts`, 10000, 80000);
  const contractTypes = CONTRACT_TYPE_NAMES.map((name, index) => ({ id: firstTypeId + index, name }));
  const jurisdiction = JURISDICTIONS[account.region] ?? { id: 0, name: regionCode, code2: regionCode };

  const contracts = CONTRACT_SEEDS.map((seed, index): Contract => {
    const id = firstContractId + index * 7;
    const type = contractTypes[seed.typeIndex] ?? { id: firstTypeId, name: 'Mutual NDA' };
    return {
      id,
      created: new Date(Date.UTC(2025, index, 3 + index, 9, 30)).toISOString(),
      contract_name: seed.name,
      contract_link: `https://app.spotdraft.com/contracts/v2/${id}`,
      contract_status: seed.status,
      created_by: `Acme Contracts ${regionCode}`,
      counter_party_name: seed.counterParty,
      contract_type_name: type.name,
      contract_type_id: type.id,
      created_by_workspace: workspaceId,
    };
  });

  return {
    entities: [
      {
        id: workspaceId * 10 + 1,
        name: `Acme Contracts ${regionCode} (${environmentCode})`,
        reference_id: `ACME-${regionCode}-${environmentCode}`,
        jurisdiction,
        is_primary: true,
      },
      {
        id: workspaceId * 10 + 2,
        name: `Acme Services ${regionCode} (${environmentCode})`,
        reference_id: `ACME-${regionCode}-${environmentCode}-SVC`,
        jurisdiction,
        is_primary: false,
      },
    ],
    contractTypes,
    contracts,
    historicalContracts: [
      { id: firstContractId + 500, contract_name: 'Legacy Supply Agreement (uploaded)', contract_status: 'EXECUTED' },
    ],
    members: seedMembers(account),
    counterParties: [],
    nextCounterPartyId: intFrom(`${account.targetId}:counter_parties`, 2000, 7000),
  };
}
