/** A Secret prints a placeholder however it is turned into text; only reveal() gives the value. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { format, inspect } from 'node:util';
import { Secret } from '../../../src/config/secret.ts';

const VALUE = 'twinsecret_never-print-me-7f3a';

describe('Secret never prints its value', () => {
  const secret = new Secret(VALUE);

  test('reveal() returns the value (the one way to the wire)', () => {
    assert.equal(secret.reveal(), VALUE);
  });

  test('String() and a template literal print the placeholder', () => {
    assert.equal(String(secret), '[secret]');
    assert.equal(`${secret}`, '[secret]');
    assert.equal('' + secret, '[secret]');
  });

  test('JSON.stringify prints the placeholder, alone and nested', () => {
    assert.equal(JSON.stringify(secret), '"[secret]"');
    const nested = JSON.stringify({ credentials: { clientId: 'id', clientSecret: secret }, list: [secret] });
    assert.ok(!nested.includes(VALUE), nested);
  });

  test('util.inspect (console.log) prints the placeholder, alone and nested', () => {
    assert.equal(inspect(secret), '[secret]');
    const nested = inspect({ a: { b: { c: secret } } }, { depth: Infinity, showHidden: true });
    assert.ok(!nested.includes(VALUE), nested);
    assert.ok(!format('%s %o %O %j', secret, secret, { secret }, { secret }).includes(VALUE));
  });

  test('the value is not an enumerable property', () => {
    assert.deepEqual(Object.keys(secret), []);
    assert.ok(!Object.values(secret).includes(VALUE));
    assert.deepEqual({ ...secret }, {});
  });
});
