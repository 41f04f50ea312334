/**
 * SpotDraft counter parties: a create body checked as CreateCounterPartyAPIRequest documents it, an update body as
 * PatchedExternalCounterpartyUpdateRequest does, and the counter party answered as CounterPartyAPIResponse describes it.
 */
import { isObject, nonEmptyString } from './http.ts';

export interface Contact {
  id: number;
  name: string;
  email: string;
}

export interface CounterParty {
  id: number;
  /** Unique within a workspace (the vendor's field description). */
  name: string;
  is_individual: boolean;
  contacts: Contact[];
  primary_address?: Record<string, unknown>;
  status: 'ACTIVE' | 'ARCHIVED';
  custom_fields: Record<string, unknown>;
  brand_name?: string;
}

/** SpotDraft's field-keyed validation body, e.g. `{"is_individual": ["This field is required."]}`; nested fields are dotted. */
export type FieldErrors = Record<string, string[]>;

const REQUIRED = 'This field is required.';
const NOT_A_STRING = 'Not a valid string.';
const NOT_A_DICTIONARY = 'Expected a dictionary of items.';

const STRING_FIELDS = ['organization_type', 'organization_name', 'contact_name', 'contact_email', 'brand_name'] as const;
const ADDRESS_STRING_FIELDS = ['line_one', 'city_name', 'state_name', 'zipcode', 'email', 'phone', 'country_name', 'country_iso_code'] as const;
const ADDRESS_REQUIRED = ['line_one', 'city_name', 'country_name'] as const;

function addressErrors(address: unknown): FieldErrors {
  if (!isObject(address)) return { primary_address: ['Invalid data. Expected a dictionary.'] };
  const errors: FieldErrors = {};
  for (const field of ADDRESS_STRING_FIELDS) {
    if (address[field] !== undefined && typeof address[field] !== 'string') errors[`primary_address.${field}`] = [NOT_A_STRING];
  }
  for (const field of ADDRESS_REQUIRED) {
    if (!nonEmptyString(address[field])) errors[`primary_address.${field}`] ??= [REQUIRED];
  }
  return errors;
}

/**
 * Every problem of the body at once, as SpotDraft reports them. `is_individual` is required; an individual needs
 * `contact_name` and `contact_email`, an organisation `organization_name` (the vendor's field descriptions).
 */
export function counterPartyErrors(body: Record<string, unknown>): FieldErrors | undefined {
  const errors: FieldErrors = {};
  for (const field of STRING_FIELDS) {
    if (body[field] !== undefined && typeof body[field] !== 'string') errors[field] = [NOT_A_STRING];
  }
  if (body.is_individual === undefined) errors.is_individual = [REQUIRED];
  else if (typeof body.is_individual !== 'boolean') errors.is_individual = ['Must be a valid boolean.'];
  const named: readonly string[] = body.is_individual === true ? ['contact_name', 'contact_email'] : body.is_individual === false ? ['organization_name'] : [];
  for (const field of named) {
    if (!nonEmptyString(body[field])) errors[field] ??= [REQUIRED];
  }
  if (body.primary_address !== undefined) Object.assign(errors, addressErrors(body.primary_address));
  if (body.custom_fields !== undefined && !isObject(body.custom_fields)) errors.custom_fields = [NOT_A_DICTIONARY];
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** Ids handed out for the counter party, its contact and its address. */
export type NextId = () => number;

function addressAnswer(address: Record<string, unknown>, nextId: NextId): Record<string, unknown> {
  const optional = Object.fromEntries(['email', 'phone'].filter((f) => nonEmptyString(address[f])).map((f) => [f, address[f]]));
  // state_name and zipcode default to '' in the request; the answer always carries them.
  return {
    id: nextId(),
    line_one: address.line_one,
    city_name: address.city_name,
    state_name: typeof address.state_name === 'string' ? address.state_name : '',
    zipcode: typeof address.zipcode === 'string' ? address.zipcode : '',
    country_name: address.country_name,
    ...optional,
  };
}

/** The field of a valid create body that names the counter party: its organisation, or its contact when an individual. */
export function nameField(body: Record<string, unknown>): 'contact_name' | 'organization_name' {
  return body.is_individual === true ? 'contact_name' : 'organization_name';
}

/** The counter party a valid body creates, named by its `nameField`. */
export function counterPartyFrom(body: Record<string, unknown>, nextId: NextId): CounterParty {
  const isIndividual = body.is_individual === true;
  const name = String(body[nameField(body)]);
  const id = nextId();
  const contactEmail = nonEmptyString(body.contact_email) ? body.contact_email : undefined;
  return {
    id,
    name,
    is_individual: isIndividual,
    contacts: contactEmail ? [{ id: nextId(), name: nonEmptyString(body.contact_name) ? body.contact_name : name, email: contactEmail }] : [],
    ...(isObject(body.primary_address) ? { primary_address: addressAnswer(body.primary_address, nextId) } : {}),
    status: 'ACTIVE',
    custom_fields: isObject(body.custom_fields) ? body.custom_fields : {},
    ...(nonEmptyString(body.brand_name) ? { brand_name: body.brand_name } : {}),
  };
}

/** Every problem of an update body: each field is optional, `name` may not be blank. */
export function counterPartyUpdateErrors(body: Record<string, unknown>): FieldErrors | undefined {
  const errors: FieldErrors = {};
  for (const field of ['name', 'brand_name'] as const) {
    if (body[field] !== undefined && typeof body[field] !== 'string') errors[field] = [NOT_A_STRING];
  }
  if (typeof body.name === 'string' && body.name.trim() === '') errors.name = ['This field may not be blank.'];
  if (body.custom_fields !== undefined && !isObject(body.custom_fields)) errors.custom_fields = [NOT_A_DICTIONARY];
  return Object.keys(errors).length > 0 ? errors : undefined;
}

/** The counter party with a valid update applied: only the fields the body carries change (custom_fields as a whole). */
export function counterPartyUpdated(stored: CounterParty, body: Record<string, unknown>): CounterParty {
  return {
    ...stored,
    ...(typeof body.name === 'string' ? { name: body.name } : {}),
    ...(typeof body.brand_name === 'string' ? { brand_name: body.brand_name } : {}),
    ...(isObject(body.custom_fields) ? { custom_fields: body.custom_fields } : {}),
  };
}

/** A name another counter party of the workspace already has, as a field error on the field that carried it. */
export function nameTaken(counterParties: readonly CounterParty[], name: string, field: string, self?: number): FieldErrors | undefined {
  const taken = counterParties.some((other) => other.id !== self && other.name === name);
  return taken ? { [field]: ['A counter party with this name already exists in this workspace.'] } : undefined;
}
