/** URL building: a documented base path appears exactly once, and every documented endpoint path follows it unchanged. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient } from '../../../src/auth/api-client.ts';
import type { AuthSession } from '../../../src/auth/session.ts';
import { doubleFirstSegment, fillParams, joinUrl, toggleTrailingSlash } from '../../../src/http/url.ts';
import { PROVIDERS, TARGETS } from '../../../src/providers/catalogue.ts';
import type { EndpointDescriptor } from '../../../src/providers/types.ts';
import { FakeHttp, targetProfile } from '../helpers/fake-http.ts';

/** An endpoint's path with every `{param}` given a plain value. */
function concretePath(endpoint: EndpointDescriptor): string {
  const params = Object.fromEntries(Object.keys(endpoint.params ?? {}).map((name) => [name, `${name}-1`]));
  return fillParams(endpoint.path, params);
}

function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

describe('joinUrl never doubles or drops the documented base path', () => {
  for (const provider of PROVIDERS) {
    for (const [region, urls] of Object.entries(provider.baseUrls)) {
      for (const [environment, baseUrl] of Object.entries(urls)) {
        test(`${provider.id} ${region} ${environment}: every endpoint joins onto ${baseUrl} exactly once`, () => {
          const basePath = basePathOf(baseUrl);
          const host = new URL(baseUrl).host;
          // The same result whether the base has a trailing slash or the path a leading one.
          const bases = [baseUrl.replace(/\/+$/, ''), `${baseUrl.replace(/\/+$/, '')}/`];
          for (const endpoint of provider.endpoints) {
            const path = concretePath(endpoint);
            const rel = path.replace(/^\/+/, '');
            for (const base of bases) {
              for (const p of [rel, `/${rel}`]) {
                const url = new URL(joinUrl(base, p, endpoint.query));
                assert.equal(url.protocol, 'https:');
                assert.equal(url.host, host);
                assert.equal(url.pathname, `${basePath}/${rel}`, `${endpoint.id}: joinUrl(${base}, ${p})`);
                assert.doesNotMatch(url.pathname, /\/\//, `${endpoint.id}: empty segment in ${url.pathname}`);
                for (const [key, value] of Object.entries(endpoint.query ?? {})) {
                  if (!value.includes('{')) assert.equal(url.searchParams.get(key), value);
                }
              }
            }
          }
        });
      }
    }
  }

  test('SpotDraft URLs start with /api/ once, never /api/api/', () => {
    for (const target of TARGETS.filter((t) => t.provider.id === 'spotdraft')) {
      for (const endpoint of target.provider.endpoints) {
        const { pathname } = new URL(joinUrl(target.documentedBaseUrl, concretePath(endpoint)));
        assert.ok(pathname.startsWith('/api/v'), `${target.id} ${endpoint.id}: ${pathname}`);
        assert.ok(!pathname.includes('/api/api/'), `${target.id} ${endpoint.id}: ${pathname}`);
      }
    }
  });

  test("Spreetail URLs keep the documented doubled base /api/api/v1 exactly once", () => {
    for (const target of TARGETS.filter((t) => t.provider.id === 'spreetail')) {
      for (const endpoint of target.provider.endpoints) {
        const { pathname } = new URL(joinUrl(target.documentedBaseUrl, concretePath(endpoint)));
        assert.ok(pathname.startsWith('/api/api/v1/'), `${target.id} ${endpoint.id}: ${pathname}`);
        assert.ok(!pathname.startsWith('/api/api/api/'), `${target.id} ${endpoint.id}: ${pathname}`);
        assert.equal(pathname.split('/v1/').length, 2, `${target.id} ${endpoint.id}: ${pathname}`);
      }
    }
  });

  test('canonical trailing slashes of documented paths are preserved (SpotDraft slash and no-slash paths)', () => {
    const base = 'https://api.us.spotdraft.com/api/';
    assert.equal(joinUrl(base, 'v2.1/public/contract_types/'), 'https://api.us.spotdraft.com/api/v2.1/public/contract_types/');
    assert.equal(joinUrl(base, 'v2.1/public/contracts/T-1/status'), 'https://api.us.spotdraft.com/api/v2.1/public/contracts/T-1/status');
    assert.equal(joinUrl(base, 'v1/public/contracts'), 'https://api.us.spotdraft.com/api/v1/public/contracts');
  });

  test('query values are set on the URL and encoded once', () => {
    const url = new URL(joinUrl('https://api.spreetaileu.com/api/api/v1', '/inventory', { page: '1', page_size: '10', q: 'a b&c' }));
    assert.equal(url.searchParams.get('page_size'), '10');
    assert.equal(url.searchParams.get('q'), 'a b&c');
  });
});

describe('fillParams puts ids into paths safely', () => {
  test('encodes characters that would change the path', () => {
    assert.equal(fillParams('v2.1/public/contracts/{composite_id}/status', { composite_id: 'T-1/../x?y#z' }), 'v2.1/public/contracts/T-1%2F..%2Fx%3Fy%23z/status');
    assert.equal(fillParams('/order/{reference}', { reference: 'CONTRACT 100%' }), '/order/CONTRACT%20100%25');
  });

  test('fills several placeholders and leaves plain text alone', () => {
    assert.equal(fillParams('/a/{x}/b/{y}', { x: '1', y: 'two' }), '/a/1/b/two');
    assert.equal(fillParams('/v2/companies', {}), '/v2/companies');
  });

  test('a missing value throws instead of sending a literal {placeholder}', () => {
    assert.throws(() => fillParams('/v2/users/{userId}', {}), /userId/);
  });

  test('ApiClient puts a discovered query id into the URL encoded exactly once', () => {
    const tp = targetProfile('spotnana-global-uat');
    const api = new ApiClient(tp, new FakeHttp(() => ({ status: 200 })).asClient(), {} as AuthSession);
    const url = new URL(api.url(api.endpoint('users.list'), { companyId: 'a b&c/d' }));
    assert.equal(url.searchParams.get('companyId'), 'a b&c/d');
  });

  test('ApiClient builds every endpoint URL of every target on its base URL', () => {
    for (const target of TARGETS) {
      const api = new ApiClient(targetProfile(target.id), new FakeHttp(() => ({ status: 200 })).asClient(), {} as AuthSession);
      for (const endpoint of target.provider.endpoints) {
        const params = Object.fromEntries(Object.keys(endpoint.params ?? {}).map((name) => [name, 'id-1']));
        const url = new URL(api.url(endpoint, params));
        assert.equal(url.origin, new URL(target.documentedBaseUrl).origin);
        assert.equal(url.pathname, `${basePathOf(target.documentedBaseUrl)}/${fillParams(endpoint.path, params).replace(/^\/+/, '')}`);
      }
    }
  });
});

describe('toggleTrailingSlash makes the slash-mismatch variant of a URL', () => {
  test('adds a missing slash and removes a present one, keeping host and query', () => {
    assert.equal(toggleTrailingSlash('https://api.us.spotdraft.com/api/v2.1/public/contract_types/'), 'https://api.us.spotdraft.com/api/v2.1/public/contract_types');
    assert.equal(toggleTrailingSlash('https://api.us.spotdraft.com/api/v2.1/public/contracts/?page=1&limit=10'), 'https://api.us.spotdraft.com/api/v2.1/public/contracts?page=1&limit=10');
    assert.equal(toggleTrailingSlash('https://api.spotnana.com/v2/companies'), 'https://api.spotnana.com/v2/companies/');
  });

  test('toggling twice gives back the canonical URL', () => {
    for (const url of ['https://api.spreetaileu.com/api/api/v1/inventory?page=1', 'https://api.eu.spotdraft.com/api/v2.1/public/auth/users/?page=1']) {
      assert.equal(toggleTrailingSlash(toggleTrailingSlash(url)), url);
    }
  });
});

describe('doubleFirstSegment makes the doubled-base-path variant of a URL', () => {
  test('SpotDraft: /api/v2.1/... becomes /api/api/v2.1/...', () => {
    assert.equal(
      doubleFirstSegment('https://api.in.spotdraft.com/api/v2.1/public/contract_types/', '/api/'),
      'https://api.in.spotdraft.com/api/api/v2.1/public/contract_types/',
    );
  });

  test('Spreetail: the documented /api/api/v1 gains a third /api', () => {
    assert.equal(
      doubleFirstSegment('https://api.spreetaileu.com/api/api/v1/inventory?page=1', '/api/api/v1'),
      'https://api.spreetaileu.com/api/api/api/v1/inventory?page=1',
    );
  });

  test('Spotnana (no base path): the first path segment is doubled', () => {
    assert.equal(doubleFirstSegment('https://api.spotnana.com/v2/companies', '/'), 'https://api.spotnana.com/v2/v2/companies');
  });
});
