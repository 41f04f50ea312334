/**
 * Create with a unique reference, read it back, send the same reference again (refused as documented), and read a
 * reference this client never created (not readable). The API documents no delete: the order stays, marked.
 */
import type { CheckContext, Verdict } from '../checks/check.ts';
import { valueAt, type Body } from '../body-paths.ts';
import { jsonOf, type Exchange } from '../http/exchange.ts';
import type { UniqueReferenceTrip } from '../providers/types.ts';
import { firstDifference } from './compare.ts';
import { newMark } from './marker.ts';
import { flowStep, shown } from './step.ts';

export async function uniqueReference(trip: UniqueReferenceTrip, ctx: CheckContext, v: Verdict): Promise<void> {
  const { api } = ctx;
  const [create, read] = [api.endpoint(trip.create), api.endpoint(trip.read)];
  const sent = await api.requestBody(create);
  const reference = valueAt(sent, trip.referenceField);
  if (!sent || typeof reference !== 'string') v.fail('configuration', `a ${create.body ?? 'create'} body with ${trip.referenceField}`, 'none; nothing was sent');

  /** The record in an answer: schema-checked, with every forced field at its documented value. */
  const recordOf = (exchange: Exchange, schema: string | undefined): Body => {
    if (schema) v.schema(exchange, schema);
    const record = valueAt(jsonOf(exchange), trip.recordPick);
    if (record === null || typeof record !== 'object') v.fail('schema-drift', `the record at ${trip.recordPick}`, shown(record), exchange);
    for (const [field, value] of Object.entries(trip.forcedFields)) {
      const got = (record as Body)[field];
      if (got !== value) v.fail('round-trip', `${field} ${shown(value)}, whatever was sent`, shown(got), exchange);
    }
    return record as Body;
  };

  await flowStep(ctx, `1. create with a unique ${trip.referenceField}`, async () => {
    const exchange = await api.call(trip.create, { body: sent });
    v.accepted(exchange, [create.successStatus], 'schema-drift');
    const record = recordOf(exchange, create.schema);
    if (record[trip.referenceField] !== reference) v.fail('round-trip', `${trip.referenceField} ${shown(reference)}`, shown(record[trip.referenceField]), exchange);
    ctx.note('created', `${trip.referenceField} ${reference} (the API documents no delete: it stays, marked)`);
  });
  await flowStep(ctx, `2. read back: ${trip.keptFields.join(', ')} as sent, ${Object.entries(trip.forcedFields).map(([f, x]) => `${f} ${shown(x)}`).join(', ')}`, async () => {
    const exchange = await api.call(trip.read, { params: { [trip.referenceParam]: reference } });
    v.accepted(exchange, [read.successStatus], 'round-trip');
    const record = recordOf(exchange, read.schema);
    for (const field of trip.keptFields) {
      const difference = firstDifference(sent[field], record[field], field);
      if (difference) v.fail('round-trip', `${difference.path} as sent, ${shown(difference.sent)}`, shown(difference.got), exchange);
    }
  });
  await flowStep(ctx, `3. the same ${trip.referenceField} again: ${trip.duplicate.status}, as documented`, async () => {
    const exchange = await api.call(trip.create, { body: sent });
    const message = trip.duplicate.message.replace('{reference}', reference);
    const expected = `${trip.duplicate.status} "${message}"`;
    const status = exchange.response?.status;
    if (status !== undefined && status >= 200 && status < 300) v.fail('round-trip', expected, `${status}: a second order with the same ${trip.referenceField} is accepted`, exchange);
    v.status(exchange, [trip.duplicate.status], 'round-trip', expected);
    v.schema(exchange, trip.duplicate.errorSchema);
    const got = valueAt(jsonOf(exchange), trip.duplicate.messagePick);
    if (got !== message) v.fail('round-trip', `${trip.duplicate.messagePick} ${shown(message)}`, shown(got), exchange);
  });
  await flowStep(ctx, `4. a ${trip.referenceField} this client never created is not readable: ${trip.foreignStatuses.join(' or ')}`, async () => {
    const foreign = newMark().toUpperCase();
    const exchange = await api.call(trip.read, { params: { [trip.referenceParam]: foreign } });
    const status = exchange.response?.status;
    if (status !== undefined && status >= 200 && status < 300) v.fail('round-trip', `${trip.foreignStatuses.join(' or ')}`, `${status}: an order this client never created is readable`, exchange);
    v.status(exchange, trip.foreignStatuses, 'round-trip');
  });
}
