/**
 * The one record the suite owns per workspace, where the API documents no delete: found by its name through the
 * list's exact-match filter and created only when absent, read back at its canonical path, then updated.
 */
import type { CheckContext, Verdict } from '../checks/check.ts';
import { valueAt, type Body } from '../body-paths.ts';
import { jsonOf, type Exchange } from '../http/exchange.ts';
import type { OwnedRecordTrip } from '../providers/types.ts';
import { flowStep, shown } from './step.ts';

export async function ownedRecord(trip: OwnedRecordTrip, ctx: CheckContext, v: Verdict): Promise<void> {
  const { api } = ctx;
  const [list, create, read, update] = [api.endpoint(trip.list), api.endpoint(trip.create), api.endpoint(trip.read), api.endpoint(trip.update)];
  const owned = await api.requestBody(create, trip.ownedBody);
  const name = valueAt(owned, trip.nameField);
  const findBy = valueAt(owned, trip.find.bodyField);
  if (!owned || typeof name !== 'string' || typeof findBy !== 'string') {
    v.fail('configuration', `a ${trip.ownedBody} body with ${trip.nameField} and ${trip.find.bodyField}`, 'none; nothing was sent');
  }

  /** The record in an answer: schema-checked, with the owned name and, when known, the expected id. */
  const ownedIn = (exchange: Exchange, schema: string | undefined, id?: string): Body => {
    if (schema) v.schema(exchange, schema);
    const record = jsonOf(exchange) as Body;
    const gotId = valueAt(record, trip.idPick);
    if (gotId === undefined || gotId === null) v.fail('schema-drift', `${trip.idPick} of the owned record`, 'none', exchange);
    if (id !== undefined && String(gotId) !== id) v.fail('round-trip', `${trip.idPick} ${id}`, shown(gotId), exchange);
    if (valueAt(record, trip.namePick) !== name) v.fail('round-trip', `${trip.namePick} ${shown(name)}`, shown(valueAt(record, trip.namePick)), exchange);
    return record;
  };

  const id = await flowStep(ctx, `1. find the owned record by its ${trip.namePick}, or create it when absent`, async () => {
    const exchange = await api.call(trip.list, { query: { [trip.find.query]: findBy } });
    v.accepted(exchange, [list.successStatus], 'schema-drift');
    if (list.schema) v.schema(exchange, list.schema);
    const items = valueAt(jsonOf(exchange), trip.itemsPick);
    const found = Array.isArray(items) ? (items as Body[]) : [];
    const others = found.filter((item) => valueAt(item, trip.namePick) !== name);
    if (others.length > 0) {
      // Creating now could make a second owned record: stop, and say the filter did not hold.
      v.fail('round-trip', `only records with ${trip.find.query}=${findBy} (an exact match)`, `${others.length} other(s), e.g. ${shown(valueAt(others[0], trip.namePick))}; nothing was created`, exchange);
    }
    if (found.length > 1) ctx.warn(`${found.length} records named ${name}: one is owned, the others are duplicates to remove by hand`);
    const existing = found[0];
    if (existing) {
      ctx.note('owned record', `found: ${trip.idPick} ${shown(valueAt(existing, trip.idPick))}`);
      return String(valueAt(existing, trip.idPick));
    }
    const created = await api.call(trip.create, { body: owned });
    v.accepted(created, [create.successStatus], 'schema-drift');
    const record = ownedIn(created, create.schema);
    ctx.note('owned record', `none found: created ${trip.idPick} ${shown(valueAt(record, trip.idPick))}`);
    return String(valueAt(record, trip.idPick));
  });
  const params = { [trip.idParam]: id };
  await flowStep(ctx, `2. read it back by ${trip.idPick} at its canonical path (${read.path})`, async () => {
    const exchange = await api.call(trip.read, { params });
    v.accepted(exchange, [read.successStatus], 'round-trip');
    ownedIn(exchange, read.schema, id);
  });
  await flowStep(ctx, `3. update: ${update.method} changes ${trip.updatedField}, and the record reads back changed`, async () => {
    const change = await api.requestBody(update, trip.updateBody);
    const wanted = valueAt(change, trip.updatedField);
    const exchange = await api.call(trip.update, { params, body: change });
    v.accepted(exchange, [update.successStatus], 'round-trip');
    const answered = valueAt(ownedIn(exchange, update.schema, id), trip.updatedField);
    if (answered !== wanted) v.fail('round-trip', `${trip.updatedField} ${shown(wanted)} in the answer`, shown(answered), exchange);
    const readBack = await api.call(trip.read, { params });
    v.accepted(readBack, [read.successStatus], 'round-trip');
    const stored = valueAt(ownedIn(readBack, read.schema, id), trip.updatedField);
    if (stored !== wanted) v.fail('round-trip', `${trip.updatedField} ${shown(wanted)} read back`, shown(stored), readBack);
  });
}
