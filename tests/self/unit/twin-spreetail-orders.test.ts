/** The Spreetail twin refuses an outbound order missing a required field (PROVIDERS.md) with 400 and Spreetail's error body. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TwinResponse } from '../../../twin/types.ts';
import { bodyOf, directTwin } from '../helpers/twin-direct.ts';

const HOST = 'api.spreetaileu.com';
const TARGET = 'spreetail-eu-uat';
const BASE = '/api/api/v1';

const address = { Name: 'Contract Suite', Line1: '1 Test Street', City: 'Dublin', PostCode: 'D01 X2Y3', CountryCode: 'IE' };

function validOrder(reference: string): Record<string, unknown> {
  return {
    ReferenceNumber: reference,
    ReceivedDate: '2026-12-01T09:00:00Z',
    DispatchBy: '2026-12-03T09:00:00Z',
    Currency: 'EUR',
    PaymentStatus: 'Paid',
    ChannelBuyerName: 'Contract Suite',
    OrderItems: [{ SKU: 'SKU-1', ItemTitle: 'Probe item', Qty: 1, PricePerUnit: 1, TaxRate: 0.23 }],
    DeliveryAddress: address,
    BillingAddress: address,
  };
}

function withoutField(order: Record<string, unknown>, field: string): Record<string, unknown> {
  const copy = { ...order };
  delete copy[field];
  return copy;
}

function signedIn(faults: string[] = []) {
  const twin = directTwin(faults);
  const account = twin.account(TARGET);
  const login = bodyOf(twin.send({ method: 'POST', host: HOST, path: `${BASE}/auth/login`, json: { client_id: account.clientId, client_secret: account.clientSecret } }));
  const token = String((login.data as { access_token: string }).access_token);
  return (json: unknown) => twin.send({ method: 'POST', host: HOST, path: `${BASE}/outbound`, headers: { authorization: `Bearer ${token}` }, json });
}

const REQUIRED = ['ReferenceNumber', 'ReceivedDate', 'DispatchBy', 'Currency', 'PaymentStatus', 'ChannelBuyerName', 'OrderItems', 'DeliveryAddress', 'BillingAddress'];

describe('Spreetail twin: POST /outbound', () => {
  test('a complete order is created as Pending', () => {
    const answer = signedIn()(validOrder('REF-1'));
    assert.equal(answer.status, 200);
    assert.equal((bodyOf(answer).data as { Status: string }).Status, 'Pending');
  });

  for (const field of REQUIRED) {
    test(`without ${field}: 400 {success: false, error: '${field} is required'}`, () => {
      const answer = signedIn()(withoutField(validOrder(`REF-${field}`), field));
      assert.equal(answer.status, 400);
      assert.deepEqual(answer.body, { success: false, error: `${field} is required`, details: { field, message: `${field} is required` } });
    });
  }

  test('an order item without its SKU is refused too', () => {
    const order = validOrder('REF-item');
    const answer = signedIn()({ ...order, OrderItems: [{ ItemTitle: 'Probe item', Qty: 1, PricePerUnit: 1, TaxRate: 0.23 }] });
    assert.equal(answer.status, 400);
    assert.equal(bodyOf(answer).error, 'OrderItems[0].SKU is required');
  });

  test('spreetail-order-incomplete-body-accepted: an order without ReferenceNumber is created under a made-up one', () => {
    const answer = signedIn(['spreetail-order-incomplete-body-accepted@spreetail-eu-uat'])(withoutField(validOrder('unused'), 'ReferenceNumber'));
    assert.equal(answer.status, 200);
    assert.match(String((bodyOf(answer).data as { ReferenceNumber: string }).ReferenceNumber), /^TWIN-/);
    const noCurrency = withoutField(validOrder('REF-2'), 'Currency');
    assert.equal(signedIn(['spreetail-order-incomplete-body-accepted@spreetail-eu-uat'])(noCurrency).status, 400, 'the other fields still hold');
  });
});

describe('Spreetail twin: an order read back, and its unique reference', () => {
  function client(faults: string[] = []) {
    const twin = directTwin(faults);
    const account = twin.account(TARGET);
    const login = bodyOf(twin.send({ method: 'POST', host: HOST, path: `${BASE}/auth/login`, json: { client_id: account.clientId, client_secret: account.clientSecret } }));
    const headers = { authorization: `Bearer ${String((login.data as { access_token: string }).access_token)}` };
    return {
      create: (json: unknown) => twin.send({ method: 'POST', host: HOST, path: `${BASE}/outbound`, headers, json }),
      read: (reference: string) => twin.send({ host: HOST, path: `${BASE}/order/${encodeURIComponent(reference)}`, headers }),
    };
  }
  const dataOf = (answer: TwinResponse) => bodyOf(answer).data as Record<string, unknown>;

  test('read back as created, Status "Pending"; a second create with the reference is a 409', () => {
    const { create, read } = client();
    const created = create(validOrder('REF-RT'));
    const answer = read('REF-RT');
    assert.equal(answer.status, 200);
    assert.deepEqual(dataOf(answer), { ...validOrder('REF-RT'), Status: 'Pending' });
    assert.deepEqual(dataOf(answer), dataOf(created));
    const duplicate = create({ ...validOrder('REF-RT'), ChannelBuyerName: 'Someone else' });
    assert.equal(duplicate.status, 409);
    assert.deepEqual(duplicate.body, { success: false, error: "Order with ReferenceNumber 'REF-RT' already exists" });
    assert.equal(dataOf(read('REF-RT')).ChannelBuyerName, 'Contract Suite', 'the first order stands');
  });

  test('spreetail-duplicate-reference-accepted: the second create answers 200 and overwrites the first', () => {
    const { create, read } = client(['spreetail-duplicate-reference-accepted@spreetail-eu-uat']);
    assert.equal(create(validOrder('REF-DUP')).status, 200);
    const duplicate = create({ ...validOrder('REF-DUP'), ChannelBuyerName: 'Someone else' });
    assert.equal(duplicate.status, 200);
    assert.equal(bodyOf(duplicate).success, true);
    assert.equal(dataOf(read('REF-DUP')).ChannelBuyerName, 'Someone else');
  });

  test('spreetail-order-read-back-status: GET says "Processing", the create answer still "Pending"', () => {
    const { create, read } = client(['spreetail-order-read-back-status@spreetail-eu-uat']);
    assert.equal(dataOf(create(validOrder('REF-ST'))).Status, 'Pending');
    assert.deepEqual(dataOf(read('REF-ST')), { ...validOrder('REF-ST'), Status: 'Processing' });
    assert.equal(dataOf(read('REF-ST')).Status, 'Processing', 'every read');
  });

  test('spreetail-order-currency-lowercase: GET /order/{reference} answers Currency in lower case, the create answer does not', () => {
    const { create, read } = client(['spreetail-order-currency-lowercase@spreetail-eu-uat']);
    assert.equal(dataOf(create(validOrder('REF-CUR'))).Currency, 'EUR');
    assert.deepEqual(dataOf(read('REF-CUR')), { ...validOrder('REF-CUR'), Currency: 'eur', Status: 'Pending' });
  });

  test('spreetail-order-create-status-missing: the create answer has no Status, the read-back has', () => {
    const { create, read } = client(['spreetail-order-create-status-missing@spreetail-eu-uat']);
    assert.ok(!('Status' in dataOf(create(validOrder('REF-NS')))));
    assert.equal(dataOf(read('REF-NS')).Status, 'Pending');
  });
});
