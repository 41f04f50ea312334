/**
 * Webhook signing, keys and settings: the signature modules agree with the documented recipes (computed here with
 * crypto directly), keys decode strictly and compare in constant time, the profile refuses keys a provider does not
 * use, subscriptions are judged by name, and the webhook secrets are known to the redactor and the secret scan.
 */
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { subscriptionProblems, subscriptionsIn } from '../../../src/checks/webhook-subscriptions.ts';
import { knownSecrets } from '../../../src/config/known-secrets.ts';
import { loadProfile } from '../../../src/config/profile.ts';
import { redactBody } from '../../../src/http/redact.ts';
import { spotdraft } from '../../../src/providers/spotdraft.ts';
import { spotnana } from '../../../src/providers/spotnana.ts';
import { scanForSecrets } from '../../../src/security/secret-scan.ts';
import { decodeBase64, sameKey } from '../../../src/webhooks/key-bytes.ts';
import { spotdraftCases, spotnanaCases } from '../../../src/webhooks/probe/cases.ts';
import { spotdraftSignature } from '../../../src/webhooks/spotdraft-signature.ts';
import { spotnanaKeyBytes, spotnanaSignature } from '../../../src/webhooks/spotnana-signature.ts';
import { ROOT } from '../helpers/paths.ts';
import { assertConfigError, configErrorOf, envFile, tempDir, twinCredentials } from '../helpers/profiles.ts';

const dirs: ReturnType<typeof tempDir>[] = [];
after(() => dirs.forEach((d) => d.remove()));

const SPOTNANA_SCHEME = spotnana.webhooks?.signature;
if (SPOTNANA_SCHEME?.kind !== 'id-timestamp-hmac-sha256-base64') throw new Error('spotnana signs with id, timestamp and body');
const SPOTDRAFT_SCHEME = spotdraft.webhooks?.signature;
if (SPOTDRAFT_SCHEME?.kind !== 'body-hmac-sha512-hex') throw new Error('spotdraft signs the body');

describe('signature modules, against the documented recipes', () => {
  test('SpotDraft: lowercase hex HMAC-SHA512 of the raw body, keyed by the base64-decoded hmac_key', () => {
    const hmacKey = randomBytes(64).toString('base64');
    const body = Buffer.from('{"activity": "CONTRACT_EXECUTED"}');
    const documented = createHmac('sha512', Buffer.from(hmacKey, 'base64')).update(body).digest('hex');
    assert.equal(spotdraftSignature(decodeBase64(hmacKey) as Buffer, body), documented);
    assert.match(documented, /^[0-9a-f]{128}$/);
  });

  test('Spotnana: base64 HMAC-SHA256 of {id}.{timestamp}.{raw body}, keyed by the base64 after whsec_', () => {
    const keyText = randomBytes(32).toString('base64');
    const body = Buffer.from('{"eventType": "PNR_V3"}');
    const documented = createHmac('sha256', Buffer.from(keyText, 'base64')).update(`msg_1.1700000000.${body.toString()}`).digest('base64');
    const key = spotnanaKeyBytes(SPOTNANA_SCHEME, `whsec_${keyText}`) as Buffer;
    assert.equal(spotnanaSignature(key, 'msg_1', '1700000000', body), documented);
    assert.equal(spotnanaKeyBytes(SPOTNANA_SCHEME, keyText), undefined, 'the prefix is required');
  });

  test('base64 is decoded strictly; keys compare equal only byte for byte', () => {
    assert.equal(decodeBase64('not base64!'), undefined);
    assert.equal(decodeBase64('abc'), undefined, 'unpadded');
    assert.equal(decodeBase64(''), undefined);
    const a = randomBytes(32);
    assert.ok(sameKey(a, Buffer.from(a)));
    assert.ok(!sameKey(a, randomBytes(32)));
    assert.ok(!sameKey(a, a.subarray(0, 31)), 'another length is another key, without throwing');
  });

  test("the probe's cases: a fresh delivery id each but the replay, which repeats the valid delivery exactly", () => {
    const key = randomBytes(32);
    const cases = spotnanaCases(SPOTNANA_SCHEME, key, { toleranceSeconds: 300 });
    const ids = cases.map((c) => c.headers[SPOTNANA_SCHEME.idHeader]);
    const valid = cases.find((c) => c.id === 'valid');
    const replay = cases.find((c) => c.id === 'replayed-id');
    assert.equal(replay?.headers[SPOTNANA_SCHEME.signatureHeader], valid?.headers[SPOTNANA_SCHEME.signatureHeader]);
    assert.equal(new Set(ids).size, cases.length - 1, 'all distinct but the replay');
    assert.equal(cases.find((c) => c.id === 'rotation')?.headers[SPOTNANA_SCHEME.signatureHeader]?.split(' ').length, 2);
    const spotdraftValid = spotdraftCases(SPOTDRAFT_SCHEME, key).find((c) => c.id === 'valid');
    assert.notEqual(spotdraftValid?.body.toString(), JSON.stringify(JSON.parse(spotdraftValid?.body.toString() ?? '')), 'the valid body is not what JSON.stringify writes');
  });
});

describe('subscriptions, as the preflight judges them', () => {
  const shape = { items: 'elements', id: 'id', name: 'name', url: 'url', active: 'isActive' };
  test('reads {elements} and a bare array; absent isActive is active', () => {
    const one = { id: 's1', name: 'A', url: 'https://hooks.example.com/x' };
    assert.deepEqual(subscriptionsIn({ elements: [one] }, shape), [{ label: '"A" (s1)', url: one.url, active: true }]);
    assert.deepEqual(subscriptionsIn([{ ...one, isActive: false }], shape), [{ label: '"A" (s1)', url: one.url, active: false }]);
  });

  test('names each active subscription on http, on another environment\'s receiver, elsewhere, or without a URL', () => {
    const list = subscriptionsIn([
      { id: 'ok', name: 'fine', url: 'https://hooks.example.com/spotnana' },
      { id: 'h', name: 'plain', url: 'http://hooks.example.com/spotnana' },
      { id: 'u', name: 'copied', url: 'https://hooks-uat.example.com/spotnana?token=abc' },
      { id: 'x', name: 'stray', url: 'https://old.example.com/' },
      { id: 'n', name: 'broken', url: 'not a url' },
    ], shape);
    const problems = subscriptionProblems(list, 'hooks.example.com', 'prod', new Map([['hooks-uat.example.com', 'uat' as const]]));
    assert.deepEqual(problems, [
      '"plain" (h) delivers over http to hooks.example.com: https only',
      '"copied" (u) of prod delivers to hooks-uat.example.com, the uat receiver',
      '"stray" (x) delivers to old.example.com, not hooks.example.com',
      '"broken" (n) has no valid URL',
    ]);
    assert.ok(!problems.join().includes('token=abc'), 'a URL\'s query is never repeated');
  });
});

describe('webhook keys in the profile', () => {
  let file = '';
  function load(values: Record<string, string>) {
    const dir = tempDir('webhook-profile-');
    dirs.push(dir);
    file = dir.write('uat.env', envFile(values));
    return () => loadProfile({ root: ROOT, env: { CONTRACT_ENV: 'uat', CONTRACT_PROFILE_DIR: dir.path } });
  }
  const SD = { SPOTDRAFT_US_CLIENT_ID: 'live-us-client-123', SPOTDRAFT_US_CLIENT_SECRET: 'live-us-secret-0f9e8d7c' };
  const SN = { SPOTNANA_GLOBAL_CLIENT_ID: 'live-sn-client-123', SPOTNANA_GLOBAL_CLIENT_SECRET: 'live-sn-secret-0f9e8d7c' };
  const KEY = randomBytes(64).toString('base64');

  test('are read as secrets: the key never prints, the receiver is a lower-case host', () => {
    const profile = load({ ...SD, SPOTDRAFT_US_WEBHOOK_HMAC_KEY: KEY, ...SN, SPOTNANA_GLOBAL_WEBHOOK_RECEIVER: 'Hooks.Example.com' })();
    const us = profile.targets.find((t) => t.target.id === 'spotdraft-us-uat');
    assert.equal(us?.credentials.webhookSecret?.reveal(), KEY);
    assert.ok(!JSON.stringify(us).includes(KEY));
    assert.equal(profile.targets.find((t) => t.target.id === 'spotnana-global-uat')?.credentials.webhookReceiver, 'hooks.example.com');
  });

  const refused: [string, Record<string, string>, string, RegExp][] = [
    ['a provider without webhooks', { SPREETAIL_EU_CLIENT_ID: 'x-client-12', SPREETAIL_EU_CLIENT_SECRET: 'x-secret-123', SPREETAIL_EU_WEBHOOK_SECRET: 'whsec_abc' }, 'SPREETAIL_EU_WEBHOOK_SECRET', /documents no webhooks/],
    ["another provider's secret key", { ...SN, SPOTNANA_GLOBAL_WEBHOOK_HMAC_KEY: KEY }, 'SPOTNANA_GLOBAL_WEBHOOK_HMAC_KEY', /its receiver's secret is <PREFIX>_WEBHOOK_SECRET/],
    ['a receiver where no subscription can be listed', { ...SD, SPOTDRAFT_US_WEBHOOK_RECEIVER: 'hooks.example.com' }, 'SPOTDRAFT_US_WEBHOOK_RECEIVER', /no list of subscriptions/],
    ['a receiver given as a URL', { ...SN, SPOTNANA_GLOBAL_WEBHOOK_RECEIVER: 'https://hooks.example.com/x' }, 'SPOTNANA_GLOBAL_WEBHOOK_RECEIVER', /host name .* not a URL/],
    ['a key that is too short', { ...SD, SPOTDRAFT_US_WEBHOOK_HMAC_KEY: 'c2hvcnQta2V5' }, 'SPOTDRAFT_US_WEBHOOK_HMAC_KEY', /fewer than 16/],
    ['a webhook key without the target\'s credentials', { SPOTDRAFT_EU_WEBHOOK_HMAC_KEY: KEY }, 'SPOTDRAFT_EU_CLIENT_ID', /is missing while SPOTDRAFT_EU_WEBHOOK_HMAC_KEY is set/],
  ];
  for (const [name, values, key, why] of refused) {
    test(`refuse ${name}, naming the key and not the value`, () => {
      const error = configErrorOf(load(values));
      assertConfigError(error, { key, source: file, why, secrets: [KEY] });
    });
  }
});

describe('webhook secrets are known to the redactor and to the secret scan', () => {
  test('hmac_key and hmacSigningSecret fields, and a subscription\'s custom headers, are redacted in any body', () => {
    const body = redactBody(JSON.stringify({ hmac_key: 'zJDCvFUXhByUkPcQ', elements: [{ hmacSigningSecret: 'whsec_abcdefgh', customHeaders: { 'X-Auth': 'receiver-token-1' } }] }), 'application/json');
    assert.deepEqual(JSON.parse(body), { hmac_key: '[redacted]', elements: [{ hmacSigningSecret: '[redacted]', customHeaders: { 'X-Auth': '[redacted]' } }] });
  });

  test("knownSecrets names every profile's webhook key and secret, and the key part of a whsec_ secret", () => {
    const names = knownSecrets(ROOT, {}).map((s) => s.name);
    for (const environment of ['uat', 'prod'] as const) {
      for (const key of Object.keys(twinCredentials(environment)).filter((k) => /_WEBHOOK_(HMAC_KEY|SECRET)$/.test(k))) {
        assert.ok(names.includes(`${key} (twin-${environment}.env)`), `${key} of twin-${environment}.env`);
      }
    }
    assert.ok(names.includes('SPOTNANA_GLOBAL_WEBHOOK_SECRET, its key part (twin-uat.env)'));
    const exported = knownSecrets(ROOT, { SPOTDRAFT_US_WEBHOOK_HMAC_KEY: 'exported-key-value-123' }).map((s) => s.name);
    assert.ok(exported.includes('SPOTDRAFT_US_WEBHOOK_HMAC_KEY (environment)'));
  });

  test('the scan finds a webhook secret raw, base64-encoded, URL-encoded, and the key part alone', () => {
    const secrets = knownSecrets(ROOT, {});
    const whsec = twinCredentials('uat').SPOTNANA_GLOBAL_WEBHOOK_SECRET ?? '';
    const hmacKey = twinCredentials('prod').SPOTDRAFT_EU_WEBHOOK_HMAC_KEY ?? '';
    const dir = tempDir('webhook-scan-');
    dirs.push(dir);
    dir.write('raw.txt', `log: ${hmacKey}`);
    dir.write('b64.txt', Buffer.from(`prefix ${hmacKey} suffix`).toString('base64'));
    dir.write('url.txt', encodeURIComponent(hmacKey));
    dir.write('part.txt', `key=${whsec.slice('whsec_'.length)}`);
    const { findings } = scanForSecrets([dir.path], secrets, dir.path);
    const found = new Set(findings.map((f) => `${f.file}:${f.secret}`));
    assert.ok(found.has('raw.txt:SPOTDRAFT_EU_WEBHOOK_HMAC_KEY (twin-prod.env)'), JSON.stringify(findings));
    assert.ok(found.has('b64.txt:SPOTDRAFT_EU_WEBHOOK_HMAC_KEY (twin-prod.env)'), JSON.stringify(findings));
    assert.ok(found.has('url.txt:SPOTDRAFT_EU_WEBHOOK_HMAC_KEY (twin-prod.env)'), JSON.stringify(findings));
    assert.ok(found.has('part.txt:SPOTNANA_GLOBAL_WEBHOOK_SECRET, its key part (twin-uat.env)'), JSON.stringify(findings));
    assert.ok(!JSON.stringify(findings).includes(hmacKey), 'a finding names the secret, never its value');
  });
});
