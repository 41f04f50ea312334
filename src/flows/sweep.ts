/**
 * The sweep: finds what the suite left behind on a target by the flows' mark (src/flows/marker.ts), and removes
 * what the API lets it remove. A record without the mark is never touched; the one a flow owns is always kept.
 */
import type { ApiClient } from '../auth/api-client.ts';
import { valueAt } from '../body-paths.ts';
import { jsonOf } from '../http/exchange.ts';
import type { LeftoverSearch } from '../providers/types.ts';
import { findMark, type FoundMark } from './marker.ts';

export interface SweepOptions {
  dryRun: boolean;
  /** Only records older than this are removed (their age comes from the mark). */
  olderThanMs?: number;
  /** Whether this target may receive a delete (prod needs CONTRACT_ALLOW_PROD_WRITES=1). */
  writesAllowed: boolean;
  now: Date;
}

export interface SweepLine {
  target: string;
  record: string;
  age: string;
  action: string;
  /** What the sweep did or would do: `remove`, `kept`, `cannot`; `error` makes the sweep fail. */
  outcome: 'removed' | 'would-remove' | 'kept' | 'cannot' | 'error';
}

/** A page limit no real workspace reaches; past it the sweep stops and says so. */
const MAX_PAGES = 100;

interface Found {
  id: string;
  label: string;
  mark: FoundMark;
}

function age(mark: FoundMark, now: Date): string {
  if (!mark.createdAt) return '-';
  const hours = (now.getTime() - mark.createdAt.getTime()) / 3_600_000;
  return hours < 1 ? `${Math.max(0, Math.round(hours * 60))} min` : `${Math.round(hours)} h`;
}

async function marked(api: ApiClient, search: LeftoverSearch, line: (action: string, outcome: SweepLine['outcome']) => SweepLine): Promise<Found[] | SweepLine> {
  const found: Found[] = [];
  let fullPage = 0;
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const exchange = await api.call(search.list, search.pageParam ? { query: { [search.pageParam]: String(page) } } : {});
    const status = exchange.response?.status;
    if (status !== api.endpoint(search.list).successStatus) return line(`could not list: ${exchange.failure?.message ?? `status ${status}`}`, 'error');
    const items = valueAt(jsonOf(exchange), search.itemsPick);
    const list = Array.isArray(items) ? items : [];
    for (const item of list) {
      const label = valueAt(item, search.labelPick);
      const id = valueAt(item, search.idPick);
      const mark = typeof label === 'string' ? findMark(label) : undefined;
      if (mark && id !== undefined && id !== null) found.push({ id: String(id), label: String(label), mark });
    }
    fullPage = Math.max(fullPage, list.length);
    if (!search.pageParam || list.length === 0 || list.length < fullPage) return found;
  }
  return line(`stopped after ${MAX_PAGES} pages: the rest was not searched`, 'error');
}

export async function sweepTarget(api: ApiClient, options: SweepOptions): Promise<SweepLine[]> {
  const target = api.profile.target.id;
  const { leftovers } = api.profile.target.provider;
  if ('unsearchable' in leftovers) return [{ target, record: '-', age: '-', action: `not searchable: ${leftovers.unsearchable}`, outcome: 'cannot' }];
  const found = await marked(api, leftovers, (action, outcome) => ({ target, record: '-', age: '-', action, outcome }));
  if (!Array.isArray(found)) return [found];
  if (found.length === 0) return [{ target, record: '-', age: '-', action: 'nothing of the suite found', outcome: 'kept' }];
  const lines: SweepLine[] = [];
  for (const { id, label, mark } of found) {
    const line = (action: string, outcome: SweepLine['outcome']): SweepLine => ({ target, record: `${label} (id ${id})`, age: age(mark, options.now), action, outcome });
    const { remove } = leftovers;
    if (mark.owned) lines.push(line('kept: the record the suite owns', 'kept'));
    else if ('impossible' in remove) lines.push(line(`cannot be removed: ${remove.impossible}`, 'cannot'));
    else if (options.olderThanMs !== undefined && mark.createdAt && options.now.getTime() - mark.createdAt.getTime() < options.olderThanMs) lines.push(line('kept: younger than --older-than', 'kept'));
    else if (!options.writesAllowed) lines.push(line('not removed: deletes to prod need CONTRACT_ALLOW_PROD_WRITES=1', 'cannot'));
    else if (options.dryRun) lines.push(line('would be removed', 'would-remove'));
    else {
      const exchange = await api.call(remove.endpoint, { params: { [remove.idParam]: id } });
      const status = exchange.response?.status;
      lines.push(status === api.endpoint(remove.endpoint).successStatus
        ? line('removed', 'removed')
        : line(`removal failed: ${exchange.failure?.message ?? `status ${status}`}`, 'error'));
    }
  }
  return lines;
}
