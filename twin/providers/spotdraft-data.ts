/** Seeded SpotDraft workspaces: one per account, so region and environment (uat/prod) hold different data. */
import type { TwinAccount } from '../types.ts';
import { intFrom } from './deterministic.ts';
import { counterPartyFrom, type CounterParty } from './spotdraft-counter-parties.ts';

export type ContractStatus = 'DRAFT' | 'REDLINING' | 'SIGN' | 'EXECUTED' | 'ON_HOLD' | 'VOIDED';

export interface Contract {
  /** Digits, as a string: the vendor types a listed contract's id as a string; its composite id is `T-<id>`. */
  id: string;
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
  /** Seeded and created, in creation order. */
  counterParties: CounterParty[];
  /** The counter parties created through the API (not seeded). */
  createdCounterPartyIds: Set<number>;
  nextCounterPartyId: number;
}

interface Jurisdiction {
  id: number;
  name: string;
  code2: string;
}

/** Where a region's workspace has its legal entities: jurisdiction, company type and registered office. */
interface RegionSeed {
  jurisdiction: Jurisdiction;
  organizationType: string;
  office: { line_one: string; city_name: string; state_name: string; zipcode: string };
}

const REGIONS: Record<string, RegionSeed> = {
  in: {
    jurisdiction: { id: 101, name: 'India', code2: 'IN' },
    organizationType: 'Private Limited Company',
    office: { line_one: '12 MG Road', city_name: 'Bengaluru', state_name: 'Karnataka', zipcode: '560001' },
  },
  us: {
    jurisdiction: { id: 234, name: 'United States', code2: 'US' },
    organizationType: 'Limited Liability Company (LLC)',
    office: { line_one: '3659 Burwell Heights Road', city_name: 'Houston', state_name: 'Texas', zipcode: '77020' },
  },
  me: {
    jurisdiction: { id: 229, name: 'United Arab Emirates', code2: 'AE' },
    organizationType: 'Free Zone Company (FZ-LLC)',
    office: { line_one: 'Office 1204, Al Saqr Tower', city_name: 'Dubai', state_name: 'Dubai', zipcode: '00000' },
  },
  eu: {
    jurisdiction: { id: 105, name: 'Ireland', code2: 'IE' },
    organizationType: 'Private Company Limited by Shares (LTD)',
    office: { line_one: '1 Grand Canal Square', city_name: 'Dublin', state_name: 'Leinster', zipcode: 'D02 P820' },
  },
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

/** Create bodies of the counter parties every workspace starts with: two organisations (named as in the contracts) and a person. */
const COUNTER_PARTY_SEEDS: Record<string, unknown>[] = [
  {
    is_individual: false, organization_name: 'Globex Corporation', contact_name: 'Nora Lindqvist', contact_email: 'legal@globex-corporation.example',
    primary_address: { line_one: '400 Cypress Creek Parkway', city_name: 'Springfield', state_name: 'Oregon', zipcode: '97477', country_name: 'USA' },
    custom_fields: { vendor_id: 'V-1001' },
  },
  { is_individual: false, organization_name: 'Initech LLC', contact_name: 'Bill Lumbergh', contact_email: 'procurement@initech.example', brand_name: 'Initech' },
  { is_individual: true, contact_name: 'Priya Raman', contact_email: 'priya.raman@example.com' },
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
  const region = REGIONS[account.region] ?? {
    jurisdiction: { id: 0, name: regionCode, code2: regionCode },
    organizationType: 'Company',
    office: { line_one: '1 Main Street', city_name: regionCode, state_name: '', zipcode: '' },
  };
  const entity = (index: number, name: string, referenceId: string, isPrimary: boolean) => {
    const id = workspaceId * 10 + index;
    return {
      id,
      name,
      reference_id: referenceId,
      jurisdiction: region.jurisdiction,
      organization_type: { id: intFrom(`${account.region}:organization_type`, 1000, 9000), name: region.organizationType },
      primary_address: { id: id * 10, ...region.office, country: region.jurisdiction },
      is_primary: isPrimary,
    };
  };

  const contracts = CONTRACT_SEEDS.map((seed, index): Contract => {
    const id = String(firstContractId + index * 7);
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
      entity(1, `Acme Contracts ${regionCode} (${environmentCode})`, `ACME-${regionCode}-${environmentCode}`, true),
      entity(2, `Acme Services ${regionCode} (${environmentCode})`, `ACME-${regionCode}-${environmentCode}-SVC`, false),
    ],
    contractTypes,
    contracts,
    historicalContracts: [
      { id: String(firstContractId + 500), contract_name: 'Legacy Supply Agreement (uploaded)', contract_status: 'EXECUTED' },
    ],
    members: seedMembers(account),
    ...seedCounterParties(account),
  };
}

function seedCounterParties(account: TwinAccount): Pick<SpotdraftWorkspace, 'counterParties' | 'createdCounterPartyIds' | 'nextCounterPartyId'> {
  let nextId = intFrom(`${account.targetId}:counter_parties`, 2000, 7000);
  const counterParties = COUNTER_PARTY_SEEDS.map((body) => counterPartyFrom(body, () => nextId++));
  return { counterParties, createdCounterPartyIds: new Set(), nextCounterPartyId: nextId };
}
