/**
 * Spotnana user bodies checked as UserCreateRequest (POST /v2/users) and UserUpdateRequest (PUT /v2/users/{userId})
 * document them, and the profile a valid body stores (UserProfile's fields only).
 */
import { isObject } from './http.ts';
import type { Company } from './spotnana-data.ts';

/** One API_VALIDATION_FAILED message: the parameter it names (a dotted path) and the value received. */
export interface UserBodyProblem {
  name: string;
  value: string;
  message: string;
}

export type UserBodyKind = 'create' | 'update';

const PERSONAS = ['UNKNOWN_PERSONA', 'EMPLOYEE', 'GUEST', 'PERSONAL', 'RELATIVE', 'ADHOC'];
const TIERS = ['BASIC', 'SEAT1A'];
const NAME_REQUIRED = ['given', 'family1'];
const NAME_OPTIONAL = ['family2', 'middle', 'preferred'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** UserProfile's fields that a create or update body may carry; anything else in the body is not stored. */
const PROFILE_FIELDS = [
  'personalInfo', 'businessInfo', 'persona', 'tier', 'stealthType', 'relativeOf', 'travelPreferences', 'membershipInfo',
  'notificationPreferences', 'travelArrangers', 'adhocUserInfo', 'externalId',
];

const shown = (value: unknown): string => (value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));
const problem = (name: string, value: unknown, message: string): UserBodyProblem => ({ name, value: shown(value), message });
const required = (name: string): UserBodyProblem => problem(name, undefined, `${name} is required`);
const defined = (...problems: (UserBodyProblem | undefined)[]): UserBodyProblem[] => problems.filter((p) => p !== undefined);

function enumProblem(name: string, value: unknown, allowed: readonly string[]): UserBodyProblem | undefined {
  return typeof value === 'string' && allowed.includes(value) ? undefined : problem(name, value, `${name} must be one of ${allowed.join(', ')}`);
}

function emailProblem(name: string, value: unknown): UserBodyProblem | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' && EMAIL.test(value) ? undefined : problem(name, value, `${name} must be an email address`);
}

function nameProblems(at: string, name: unknown): UserBodyProblem[] {
  if (!isObject(name)) return [problem(at, name, `${at} must be an object`)];
  return [
    ...NAME_REQUIRED.filter((part) => typeof name[part] !== 'string').map((part) => required(`${at}.${part}`)),
    ...NAME_OPTIONAL.filter((part) => name[part] !== undefined && typeof name[part] !== 'string').map((part) => problem(`${at}.${part}`, name[part], `${at}.${part} must be a string`)),
  ];
}

function personalInfoProblems(info: unknown): UserBodyProblem[] {
  if (!isObject(info)) return [problem('personalInfo', info, 'personalInfo must be an object')];
  const names = ['name', 'travelerName'].filter((field) => info[field] !== undefined).flatMap((field) => nameProblems(`personalInfo.${field}`, info[field]));
  return [...names, ...defined(emailProblem('personalInfo.email', info.email))];
}

/** A reference (`{id}`) that must name one of `allowed` (the caller's company, or one of its legal entities). */
function referenceProblem(name: string, ref: unknown, allowed: readonly string[], what: string): UserBodyProblem | undefined {
  if (ref === undefined) return required(name);
  if (!isObject(ref) || typeof ref.id !== 'string') return required(`${name}.id`);
  return allowed.includes(ref.id) ? undefined : problem(`${name}.id`, ref.id, `${name}.id is not ${what}`);
}

function businessInfoProblems(info: unknown, company: Company): UserBodyProblem[] {
  if (!isObject(info)) return [problem('businessInfo', info, 'businessInfo must be an object')];
  return defined(
    referenceProblem('businessInfo.organizationRef', info.organizationRef, [company.id], "the caller's company"),
    referenceProblem('businessInfo.legalEntityRef', info.legalEntityRef, company.legalEntities.map((e) => e.id), "one of the company's legal entities"),
    emailProblem('businessInfo.email', info.email),
  );
}

/** Every problem of the body, in field order; empty when it is a valid body of its kind. */
export function userBodyProblems(body: unknown, kind: UserBodyKind, company: Company): UserBodyProblem[] {
  if (!isObject(body)) return [problem('body', body, 'Request body must be a JSON object')];
  return [
    ...(body.persona === undefined ? [required('persona')] : defined(enumProblem('persona', body.persona, PERSONAS))),
    ...(body.tier === undefined ? [] : defined(enumProblem('tier', body.tier, TIERS))),
    ...(body.personalInfo === undefined ? [] : personalInfoProblems(body.personalInfo)),
    ...(body.businessInfo !== undefined ? businessInfoProblems(body.businessInfo, company) : kind === 'update' ? [required('businessInfo')] : []),
    ...(body.externalId === undefined || typeof body.externalId === 'string' ? [] : [problem('externalId', body.externalId, 'externalId must be a string')]),
  ];
}

/** The profile a valid body stores: its UserProfile fields, the id, and `isActive` (a new user is active). */
export function userProfileFrom(body: Record<string, unknown>, id: string, isActive: boolean): Record<string, unknown> & { id: string } {
  const fields = Object.fromEntries(PROFILE_FIELDS.filter((field) => body[field] !== undefined).map((field) => [field, body[field]]));
  return { ...fields, isActive, id };
}
