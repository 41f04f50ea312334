/**
 * Create, read back, replace the whole object, read back, delete, read back gone. What the flow creates, its
 * teardown deletes, whichever step failed.
 */
import type { CheckContext, Verdict } from '../checks/check.ts';
import { valueAt, withField, withoutField, type Body } from '../body-paths.ts';
import { jsonOf, type Exchange } from '../http/exchange.ts';
import type { CreateReplaceDeleteTrip } from '../providers/types.ts';
import { firstDifference } from './compare.ts';
import { flowStep, shown } from './step.ts';
import { withTeardown } from './teardown.ts';

export async function createReplaceDelete(trip: CreateReplaceDeleteTrip, ctx: CheckContext, v: Verdict): Promise<void> {
  const { api } = ctx;
  const [create, read, replace, remove] = [api.endpoint(trip.create), api.endpoint(trip.read), api.endpoint(trip.replace), api.endpoint(trip.remove)];
  const sent = await api.requestBody(create);
  const replacement = sent && withoutField(withField(sent, trip.change.field, trip.change.value) ?? {}, trip.leftOut);
  if (!sent || !replacement) {
    v.fail('configuration', `a ${create.body ?? 'create'} body with ${trip.change.field} and ${trip.leftOut}`, 'a body without them; nothing was sent');
  }
  let id: string | undefined;
  let deleted = false;
  const params = (): Record<string, string> => ({ [trip.idParam]: id ?? '' });

  const readBack = async (expected: Body): Promise<{ exchange: Exchange; record: unknown }> => {
    const exchange = await api.call(trip.read, { params: params() });
    v.accepted(exchange, [read.successStatus], 'round-trip');
    if (read.schema) v.schema(exchange, read.schema);
    const record = jsonOf(exchange);
    const difference = firstDifference(expected, record);
    if (difference) v.fail('round-trip', `${difference.path} as sent, ${shown(difference.sent)}`, shown(difference.got), exchange);
    return { exchange, record };
  };

  const steps = async (): Promise<void> => {
    id = await flowStep(ctx, '1. create: the answer names the new record by its id', async () => {
      const exchange = await api.call(trip.create, { body: sent });
      v.accepted(exchange, [create.successStatus], 'schema-drift');
      if (create.schema) v.schema(exchange, create.schema);
      const value = valueAt(jsonOf(exchange), trip.idPick);
      if (typeof value !== 'string' || value === '') v.fail('schema-drift', `${trip.idPick}: the new record's id`, shown(value), exchange);
      ctx.note('created', `${create.method} ${create.path}: ${trip.idPick} ${value}`);
      return value;
    });
    await flowStep(ctx, '2. read back: what was sent is there', () => readBack(sent));
    await flowStep(ctx, `3. replace: ${replace.method} the complete object with ${trip.change.field} changed and ${trip.leftOut} left out`, async () => {
      const exchange = await api.call(trip.replace, { params: params(), body: replacement });
      v.accepted(exchange, [replace.successStatus], 'round-trip');
      if (replace.schema) v.schema(exchange, replace.schema);
    });
    await flowStep(ctx, '4. read back: the change is there, the left-out field is gone, nothing else was lost', async () => {
      const { exchange, record } = await readBack(replacement);
      const kept = valueAt(record, trip.leftOut);
      if (kept !== undefined) {
        v.fail('round-trip', `no ${trip.leftOut}: an update replaces the whole object`, `${shown(kept)} still there, as if the update had been merged`, exchange);
      }
    });
    await flowStep(ctx, `5. delete: ${remove.method} answers ${remove.successStatus}`, async () => {
      const exchange = await api.call(trip.remove, { params: params() });
      v.accepted(exchange, [remove.successStatus], 'round-trip');
      deleted = true;
    });
    await flowStep(ctx, `6. read back after the delete: ${trip.goneStatuses.join(' or ')}`, async () => {
      const exchange = await api.call(trip.read, { params: params() });
      const status = exchange.response?.status;
      if (status !== undefined && status >= 200 && status < 300) {
        v.fail('round-trip', `${trip.goneStatuses.join(' or ')}: the record is deleted`, `${status}: the deleted record is still readable`, exchange);
      }
      v.status(exchange, trip.goneStatuses, 'round-trip');
    });
  };
  await withTeardown(ctx, v, steps, () => (id === undefined || deleted ? undefined : {
    what: `${trip.idPick} ${id}`, remove: () => api.call(trip.remove, { params: params() }), removedStatus: remove.successStatus,
  }));
}
