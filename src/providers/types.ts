/** Data describing one partner API: the single source of truth for hosts, paths, auth and expectations. */

export type EnvironmentName = 'uat' | 'prod';
export const ENVIRONMENTS: readonly EnvironmentName[] = ['uat', 'prod'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type AuthSchemeName = 'client-headers' | 'jwt-login' | 'oauth-client-credentials';

export interface DocRef {
  /** Section of the provider's documentation (or PROVIDERS.md for an adopted assumption). */
  title: string;
  url: string;
}

/** How an id that a path or a request body needs is discovered from another endpoint's response. */
export interface ParamSource {
  /** Endpoint whose (successful) response supplies the value. */
  from: string;
  /** Dotted path into that response body, e.g. `results.0.id` or `elements.0.id`. */
  pick: string;
  /** Optional prefix added when the picked value is a number or a digit-only string (SpotDraft composite ids). */
  prefixIfNumeric?: string;
}

/** A field the provider documents as required in a request body: a body without it must be refused. */
export interface RequiredBodyField {
  /** Dotted path into the body, e.g. `personalInfo.name.family1`. */
  field: string;
  /** Status of the refusal. */
  status: number;
  /** Component schemas (in schemas/<provider>.json) of the refusal's body: it matches at least one. */
  errorSchemas: string[];
  docs: DocRef;
}

export interface EndpointDescriptor {
  /** Stable id, `<resource>.<action>`, used by checks, reports and the twin. */
  id: string;
  method: HttpMethod;
  /** Canonical path relative to the base URL, exactly as documented (trailing slash included or not). */
  path: string;
  query?: Record<string, string>;
  /** Path parameters and where their values come from. */
  params?: Record<string, ParamSource>;
  /** Component schema name (in schemas/<provider>.json) of the success body; absent when the documented answer has none. */
  schema?: string;
  successStatus: number;
  /** Creates or changes data: only ever sent to `uat` targets (or prod with explicit permission). */
  mutating: boolean;
  /** Body factory name for mutating endpoints (see src/providers/request-bodies.ts). */
  body?: string;
  /** Values the body factory needs and where they come from, discovered like path parameters. */
  bodyParams?: Record<string, ParamSource>;
  /** Component schema (in schemas/<provider>.json) every body must match before it is sent. */
  requestSchema?: string;
  /** A documented required field of the body, for the check that a body without it is refused. */
  requiredField?: RequiredBodyField;
  /** Documented by the vendor's guides only, not in its OpenAPI documents (drift says so instead of reporting it missing). */
  outsideVendorDocuments?: DocRef;
  /**
   * Called only inside a round trip (src/flows/), on a record the flow itself created or owns: no standalone schema
   * check and no read walk calls it, so nothing is created (or changed) outside a flow that cleans up after itself.
   */
  flowOnly?: boolean;
  docs: DocRef;
}

export interface SlashPolicy {
  /** `redirect`: documented 302 to the canonical path; `redirect-or-404`: undocumented, either is tolerated. */
  mismatch: 'redirect' | 'redirect-or-404';
  docs: DocRef;
}

export interface TokenPolicy {
  /** Endpoint id that issues tokens. */
  endpoint: string;
  lifetimeSeconds: number;
  /** Whether the lifetime is stated by the docs or only seen in examples. */
  lifetimeSource: 'doc' | 'example';
  /** Tokens are JWTs whose `exp - iat` must equal `expires_in`. */
  jwt: boolean;
  /** Refresh this many seconds before expiry (documented client behaviour). */
  refreshBeforeSeconds: number;
  /** The vendor does not require `expires_in` in the token answer: without it, the session assumes `lifetimeSeconds`. */
  expiresInOptional?: boolean;
  docs: DocRef;
}

export interface AuthDescriptor {
  scheme: AuthSchemeName;
  docs: DocRef;
  token?: TokenPolicy;
  /** Statuses a rejected credential may answer with. */
  rejectedStatuses: number[];
  /** Component schema of the body that accompanies a rejection. */
  errorSchema: string;
  /** Status(es) for a request body in a format the token endpoint does not accept. */
  wrongBodyStatuses?: number[];
}

/** A vendor's published OpenAPI document: the contract the project's schemas and bodies are held against. Read, never copied. */
export interface VendorDocument {
  /** File name inside VENDOR_OPENAPI_DIR. */
  file: string;
  /** Where the vendor publishes it; the nightly drift job fetches it from here (overridable, see scripts/drift.ts). */
  url: string;
}

export interface ProviderDescriptor {
  id: string;
  name: string;
  /** The vendor's OpenAPI documents; empty when the provider publishes none (its guides are then the only contract). */
  vendorDocuments: VendorDocument[];
  /** Regions and, per region and environment, the documented base URL. */
  baseUrls: Record<string, Record<EnvironmentName, string>>;
  hostDocs: DocRef;
  auth: AuthDescriptor;
  slash: SlashPolicy;
  /** Every endpoint the suite calls. The first `read` endpoint is the cheapest authenticated read. */
  endpoints: EndpointDescriptor[];
  /** Endpoint id of the cheapest authenticated read, used to prove a credential works (or is rejected). */
  probeEndpoint: string;
  /**
   * Slowest answer a check may see and still pass clean (ms); slower passes as degraded, or fails with --strict.
   * No partner publishes a latency objective: each budget is ours (CONTRACT_LATENCY_BUDGET_MS overrides it).
   */
  latencyBudgetMs: number;
  /** Documented rate limit, if any. */
  rateLimit?: { requestsPerSecond: number; scope: 'workspace' | 'client' };
  /** How a credential's account is recognised (preflight identity). */
  identity: { endpoint: string; fields: string[]; docs: DocRef };
  /** Optional user-context header support (SpotDraft `user-email`). */
  userContext?: { header: string; usersEndpoint: string; docs: DocRef };
  /** Extra profile keys this provider reads, beyond CLIENT_ID / CLIENT_SECRET. */
  optionalKeys: string[];
  /** How the provider signs webhook deliveries and where its webhook settings are read; absent: it documents no webhooks. */
  webhooks?: WebhookDescriptor;
  /** The round trips the partner documents, each run by the @flow family (see src/flows/). */
  roundTrips: RoundTrip[];
  /** How `npm run sweep` finds (and removes) the records the suite left behind. */
  leftovers: LeftoverSearch | { unsearchable: string };
}

/**
 * SpotDraft's delivery signature: the lowercase hex HMAC-SHA512 of the raw body, in one header, keyed by the
 * base64-decoded workspace key. No timestamp, no delivery id.
 */
export interface BodyHmacScheme {
  kind: 'body-hmac-sha512-hex';
  signatureHeader: string;
}

/**
 * Spotnana's delivery signature: base64 HMAC-SHA256 of `{id}.{timestamp}.{raw body}`, keyed by the base64-decoded part of
 * a prefixed secret; several space-separated signatures while a secret rotates.
 */
export interface IdTimestampHmacScheme {
  kind: 'id-timestamp-hmac-sha256-base64';
  idHeader: string;
  timestampHeader: string;
  signatureHeader: string;
  /** What the secret begins with; the rest is the base64 of the key. */
  secretPrefix: string;
  /** How far a delivery's timestamp may be from now before a receiver refuses it (not published: an assumption). */
  toleranceSeconds: number;
}

export type WebhookSignatureScheme = BodyHmacScheme | IdTimestampHmacScheme;

/** Where the subscriptions are in the list operation's answer, and which fields of one the preflight reads. */
export interface SubscriptionListShape {
  /** Dotted path to the array in the answer; a bare array is accepted too. */
  items: string;
  id: string;
  name: string;
  url: string;
  /** A boolean field; absent means active. */
  active: string;
}

export interface WebhookDescriptor {
  docs: DocRef;
  /** Profile key (after `<PREFIX>_`) of the secret the team's receiver verifies deliveries with. */
  secretKey: 'WEBHOOK_HMAC_KEY' | 'WEBHOOK_SECRET';
  signature: WebhookSignatureScheme;
  /** Webhook operations the preflight calls (not part of the nightly contract run). */
  endpoints: EndpointDescriptor[];
  /** The operation answering the workspace's signing key (base64, at `field`); absent: the key cannot be read back. */
  signingKey?: { endpoint: string; field: string } | { unavailable: string };
  /** The operation listing this environment's subscriptions; absent: there is none. */
  subscriptions?: { endpoint: string; shape: SubscriptionListShape } | { unavailable: string };
}

interface RoundTripBase {
  /** The check is `flow.<id>`. */
  id: string;
  /** The documented rule, in words: the test title. */
  title: string;
  docs: DocRef;
}

/** Create, read back, replace the whole object, read back, delete, read back gone (the complete-object update rule). */
export interface CreateReplaceDeleteTrip extends RoundTripBase {
  kind: 'create-replace-delete';
  create: string;
  /** Dotted path of the new record's id in the create answer. */
  idPick: string;
  read: string;
  replace: string;
  remove: string;
  /** The path parameter read, replace and remove take the id as. */
  idParam: string;
  /** The one field the replacement changes, and its new value. */
  change: { field: string; value: string };
  /** An optional field of the create body that the replacement leaves out: a replace drops it, a merge would keep it. */
  leftOut: string;
  /** What reading the record after its delete answers. */
  goneStatuses: number[];
}

/** Create with a unique reference, read it back, a second create with the same reference refused, a foreign one unreadable. */
export interface UniqueReferenceTrip extends RoundTripBase {
  kind: 'unique-reference';
  create: string;
  read: string;
  /** The body field that holds the reference, and the read's path parameter. */
  referenceField: string;
  referenceParam: string;
  /** Where the record sits in the create and read answers (e.g. `data`). */
  recordPick: string;
  /** Fields the read back carries exactly as sent. */
  keptFields: string[];
  /** Fields the provider sets whatever was sent, with their documented values. */
  forcedFields: Record<string, string>;
  /** The documented refusal of a reference that exists: status, body, and the message (`{reference}` stands for it). */
  duplicate: { status: number; errorSchema: string; messagePick: string; message: string };
  /** What reading a reference this client never created answers. */
  foreignStatuses: number[];
}

/** One record the suite owns per workspace: found, or created only when absent; read at its canonical path; updated. */
export interface OwnedRecordTrip extends RoundTripBase {
  kind: 'owned-record';
  list: string;
  create: string;
  read: string;
  update: string;
  /** Where the list answer holds its items; the record's id and name in an item (and in the create answer). */
  itemsPick: string;
  idPick: string;
  namePick: string;
  idParam: string;
  /** The list's exact-match filter (query parameter) and the field of the owned body whose value it is given. */
  find: { query: string; bodyField: string };
  /** The owned body's field that names the record (matched against `namePick`). */
  nameField: string;
  /** Body factories: the owned record, and the update (which changes `updatedField`). */
  ownedBody: string;
  updateBody: string;
  updatedField: string;
}

export type RoundTrip = CreateReplaceDeleteTrip | UniqueReferenceTrip | OwnedRecordTrip;

/** Where the suite's leftovers are found: a list whose items carry the marker, and the operation that removes one. */
export interface LeftoverSearch {
  list: string;
  itemsPick: string;
  /** The item field that carries the marker, and the item's id. */
  labelPick: string;
  idPick: string;
  /** A paged list: its page parameter (pages are read until one comes back short). */
  pageParam?: string;
  /** The endpoint that removes one, with the path parameter it takes the id as; or why nothing can be removed. */
  remove: { endpoint: string; idParam: string } | { impossible: string };
}
