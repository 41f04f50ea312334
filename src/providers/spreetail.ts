import type { DocRef, ProviderDescriptor } from './types.ts';

const guide = (section: string): DocRef => ({
  title: `Spreetail Channel Integration API — Authentication Guide: ${section}`,
  url: 'https://api.spreetaileu.com/docs/authentication',
});
const reference = (operation: string): DocRef => ({
  title: `Spreetail Channel Integration API reference — ${operation}`,
  url: 'https://api.spreetaileu.com/docs',
});
const assumption = (topic: string): DocRef => ({
  title: `PROVIDERS.md assumption — ${topic}`,
  url: 'https://api.spreetaileu.com/docs',
});

// No sandbox host is published: uat and prod share the host and differ by credential.
const base = 'https://api.spreetaileu.com/api/api/v1';

export const spreetail: ProviderDescriptor = {
  id: 'spreetail',
  name: 'Spreetail EU',
  // Spreetail EU publishes no OpenAPI document: its authentication guide and API reference pages are the contract.
  vendorDocuments: [],
  baseUrls: { eu: { uat: base, prod: base } },
  hostDocs: guide('Request Access Token'),
  auth: {
    scheme: 'jwt-login',
    docs: guide('Use the Token'),
    rejectedStatuses: [401],
    errorSchema: 'Failure',
    token: {
      endpoint: 'auth.login', lifetimeSeconds: 86400, lifetimeSource: 'doc', jwt: true, refreshBeforeSeconds: 300,
      docs: guide('Token Expiration'),
    },
  },
  slash: { mismatch: 'redirect-or-404', docs: assumption('undocumented redirects') },
  probeEndpoint: 'inventory.list',
  endpoints: [
    {
      id: 'auth.login', method: 'POST', path: '/auth/login',
      schema: 'LoginSuccess', successStatus: 200, mutating: false, docs: guide('Request Access Token'),
    },
    {
      id: 'inventory.list', method: 'GET', path: '/inventory', query: { page: '1', page_size: '10' },
      schema: 'InventoryPage', successStatus: 200, mutating: false, docs: reference('Inventory'),
    },
    {
      id: 'orders.create', method: 'POST', path: '/outbound', body: 'spreetailOrder',
      requestSchema: 'OutboundOrderRequest',
      requiredField: {
        field: 'ReferenceNumber', status: 400, errorSchemas: ['Failure'],
        docs: reference('Create outbound order (400 "ReferenceNumber is required")'),
      },
      schema: 'OrderEnvelope', successStatus: 200, mutating: true, flowOnly: true, docs: reference('Create outbound order'),
    },
    {
      id: 'orders.get', method: 'GET', path: '/order/{reference}',
      params: { reference: { from: 'orders.create', pick: 'data.ReferenceNumber' } },
      schema: 'OrderEnvelope', successStatus: 200, mutating: false, flowOnly: true, docs: reference('Get order'),
    },
  ],
  roundTrips: [
    {
      id: 'order-unique-reference', kind: 'unique-reference',
      title: 'an order is read back as created with Status "Pending", its ReferenceNumber is unique per client, and only our own orders are readable',
      docs: reference('Create outbound order: ReferenceNumber unique per client (409 "Order with ReferenceNumber \'...\' already exists"), Status forced to "Pending"; Get order: your own orders only'),
      create: 'orders.create', read: 'orders.get', referenceField: 'ReferenceNumber', referenceParam: 'reference', recordPick: 'data',
      keptFields: ['ReferenceNumber', 'Currency', 'OrderItems'],
      forcedFields: { Status: 'Pending' },
      duplicate: {
        status: 409, errorSchema: 'Failure', messagePick: 'error', message: "Order with ReferenceNumber '{reference}' already exists",
      },
      foreignStatuses: [403, 404],
    },
  ],
  leftovers: { unsearchable: 'Spreetail documents neither an order list nor a delete: its orders can be neither found nor removed' },
  identity: { endpoint: 'auth.login', fields: ['data.client_id'], docs: guide('Request Access Token') },
  optionalKeys: [],
};
