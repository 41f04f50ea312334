/**
 * SpotDraft counter parties: a create body checked as CreateCounterPartyAPIRequest documents it, and the
 * counter party answered as CounterPartyAPIResponse describes it.
 */
import { isObject, nonEmptyString } from './http.ts';

/** SpotDraft's field-keyed validation body, e.g. `{"is_individual": ["This field is required."]}`; nested fields are dotted. */
export type FieldErrors = Record<string, string[]>;

const REQUIRED = 'This field is required.';
const NOT_A_STRING = 'Not a valid string.';

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
  if (body.custom_fields !== undefined && !isObject(body.custom_fields)) errors.custom_fields = ['Expected a dictionary of items.'];
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

/** The counter party a valid body creates: named by its organisation, or by its contact when an individual. */
export function counterPartyFrom(body: Record<string, unknown>, nextId: NextId): Record<string, unknown> {
  const isIndividual = body.is_individual === true;
  const name = String(isIndividual ? body.contact_name : body.organization_name);
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
