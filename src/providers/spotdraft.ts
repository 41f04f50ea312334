import type { DocRef, ProviderDescriptor } from './types.ts';

const guide = (section: string): DocRef => ({
  title: `SpotDraft — Authentication and Regions: ${section}`,
  url: 'https://help.spotdraft.com/articles/8632014145-developer-settings',
});
const reference = (operation: string): DocRef => ({
  title: `SpotDraft public API reference — ${operation}`,
  url: 'https://api.spotdraft.com/api/v2/public/docs',
});

const regionalBase = (region: string): Record<'uat' | 'prod', string> => ({
  // No UAT host is published: a UAT workspace lives on the same regional host, with its own credentials.
  uat: `https://api.${region}.spotdraft.com/api/`,
  prod: `https://api.${region}.spotdraft.com/api/`,
});

export const spotdraft: ProviderDescriptor = {
  id: 'spotdraft',
  name: 'SpotDraft',
  // The download behind the API reference page; this address could not be verified from here (no internet), so the
  // nightly drift job lets a repository variable override it.
  vendorDocuments: [{ file: 'spotdraft-openapi.yml', url: 'https://api.spotdraft.com/api/v2/public/docs/openapi.yml' }],
  baseUrls: { in: regionalBase('in'), us: regionalBase('us'), me: regionalBase('me'), eu: regionalBase('eu') },
  hostDocs: guide('Regions and base URLs'),
  auth: {
    scheme: 'client-headers',
    docs: guide('Authentication headers'),
    rejectedStatuses: [401, 403],
    errorSchema: 'DetailError',
  },
  slash: { mismatch: 'redirect', docs: guide('Redirect-safe client behavior') },
  probeEndpoint: 'contract_types.list',
  endpoints: [
    {
      id: 'contract_types.list', method: 'GET', path: 'v2.1/public/contract_types/',
      schema: 'ContractTypeList', successStatus: 200, mutating: false, docs: reference('List contract types'),
    },
    {
      id: 'contracts.list', method: 'GET', path: 'v2.1/public/contracts/', query: { page: '1', limit: '10' },
      schema: 'ContractPage', successStatus: 200, mutating: false, docs: reference('List contracts'),
    },
    {
      id: 'contracts.status', method: 'GET', path: 'v2.1/public/contracts/{composite_id}/status',
      params: { composite_id: { from: 'contracts.list', pick: 'results.0.id', prefixIfNumeric: 'T-' } },
      schema: 'ContractStatus', successStatus: 200, mutating: false, docs: reference('Get contract status'),
    },
    {
      id: 'users.list', method: 'GET', path: 'v2.1/public/auth/users/', query: { page: '1', limit: '100' },
      schema: 'UserPage', successStatus: 200, mutating: false, docs: reference('List workspace users'),
    },
    {
      id: 'entities.list', method: 'GET', path: 'v2.1/public/organizations/entities/',
      schema: 'EntityList', successStatus: 200, mutating: false, docs: reference('List organization entities'),
    },
    {
      id: 'counter_parties.create', method: 'POST', path: 'v2.1/public/counter_parties/', body: 'spotdraftCounterParty',
      requestSchema: 'CounterPartyCreateRequest',
      requiredField: {
        field: 'is_individual', status: 400, errorSchemas: ['DetailError', 'FieldErrors'],
        docs: reference('Create counter party: CreateCounterPartyAPIRequest requires is_individual'),
      },
      schema: 'CounterParty', successStatus: 201, mutating: true, flowOnly: true, docs: reference('Create counter party'),
    },
    {
      id: 'counter_parties.list', method: 'GET', path: 'v2.1/public/counter_parties/', query: { page: '1', limit: '100' },
      schema: 'CounterPartyPage', successStatus: 200, mutating: false, docs: reference('List counterparties'),
    },
    {
      id: 'counter_parties.get', method: 'GET', path: 'v2.1/public/counter_parties/{counterparty_id}',
      params: { counterparty_id: { from: 'counter_parties.list', pick: 'results.0.id' } },
      schema: 'CounterParty', successStatus: 200, mutating: false, docs: reference('Get counterparty'),
    },
    {
      id: 'counter_parties.update', method: 'PATCH', path: 'v2.1/public/counter_parties/{counterparty_id}', body: 'spotdraftCounterPartyUpdate',
      params: { counterparty_id: { from: 'counter_parties.list', pick: 'results.0.id' } },
      requestSchema: 'CounterPartyUpdateRequest',
      schema: 'CounterParty', successStatus: 200, mutating: true, flowOnly: true, docs: reference('Update counterparty'),
    },
  ],
  latencyBudgetMs: 2000,
  roundTrips: [
    {
      id: 'owned-counter-party', kind: 'owned-record',
      title: 'the counter party the suite owns is found by its name (created only when absent), read back at its canonical path, and PATCHed',
      docs: reference('Counterparties: create, list, get and update (GET and PATCH counter_parties/{id}, no slash; no delete)'),
      list: 'counter_parties.list', create: 'counter_parties.create', read: 'counter_parties.get', update: 'counter_parties.update',
      itemsPick: 'results', idPick: 'id', namePick: 'name', idParam: 'counterparty_id',
      find: { query: 'filter__client_email_address', bodyField: 'contact_email' },
      nameField: 'organization_name', ownedBody: 'spotdraftOwnedCounterParty', updateBody: 'spotdraftCounterPartyUpdate', updatedField: 'brand_name',
    },
  ],
  leftovers: {
    list: 'counter_parties.list', itemsPick: 'results', labelPick: 'name', idPick: 'id', pageParam: 'page',
    remove: { impossible: 'SpotDraft documents no delete for counter parties' },
  },
  rateLimit: { requestsPerSecond: 10, scope: 'workspace' },
  identity: { endpoint: 'entities.list', fields: ['name', 'reference_id'], docs: reference('List organization entities') },
  userContext: { header: 'user-email', usersEndpoint: 'users.list', docs: guide('Authentication headers') },
  optionalKeys: ['USER_EMAIL'],
  webhooks: {
    docs: reference('Webhooks: verifying webhooks (X-SD-WEBHOOK-CONTENT-HASH)'),
    secretKey: 'WEBHOOK_HMAC_KEY',
    signature: { kind: 'body-hmac-sha512-hex', signatureHeader: 'X-SD-WEBHOOK-CONTENT-HASH' },
    endpoints: [
      {
        id: 'webhooks.hmac_key', method: 'GET', path: 'v2.1/public/webhooks/hmac_key/',
        schema: 'WebhookSecretKeyResponse', successStatus: 200, mutating: false, docs: reference('Get Webhook Secret'),
      },
    ],
    signingKey: { endpoint: 'webhooks.hmac_key', field: 'hmac_key' },
    subscriptions: { unavailable: 'SpotDraft documents no operation that lists webhook subscriptions' },
  },
};
