/** Validation of Spreetail outbound orders: the first failing required field wins. */
import { isObject, nonEmptyString } from './http.ts';

export interface FieldProblem {
  field: string;
  message: string;
}

const CURRENCIES = ['EUR', 'GBP', 'USD'];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

const required = (field: string): FieldProblem => ({ field, message: `${field} is required` });

function isoDateProblem(field: string, value: unknown): FieldProblem | undefined {
  if (value === undefined || value === null || value === '') return required(field);
  if (typeof value !== 'string' || !ISO_DATE.test(value) || Number.isNaN(Date.parse(value))) {
    return { field, message: `${field} must be an ISO 8601 date` };
  }
  return undefined;
}

function itemProblem(item: unknown, index: number): FieldProblem | undefined {
  const at = (name: string) => `OrderItems[${index}].${name}`;
  if (!isObject(item)) return { field: `OrderItems[${index}]`, message: `OrderItems[${index}] must be an object` };
  for (const name of ['SKU', 'ItemTitle']) {
    if (!nonEmptyString(item[name])) return required(at(name));
  }
  if (item.Qty === undefined) return required(at('Qty'));
  if (typeof item.Qty !== 'number' || !Number.isInteger(item.Qty) || item.Qty < 1) {
    return { field: at('Qty'), message: `${at('Qty')} must be a positive integer` };
  }
  for (const name of ['PricePerUnit', 'TaxRate']) {
    if (item[name] === undefined) return required(at(name));
    const value = item[name];
    if (typeof value !== 'number' || value < 0) return { field: at(name), message: `${at(name)} must be a non-negative number` };
  }
  return undefined;
}

export function orderProblem(body: Record<string, unknown>): FieldProblem | undefined {
  if (!nonEmptyString(body.ReferenceNumber)) return required('ReferenceNumber');
  const dateProblem = isoDateProblem('ReceivedDate', body.ReceivedDate) ?? isoDateProblem('DispatchBy', body.DispatchBy);
  if (dateProblem) return dateProblem;
  if (body.Currency === undefined) return required('Currency');
  if (typeof body.Currency !== 'string' || !CURRENCIES.includes(body.Currency)) {
    return { field: 'Currency', message: `Currency must be one of ${CURRENCIES.join(', ')}` };
  }
  for (const field of ['PaymentStatus', 'ChannelBuyerName']) {
    if (!nonEmptyString(body[field])) return required(field);
  }
  if (!Array.isArray(body.OrderItems) || body.OrderItems.length === 0) {
    return body.OrderItems === undefined ? required('OrderItems') : { field: 'OrderItems', message: 'OrderItems must contain at least one item' };
  }
  for (const [index, item] of body.OrderItems.entries()) {
    const problem = itemProblem(item, index);
    if (problem) return problem;
  }
  for (const field of ['DeliveryAddress', 'BillingAddress']) {
    if (!isObject(body[field])) return required(field);
  }
  return undefined;
}
