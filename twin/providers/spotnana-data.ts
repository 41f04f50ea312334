/** Seeded Spotnana accounts: each credential (sandbox or production) owns one company, its legal entities and a few users. */
import type { TwinAccount } from '../types.ts';
import { uuidFrom } from './deterministic.ts';

export interface Reference {
  id: string;
  name: string;
}

export interface Company {
  id: string;
  name: string;
  billingCurrency: string;
  isActive: boolean;
  companyRoles: string[];
  legalEntities: Reference[];
}

/** A user as the vendor's UserProfile, stored exactly as last written (PUT replaces the whole object), with its id enforced. */
export type SpotnanaUser = Record<string, unknown> & { id: string };

const PEOPLE = [
  { given: 'Ada', family1: 'Traveler', tier: 'SEAT1A' },
  { given: 'Ben', family1: 'Booker', tier: 'BASIC' },
  { given: 'Cara', family1: 'Commuter', tier: 'BASIC' },
];

const LEGAL_ENTITY_NAMES = ['Twin Travel Co Inc.', 'Twin Travel Co Europe Ltd'];

function accountSeed(account: TwinAccount): string {
  return `spotnana:${account.targetId}:${account.clientId}`;
}

export function seedCompany(account: TwinAccount): Company {
  const label = account.environment === 'prod' ? 'Production' : 'Sandbox';
  const seed = accountSeed(account);
  return {
    id: uuidFrom(`${seed}:company`),
    name: `Twin Travel Co (${label})`,
    billingCurrency: 'USD',
    isActive: true,
    companyRoles: ['ORG'],
    legalEntities: LEGAL_ENTITY_NAMES.map((name, index) => ({ id: uuidFrom(`${seed}:legal-entity:${index}`), name: `${name} (${label})` })),
  };
}

export function seedUsers(account: TwinAccount, company: Company): SpotnanaUser[] {
  return PEOPLE.map((person, index) => {
    const email = `${person.given.toLowerCase()}.${person.family1.toLowerCase()}.${account.environment}@twin-travel.example`;
    const legalEntity = company.legalEntities[index % company.legalEntities.length];
    return {
      id: uuidFrom(`${accountSeed(account)}:user:${index}`),
      persona: 'EMPLOYEE',
      isActive: true,
      personalInfo: { name: { given: person.given, family1: person.family1 }, email },
      businessInfo: {
        organizationRef: { id: company.id, name: company.name },
        ...(legalEntity ? { legalEntityRef: { ...legalEntity } } : {}),
        email,
        employeeId: `E${1001 + index}`,
      },
      tier: person.tier,
    };
  });
}

/** A user list entry (UserSummary): id, and the email, external id, persona and active flag where known. */
export function userSummary(user: SpotnanaUser): Record<string, unknown> {
  const business = user.businessInfo as { email?: unknown } | undefined;
  const personal = user.personalInfo as { email?: unknown } | undefined;
  const email = business?.email ?? personal?.email;
  return {
    id: user.id,
    ...(typeof email === 'string' ? { email } : {}),
    ...(typeof user.externalId === 'string' ? { externalId: user.externalId } : {}),
    ...(user.persona !== undefined ? { persona: user.persona } : {}),
    ...(typeof user.isActive === 'boolean' ? { isActive: user.isActive } : {}),
  };
}
