/** Seeded Spotnana accounts: each credential (sandbox or production) owns one company and a few users. */
import type { TwinAccount } from '../types.ts';
import { uuidFrom } from './deterministic.ts';

export interface Company {
  id: string;
  name: string;
  billingCurrency: string;
  isActive: boolean;
}

/** A user is stored exactly as last written (PUT replaces the whole object), with its id enforced. */
export type SpotnanaUser = Record<string, unknown> & { id: string };

const PEOPLE = [
  { given: 'Ada', family: 'Traveler', tier: 'SEAT1A' },
  { given: 'Ben', family: 'Booker', tier: 'BASIC' },
  { given: 'Cara', family: 'Commuter', tier: 'BASIC' },
];

function accountSeed(account: TwinAccount): string {
  return `spotnana:${account.targetId}:${account.clientId}`;
}

export function seedCompany(account: TwinAccount): Company {
  const label = account.environment === 'prod' ? 'Production' : 'Sandbox';
  return { id: uuidFrom(`${accountSeed(account)}:company`), name: `Twin Travel Co (${label})`, billingCurrency: 'USD', isActive: true };
}

export function seedUsers(account: TwinAccount, companyId: string): SpotnanaUser[] {
  return PEOPLE.map((person, index) => {
    const email = `${person.given.toLowerCase()}.${person.family.toLowerCase()}.${account.environment}@twin-travel.example`;
    return {
      id: uuidFrom(`${accountSeed(account)}:user:${index}`),
      persona: 'EMPLOYEE',
      isActive: true,
      personalInfo: { name: { given: person.given, family: person.family }, email },
      businessInfo: { companyId: { id: companyId }, email, employeeId: `E${1001 + index}` },
      tier: person.tier,
    };
  });
}

export function userSummary(user: SpotnanaUser): Record<string, unknown> {
  const business = user.businessInfo as { email?: unknown } | undefined;
  const personal = user.personalInfo as { email?: unknown } | undefined;
  return { id: user.id, email: business?.email ?? personal?.email, persona: user.persona, isActive: user.isActive };
}
