/** The twin's records (GET /__twin/records): what callers created through the providers' APIs and still exists, never what it seeded. */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, test } from 'node:test';
import { createClock } from '../../../twin/clock.ts';
import { FaultSet } from '../../../twin/fault-set.ts';
import { createTwinProviders } from '../../../twin/providers/index.ts';
import { Router } from '../../../twin/router.ts';
import { loadAccounts } from '../../../twin/seed.ts';
import { startTwin } from '../../../twin/server.ts';
import type { TwinContext, TwinRecord, TwinResponse } from '../../../twin/types.ts';
import { bodyOf } from '../helpers/twin-direct.ts';
import { ROOT } from '../helpers/paths.ts';

const SPOTDRAFT = 'api.us.spotdraft.com';
const SPOTNANA = 'api-ext-sboxmeta.partners.spotnana.com';
const SPREETAIL = 'api.spreetaileu.com';

/** Like helpers/twin-direct.ts, but keeping hold of the provider modules, whose records are under test. */
function recordingTwin(faults: string[] = []) {
  const providers = createTwinProviders();
  const router = new Router(providers);
  const ctx: TwinContext = { clock: createClock(), faults: FaultSet.validated(faults), accounts: loadAccounts(ROOT), issued: [] };
  const account = (targetId: string) => {
    const found = ctx.accounts.find((a) => a.targetId === targetId);
    assert.ok(found, targetId);
    return found;
  };
  /** `body`: JSON, or a string sent as a form. */
  const send = (method: string, host: string, path: string, headers: Record<string, string>, body?: unknown): TwinResponse => {
    const url = new URL(`https://${host}${path}`);
    const form = typeof body === 'string' ? body : undefined;
    const raw = form ?? (body === undefined ? '' : JSON.stringify(body));
    const contentType = form !== undefined ? 'application/x-www-form-urlencoded' : body !== undefined ? 'application/json' : undefined;
    return router.handle({
      method, host, scheme: 'https', path: url.pathname, query: url.searchParams,
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...headers },
      rawBody: Buffer.from(raw),
      ...(form !== undefined ? { form: new URLSearchParams(form) } : body !== undefined ? { json: body } : {}),
    }, ctx);
  };

  const spotdraft = (targetId: string) => {
    const { clientId, clientSecret } = account(targetId);
    const headers = { 'client-id': clientId, 'client-secret': clientSecret };
    return {
      create: (organizationName: string) => send('POST', SPOTDRAFT, '/api/v2.1/public/counter_parties/', headers, { is_individual: false, organization_name: organizationName }),
      rename: (id: unknown, name: string) => send('PATCH', SPOTDRAFT, `/api/v2.1/public/counter_parties/${String(id)}`, headers, { name }),
    };
  };

  const spotnana = () => {
    const { clientId, clientSecret } = account('spotnana-global-uat');
    const token = bodyOf(send('POST', SPOTNANA, '/v2/auth/oauth2-token', {}, `grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`)).access_token;
    const headers = { authorization: `Bearer ${String(token)}` };
    return {
      create: (user: Record<string, unknown>) => String(bodyOf(send('POST', SPOTNANA, '/v2/users', headers, { persona: 'GUEST', ...user })).id),
      remove: (id: string) => send('DELETE', SPOTNANA, `/v2/users/${id}`, headers),
    };
  };

  const spreetail = () => {
    const { clientId, clientSecret } = account('spreetail-eu-uat');
    const login = bodyOf(send('POST', SPREETAIL, '/api/api/v1/auth/login', {}, { client_id: clientId, client_secret: clientSecret }));
    const headers = { authorization: `Bearer ${String((login.data as { access_token: string }).access_token)}` };
    const address = { Name: 'Records', Line1: '1 Street', City: 'Dublin', PostCode: 'D01', CountryCode: 'IE' };
    return (reference: string) => send('POST', SPREETAIL, '/api/api/v1/outbound', headers, {
      ReferenceNumber: reference, ReceivedDate: '2026-12-01T09:00:00Z', DispatchBy: '2026-12-03T09:00:00Z', Currency: 'EUR', PaymentStatus: 'Paid',
      ChannelBuyerName: 'Records', OrderItems: [{ SKU: 'SKU-1', ItemTitle: 'Item', Qty: 1, PricePerUnit: 1, TaxRate: 0 }], DeliveryAddress: address, BillingAddress: address,
    });
  };

  const records = (): TwinRecord[] => providers.flatMap((p) => p.records?.() ?? []);
  return { records, spotdraft, spotnana, spreetail };
}

describe('twin records: created through the API, still existing', () => {
  test('a fresh twin has none: seeded counter parties and users are not records', () => {
    const twin = recordingTwin();
    twin.spotnana();
    assert.deepEqual(twin.records(), []);
  });

  test('SpotDraft: each created counter party in its workspace, labelled by its current name; a refused create is none', () => {
    const twin = recordingTwin();
    const uat = twin.spotdraft('spotdraft-us-uat');
    const first = bodyOf(uat.create('Vandelay Industries'));
    const second = bodyOf(twin.spotdraft('spotdraft-us-prod').create('Kramerica Industries'));
    assert.equal(uat.create('Vandelay Industries').status, 400, 'a taken name');
    assert.equal(uat.rename(first.id, 'Vandelay Imports').status, 200);
    assert.deepEqual(twin.records(), [
      { target: 'spotdraft-us-uat', provider: 'spotdraft', kind: 'counter-party', id: String(first.id), label: 'Vandelay Imports' },
      { target: 'spotdraft-us-prod', provider: 'spotdraft', kind: 'counter-party', id: String(second.id), label: 'Kramerica Industries' },
    ]);
  });

  test('Spotnana: a created user until it is deleted, labelled by the email its list entry shows (its name without one)', () => {
    const twin = recordingTwin();
    const spotnana = twin.spotnana();
    const kept = spotnana.create({ personalInfo: { name: { given: 'Gail', family1: 'Guest' }, email: 'gail.guest@example.com' } });
    const gone = spotnana.create({ personalInfo: { name: { given: 'Dan', family1: 'Deleted' }, email: 'dan@example.com' } });
    const nameless = spotnana.create({ personalInfo: { name: { given: 'Nia', family1: 'Nomail' } } });
    assert.equal(spotnana.remove(gone).status, 204);
    assert.deepEqual(twin.records(), [
      { target: 'spotnana-global-uat', provider: 'spotnana', kind: 'user', id: kept, label: 'gail.guest@example.com' },
      { target: 'spotnana-global-uat', provider: 'spotnana', kind: 'user', id: nameless, label: 'Nia Nomail' },
    ]);
  });

  test('Spotnana under spotnana-deleted-user-readable: a "deleted" user still exists, so it is still a record', () => {
    const twin = recordingTwin(['spotnana-deleted-user-readable@spotnana-global-uat']);
    const spotnana = twin.spotnana();
    const id = spotnana.create({ personalInfo: { name: { given: 'Kai', family1: 'Kept' }, email: 'kai@example.com' } });
    assert.equal(spotnana.remove(id).status, 204);
    assert.deepEqual(twin.records().map((r) => r.id), [id]);
  });

  test('Spreetail: each order by its ReferenceNumber, once', () => {
    const twin = recordingTwin();
    const create = twin.spreetail();
    assert.equal(create('REF-A').status, 200);
    assert.equal(create('REF-A').status, 409);
    assert.equal(create('REF-B').status, 200);
    assert.deepEqual(twin.records(), ['REF-A', 'REF-B'].map((reference) => ({ target: 'spreetail-eu-uat', provider: 'spreetail', kind: 'order', id: reference, label: reference })));
  });
});

/** A plain-http request through the twin's proxy (absolute form), or to its admin API. */
function viaProxy(proxyUrl: string, method: string, target: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: proxy.hostname, port: proxy.port, method, path: target, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('twin records: the admin route', () => {
  test('GET /__twin/records answers what RunningTwin.records() holds; every twin starts with none', async () => {
    // spotnana-http-served serves plain http as https: records can be made without TLS.
    const twin = await startTwin({ root: ROOT, faults: ['spotnana-http-served'] });
    try {
      const account = twin.context.accounts.find((a) => a.targetId === 'spotnana-global-uat');
      assert.ok(account);
      const token = await viaProxy(twin.proxyUrl, 'POST', `http://${SPOTNANA}/v2/auth/oauth2-token`,
        `grant_type=client_credentials&client_id=${account.clientId}&client_secret=${account.clientSecret}`, { 'content-type': 'application/x-www-form-urlencoded' });
      const authorization = `Bearer ${String((JSON.parse(token.body) as { access_token: string }).access_token)}`;
      const created = await viaProxy(twin.proxyUrl, 'POST', `http://${SPOTNANA}/v2/users`,
        JSON.stringify({ persona: 'GUEST', personalInfo: { name: { given: 'Ada', family1: 'Admin' }, email: 'ada.admin@example.com' } }), { 'content-type': 'application/json', authorization });
      assert.equal(created.status, 201);
      const { id } = JSON.parse(created.body) as { id: string };
      const answer = await viaProxy(twin.proxyUrl, 'GET', '/__twin/records');
      assert.equal(answer.status, 200);
      const expected = [{ target: 'spotnana-global-uat', provider: 'spotnana', kind: 'user', id, label: 'ada.admin@example.com' }];
      assert.deepEqual(JSON.parse(answer.body), expected);
      assert.deepEqual(twin.records(), expected);
    } finally {
      await twin.stop();
    }
    const fresh = await startTwin({ root: ROOT });
    try {
      assert.deepEqual(JSON.parse((await viaProxy(fresh.proxyUrl, 'GET', '/__twin/records')).body), []);
    } finally {
      await fresh.stop();
    }
  });
});
