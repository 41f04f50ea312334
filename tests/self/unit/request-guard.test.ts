/** The request guard refuses, before anything is sent: credentials over http or to foreign hosts, and writes to prod unless allowed. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { APIRequestContext } from '@playwright/test';
import { playwrightTransport } from '../../../src/http/transport.ts';
import { HttpClient } from '../../../src/http/client.ts';
import { GuardRefusal, guardRequest, type GuardPolicy } from '../../../src/http/request-guard.ts';
import { hostsOf } from '../../../src/providers/catalogue.ts';
import { spotdraft } from '../../../src/providers/spotdraft.ts';

const spotdraftHosts = new Set([...hostsOf(spotdraft, 'uat').values(), ...hostsOf(spotdraft, 'prod').values()]);
const uat: GuardPolicy = { credentialHosts: spotdraftHosts, production: false, allowProdWrites: false };
const prod: GuardPolicy = { ...uat, production: true };
const URL_US = 'https://api.us.spotdraft.com/api/v2.1/public/contract_types/';

function refusal(fn: () => void): GuardRefusal {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof GuardRefusal, `expected a GuardRefusal, got ${String(error)}`);
    assert.equal(error.category, 'configuration');
    assert.match(error.message, /^\[configuration\] refused before sending: /);
    return error;
  }
  assert.fail('the guard let the request through');
}

describe('credentials only travel over https to the provider’s documented hosts', () => {
  test('credentials over http:// are refused, even to a documented host', () => {
    const error = refusal(() => guardRequest(uat, 'GET', URL_US.replace('https:', 'http:'), true, false));
    assert.match(error.message, /http:/);
  });

  test('credentials to a host that is not the provider’s are refused', () => {
    refusal(() => guardRequest(uat, 'GET', 'https://evil.example.com/api/v2.1/public/contract_types/', true, false));
    refusal(() => guardRequest(uat, 'GET', 'https://api.spreetaileu.com/api/api/v1/inventory', true, false));
    refusal(() => guardRequest(uat, 'GET', 'https://api.us.spotdraft.com.evil.example/api/', true, false));
  });

  test('a documented host on another port is not the documented host', () => {
    refusal(() => guardRequest(uat, 'GET', 'https://api.us.spotdraft.com:8443/api/v2.1/public/contract_types/', true, false));
  });

  test('credentials over https to every documented region host are allowed', () => {
    for (const host of spotdraftHosts) assert.doesNotThrow(() => guardRequest(uat, 'GET', `https://${host}/api/v2.1/public/contract_types/`, true, false));
  });

  test('a request without credentials may use http (to observe the http -> https redirect)', () => {
    assert.doesNotThrow(() => guardRequest(uat, 'GET', URL_US.replace('https:', 'http:'), false, false));
  });
});

describe('no mutating request reaches a prod target unless explicitly allowed', () => {
  test('POST, PUT, PATCH and DELETE to prod are refused', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) {
      const error = refusal(() => guardRequest(prod, method, 'https://api.us.spotdraft.com/api/v2.1/public/counter_parties/', true, false));
      assert.match(error.message, /CONTRACT_ALLOW_PROD_WRITES/);
    }
  });

  test('the login/token POST is allowed on prod (it changes nothing)', () => {
    assert.doesNotThrow(() => guardRequest(prod, 'POST', 'https://api.us.spotdraft.com/api/v2.1/public/auth/login', true, true));
  });

  test('POST to prod is allowed with allowProdWrites', () => {
    assert.doesNotThrow(() => guardRequest({ ...prod, allowProdWrites: true }, 'POST', 'https://api.us.spotdraft.com/api/v2.1/public/counter_parties/', true, false));
  });

  test('GET to prod and POST to uat are allowed', () => {
    assert.doesNotThrow(() => guardRequest(prod, 'GET', URL_US, true, false));
    assert.doesNotThrow(() => guardRequest(uat, 'POST', 'https://api.us.spotdraft.com/api/v2.1/public/counter_parties/', true, false));
  });

  test('allowProdWrites does not lift the https / host rules', () => {
    refusal(() => guardRequest({ ...prod, allowProdWrites: true }, 'POST', 'http://api.us.spotdraft.com/api/v2.1/public/counter_parties/', true, false));
  });
});

describe('HttpClient applies the guard before it touches the network', () => {
  test('a refused request never reaches the request context', async () => {
    let fetched = 0;
    const context = { fetch: async () => { fetched += 1; throw new Error('must not be called'); } } as unknown as APIRequestContext;
    const client = new HttpClient(playwrightTransport(context), prod, 1000);
    await assert.rejects(client.send({ method: 'GET', url: URL_US.replace('https:', 'http:'), headers: { 'client-secret': 'x' }, carriesCredentials: true }), GuardRefusal);
    await assert.rejects(client.send({ method: 'POST', url: 'https://api.us.spotdraft.com/api/v2.1/public/counter_parties/', json: {}, carriesCredentials: true }), GuardRefusal);
    assert.equal(fetched, 0);
    assert.equal(client.sent, 0);
  });
});
