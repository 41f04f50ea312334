/** What the twin counts as a failed authentication of a credential: a rejected request of a target's worker that presented one. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { carriesCredential } from '../../../twin/credential-presence.ts';
import { rejectedCredentials, type LoggedRequest } from '../../../twin/request-log.ts';

describe('carriesCredential', () => {
  test('an Authorization header, a SpotDraft client header, or client credentials in a JSON or form body', () => {
    assert.equal(carriesCredential({ headers: { authorization: 'Bearer x' } }), true);
    assert.equal(carriesCredential({ headers: { authorization: 'not even a bearer' } }), true);
    assert.equal(carriesCredential({ headers: { 'client-secret': 'x' } }), true);
    assert.equal(carriesCredential({ headers: { 'client-id': 'x' } }), true);
    assert.equal(carriesCredential({ headers: {}, json: { client_id: 'x', client_secret: 'y' } }), true);
    assert.equal(carriesCredential({ headers: {}, form: new URLSearchParams({ grant_type: 'client_credentials', client_secret: 'y' }) }), true);
  });

  test('none of them: no authentication attempt of a credential', () => {
    assert.equal(carriesCredential({ headers: { accept: 'application/json', 'user-email': 'a@example.invalid' } }), false);
    assert.equal(carriesCredential({ headers: {}, json: { grant_type: 'client_credentials' } }), false);
    assert.equal(carriesCredential({ headers: {}, json: 'client_id' }), false);
  });
});

test("rejectedCredentials: the target's workers' rejected requests that presented a credential, on any host", () => {
  const entry = (worker: string | undefined, auth: LoggedRequest['auth'], credential: boolean, host = 'api.us.spotdraft.com'): LoggedRequest => ({
    at: '', scheme: 'https', method: 'GET', host, path: '/', headerNames: [], status: auth === 'rejected' ? 401 : 200, auth, credential,
    ...(worker ? { worker } : {}),
  });
  const log = [
    entry('spotdraft-us-prod#0', 'rejected', true),
    entry('spotdraft-us-prod#3', 'rejected', true, 'api.eu.spotdraft.com'),
    entry('spotdraft-us-prod#0', 'rejected', false),
    entry('spotdraft-us-prod#0', 'accepted', true),
    entry('spotdraft-us-prod-x#0', 'rejected', true),
    entry('spotdraft-eu-prod#1', 'rejected', true),
    entry(undefined, 'rejected', true),
  ];
  assert.deepEqual(rejectedCredentials(log, 'spotdraft-us-prod').map((e) => `${e.worker} ${e.host}`), ['spotdraft-us-prod#0 api.us.spotdraft.com', 'spotdraft-us-prod#3 api.eu.spotdraft.com']);
});
