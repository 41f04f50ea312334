import type { DocRef, ProviderDescriptor } from './types.ts';

const doc = (section: string): DocRef => ({
  title: `Spotnana developer documentation — ${section}`,
  url: 'https://developer.spotnana.com/',
});

export const spotnana: ProviderDescriptor = {
  id: 'spotnana',
  name: 'Spotnana',
  // One document per API family on the developer portal; the addresses could not be verified from here (no internet),
  // so the nightly drift job lets a repository variable override each.
  vendorDocuments: ['auth', 'company', 'users', 'trip'].map((family) => ({
    file: `spotnana-${family}-openapi.json`,
    url: `https://developer.spotnana.com/openapi/${family}-api.json`,
  })),
  baseUrls: {
    global: {
      uat: 'https://api-ext-sboxmeta.partners.spotnana.com',
      // Per the auth guide's examples; other renderings differ, so profiles may override it.
      prod: 'https://api.spotnana.com',
    },
  },
  hostDocs: doc('Authentication: sandbox and production hosts'),
  auth: {
    scheme: 'oauth-client-credentials',
    docs: doc('Authentication: client credentials'),
    rejectedStatuses: [401, 403],
    errorSchema: 'ErrorResponse',
    wrongBodyStatuses: [400, 415],
    token: {
      endpoint: 'auth.token', lifetimeSeconds: 3600, lifetimeSource: 'example', jwt: false, refreshBeforeSeconds: 300,
      // OAuthTokenResponse requires only access_token and token_type.
      expiresInOptional: true,
      docs: doc('Authentication: access token'),
    },
  },
  slash: { mismatch: 'redirect-or-404', docs: { title: 'PROVIDERS.md assumption — undocumented redirects', url: 'https://developer.spotnana.com/' } },
  probeEndpoint: 'companies.list',
  endpoints: [
    {
      id: 'auth.token', method: 'POST', path: '/v2/auth/oauth2-token',
      schema: 'TokenResponse', successStatus: 200, mutating: false, docs: doc('Authentication: access token'),
    },
    {
      id: 'companies.list', method: 'GET', path: '/v2/companies',
      schema: 'CompanyList', successStatus: 200, mutating: false, docs: doc('Company API: list companies'),
    },
    {
      id: 'companies.get', method: 'GET', path: '/v2/companies/{companyId}',
      params: { companyId: { from: 'companies.list', pick: 'elements.0.id' } },
      schema: 'Company', successStatus: 200, mutating: false, docs: doc('Company API: get company'),
    },
    {
      id: 'legal_entities.list', method: 'GET', path: '/v2/companies/{companyId}/legal-entities',
      params: { companyId: { from: 'companies.list', pick: 'elements.0.id' } },
      schema: 'LegalEntityList', successStatus: 200, mutating: false, docs: doc('Company API: list legal entities'),
    },
    {
      id: 'users.list', method: 'GET', path: '/v2/users', query: { companyId: '{companyId}' },
      params: { companyId: { from: 'companies.list', pick: 'elements.0.id' } },
      schema: 'UserList', successStatus: 200, mutating: false, docs: doc('Users API: list users'),
    },
    {
      id: 'users.get', method: 'GET', path: '/v2/users/{userId}',
      params: { userId: { from: 'users.list', pick: 'elements.0.id' } },
      schema: 'User', successStatus: 200, mutating: false, docs: doc('Users API: get user'),
    },
    {
      id: 'users.create', method: 'POST', path: '/v2/users', body: 'spotnanaUser',
      // businessInfo names the company and one of its legal entities.
      bodyParams: {
        companyId: { from: 'companies.list', pick: 'elements.0.id' },
        legalEntityId: { from: 'legal_entities.list', pick: 'elements.0.id' },
      },
      requestSchema: 'UserCreateRequest',
      requiredField: {
        field: 'personalInfo.name.family1', status: 400, errorSchemas: ['ErrorResponse'],
        docs: doc('Users API: create user (UserCreateRequest: a name requires given and family1)'),
      },
      schema: 'EntityId', successStatus: 201, mutating: true, flowOnly: true, docs: doc('Users API: create user'),
    },
    {
      id: 'users.replace', method: 'PUT', path: '/v2/users/{userId}', requestSchema: 'UserUpdateRequest',
      params: { userId: { from: 'users.create', pick: 'id' } },
      // Documented as 200 with no content.
      successStatus: 200, mutating: true, flowOnly: true, docs: doc('Users API: update user (the complete object)'),
    },
    {
      id: 'users.delete', method: 'DELETE', path: '/v2/users/{userId}',
      params: { userId: { from: 'users.create', pick: 'id' } },
      successStatus: 204, mutating: true, flowOnly: true, docs: doc('Users API: delete user'),
    },
  ],
  latencyBudgetMs: 2000,
  roundTrips: [
    {
      id: 'user-create-replace-delete', kind: 'create-replace-delete',
      title: 'a created user is read back by its UUID, replaced whole by PUT, deleted, and then gone',
      docs: doc('Conventions: store the UUIDs returned on create; every update sends the complete object'),
      create: 'users.create', idPick: 'id', read: 'users.get', replace: 'users.replace', remove: 'users.delete', idParam: 'userId',
      change: { field: 'personalInfo.name.family1', value: 'Suite Replaced' },
      leftOut: 'personalInfo.name.preferred',
      goneStatuses: [404],
    },
  ],
  leftovers: {
    list: 'users.list', itemsPick: 'elements', labelPick: 'email', idPick: 'id',
    remove: { endpoint: 'users.delete', idParam: 'userId' },
  },
  identity: { endpoint: 'companies.get', fields: ['id.id'], docs: doc('Conventions: separate sandbox and production credentials') },
  optionalKeys: [],
  webhooks: {
    docs: doc('Webhooks: authentication (x-spotnana-webhook-signature)'),
    secretKey: 'WEBHOOK_SECRET',
    signature: {
      kind: 'id-timestamp-hmac-sha256-base64',
      idHeader: 'x-spotnana-webhook-id',
      timestampHeader: 'x-spotnana-webhook-timestamp',
      signatureHeader: 'x-spotnana-webhook-signature',
      secretPrefix: 'whsec_',
      // No tolerance is published: 5 minutes, as Standard Webhooks and Stripe use (PROVIDERS.md).
      toleranceSeconds: 300,
    },
    endpoints: [
      {
        id: 'webhooks.subscriptions', method: 'GET', path: '/v3/webhooks/subscriptions',
        schema: 'WebhookSubscriptionList', successStatus: 200, mutating: false, docs: doc('Webhooks: configuration (list subscriptions)'),
        outsideVendorDocuments: doc('Webhooks: configuration — on the developer portal, not in the auth, company, users or trip documents'),
      },
    ],
    signingKey: { unavailable: 'Spotnana shows a subscription\'s signing secret once, when it is created: there is no operation to read it back' },
    subscriptions: {
      endpoint: 'webhooks.subscriptions',
      shape: { items: 'elements', id: 'id', name: 'name', url: 'url', active: 'isActive' },
    },
  },
};
