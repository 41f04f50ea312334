/** The Spreetail twin refuses an outbound order missing a required field (PROVIDERS.md) with 400 and Spreetail's error body. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
