/**
 * The twin's switchable faults: each a small, named deviation from PROVIDERS.md, with the check family and
 * failure category expected to catch it. The twin, the fault matrix (scripts/verify-faults.ts) and the README
 * table (scripts/fault-table.ts) all read this one list.
 *
 * Scope: `TWIN_FAULTS=name` activates a fault for every target, `name@<target-id>` for one. A provider module
 * asks `ctx.faults.active(name, targetId)` with the target of the account the request belongs to; where no
 * account is known yet (no or unknown credentials, TLS), any target served by the request's host counts.
 * Faults of one host (a certificate, a host that stops serving) apply to the host of the fault's `target`.
 */
import type { Category } from '../../src/categories.ts';

/**
 * The contract run's check families (src/checks/check.ts CONTRACT_FAMILIES; a test keeps the two in step), and
 * `preflight`: a fault only the pre-release preflight catches (the matrix runs the preflight for it).
 */
export type FaultFamily = 'host' | 'redirect' | 'auth' | 'token' | 'schema' | 'flow' | 'preflight';

export interface FaultSpec {
  /** kebab-case, `<provider>-<what goes wrong>`. */
  name: string;
  /** Family of the checks expected to catch it. */
  family: FaultFamily;
  /** Category the catching check must report. */
  category: Category;
  /** One line: what the twin does differently. */
  description: string;
  provider: 'spotdraft' | 'spreetail' | 'spotnana';
  /** The one target the matrix runs it on. */
  target: string;
  /** The check(s) designed to catch it; the matrix requires each of them among the catchers. */
  expectedChecks?: readonly string[];
  /** A preflight fault's column: the matrix requires it to be the one failing cell, in the table and in preflight.json. */
  column?: string;
  /** A round trip's fault: the number of the flow step that must fail (its failure line says `step "<n>. …"`). */
  expectedStep?: number;
}

export const FAULTS = [
  // ── host ────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'spotdraft-region-coupling-broken', family: 'host', category: 'wrong-host', provider: 'spotdraft', target: 'spotdraft-us-prod',
    description: "The EU host accepts the US workspace's credentials: region and credentials are no longer coupled.",
    expectedChecks: ['host.other-hosts-reject-credentials'],
  },
  {
    name: 'spotnana-http-served', family: 'host', category: 'redirect', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'http:// serves the API itself instead of redirecting to https.',
    expectedChecks: ['host.http-redirects-to-https'],
  },
  {
    name: 'spotdraft-certificate-for-another-host', family: 'host', category: 'tls', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: "The target's host presents a certificate issued for api.spotdraft.com, another host.",
    expectedChecks: ['host.tls-certificate'],
  },
  {
    name: 'spreetail-certificate-expired', family: 'host', category: 'tls', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'api.spreetaileu.com presents a certificate that expired yesterday.',
    expectedChecks: ['host.tls-certificate'],
  },
  {
    name: 'spotdraft-doubled-api-path-served', family: 'host', category: 'wrong-host', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'A doubled /api/api/ path is served as if it were /api/ instead of answering 404.',
    expectedChecks: ['host.doubled-path-segment-not-served'],
  },
  {
    name: 'spotnana-prod-accepts-sandbox-credentials', family: 'host', category: 'wrong-host', provider: 'spotnana', target: 'spotnana-global-uat',
    description: 'The production host issues tokens for sandbox (UAT) credentials.',
    expectedChecks: ['host.other-hosts-reject-credentials'],
  },
  {
    name: 'spotdraft-documented-host-not-serving', family: 'host', category: 'wrong-host', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: "The target's documented host answers 404 on every documented path: the API is not served there.",
    expectedChecks: ['host.own-host-accepts-credentials'],
  },

  // ── redirect ────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'spotdraft-slash-redirect-wrong-path', family: 'redirect', category: 'redirect', provider: 'spotdraft', target: 'spotdraft-us-prod',
    description: 'A trailing-slash mismatch redirects to the path without its /api base segment.',
    expectedChecks: ['redirect.slash-mismatch-get'],
  },
  {
    name: 'spotdraft-slash-redirect-other-origin', family: 'redirect', category: 'redirect', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: 'A trailing-slash mismatch redirects to another origin (app.spotdraft.com).',
    expectedChecks: ['redirect.slash-mismatch-get'],
  },
  {
    name: 'spotdraft-slash-redirect-to-http', family: 'redirect', category: 'redirect', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'A trailing-slash mismatch redirects from https to http:// on the same host.',
    expectedChecks: ['redirect.slash-mismatch-get'],
  },
  {
    name: 'spotdraft-slash-mismatch-post-processed', family: 'redirect', category: 'redirect', provider: 'spotdraft', target: 'spotdraft-us-uat',
    description: 'A POST to the slash-mismatched path is processed (201) instead of redirected.',
    expectedChecks: ['redirect.slash-mismatch-post'],
  },
  {
    name: 'spotdraft-canonical-path-redirects', family: 'redirect', category: 'redirect', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: 'The canonical contract-status path answers 302 to its slash variant, which redirects back (a loop).',
    expectedChecks: ['redirect.canonical-paths-answer-directly'],
  },

  // ── auth ────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'spotdraft-missing-client-secret-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: 'A request with client-id but no client-secret is served as that workspace.',
    expectedChecks: ['auth.headers-missing-client-secret-rejected'],
  },
  {
    name: 'spotdraft-wrong-secret-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: 'client-secret is not compared: a known client-id with any secret is served.',
    expectedChecks: ['auth.headers-wrong-secret-rejected'],
  },
  {
    name: 'spotdraft-missing-client-id-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'A request with client-secret but no client-id is served: the workspace is found by its secret alone.',
    expectedChecks: ['auth.headers-missing-client-id-rejected'],
  },
  {
    name: 'spotdraft-inactive-user-email-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spotdraft', target: 'spotdraft-us-prod',
    description: 'user-email of an inactive workspace member is accepted.',
    expectedChecks: ['auth.user-email-inactive-rejected'],
  },
  {
    name: 'spotdraft-unknown-user-email-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: 'user-email of someone outside the workspace is ignored: the call runs in API-credential context.',
    expectedChecks: ['auth.user-email-unknown-rejected'],
  },
  {
    name: 'spotdraft-active-user-email-refused', family: 'auth', category: 'credential-rejected', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: 'user-email of an active workspace member is refused with 403.',
    expectedChecks: ['auth.user-email-active-accepted'],
  },
  {
    name: 'spotdraft-header-names-case-sensitive', family: 'auth', category: 'credential-rejected', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'Credential header names are matched case-sensitively: Client-Id / CLIENT-SECRET are not recognised.',
    expectedChecks: ['auth.headers-names-case-insensitive'],
  },
  {
    name: 'spotdraft-api-credential-context-refused', family: 'auth', category: 'credential-rejected', provider: 'spotdraft', target: 'spotdraft-us-prod',
    description: 'Listing contract types without user-email (in API-credential context) is refused with 403.',
    expectedChecks: ['auth.headers-both-accepted'],
  },
  {
    name: 'spreetail-token-without-bearer-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: "A token sent without the 'Bearer ' prefix is accepted.",
    expectedChecks: ['auth.missing-bearer-prefix-rejected'],
  },
  {
    name: 'spreetail-tampered-token-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'A token is trusted when its signature is one the API issued: an altered payload is not re-verified.',
    expectedChecks: ['auth.tampered-token-rejected'],
  },
  {
    name: 'spreetail-foreign-token-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'Signatures are not verified: a token whose header and payload match an issued one is accepted, whoever signed it.',
    expectedChecks: ['auth.foreign-token-rejected'],
  },
  {
    name: 'spreetail-bad-credentials-500', family: 'auth', category: 'partner-server-error', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'Login with a wrong secret answers 500 instead of 401.',
    expectedChecks: ['auth.login-bad-credentials-rejected'],
  },
  {
    name: 'spreetail-malformed-token-500', family: 'auth', category: 'partner-server-error', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'A bearer token that is not a JWT crashes the token parser: 500 instead of 401.',
    expectedChecks: ['auth.malformed-token-rejected'],
  },
  {
    name: 'spreetail-missing-authorization-served', family: 'auth', category: 'auth-not-enforced', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'A request without Authorization is served (as the first client on the host).',
    expectedChecks: ['auth.no-authorization-rejected'],
  },
  {
    name: 'spotnana-token-accepts-json', family: 'auth', category: 'auth-not-enforced', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'The token endpoint issues a token for a JSON body where form encoding is documented.',
    expectedChecks: ['auth.token-json-body-rejected'],
  },
  {
    name: 'spotnana-wrong-secret-issues-token', family: 'auth', category: 'auth-not-enforced', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'The token endpoint issues a token for a known client_id with a wrong secret.',
    expectedChecks: ['auth.token-bad-credentials-rejected'],
  },
  {
    name: 'spotnana-unknown-token-accepted', family: 'auth', category: 'auth-not-enforced', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'A bearer token the platform never issued is accepted (served as the first company on the host).',
    expectedChecks: ['auth.invalid-bearer-rejected'],
  },

  // ── token ───────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'spreetail-expired-token-accepted', family: 'token', category: 'token-lifecycle', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'exp is not enforced: a token past its 24 h lifetime is still accepted.',
    expectedChecks: ['token.expired-token-rejected'],
  },
  {
    name: 'spreetail-expires-in-differs-from-jwt', family: 'token', category: 'token-lifecycle', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: "expires_in says 86400 while the JWT's exp - iat is 43200.",
    expectedChecks: ['token.jwt-claims-consistent'],
  },
  {
    name: 'spreetail-token-lifetime-3600', family: 'token', category: 'token-lifecycle', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'Tokens live 3600 s instead of the documented 86400 (expires_in and exp agree).',
    expectedChecks: ['token.expires-in-documented'],
  },
  {
    name: 'spreetail-login-success-false', family: 'token', category: 'token-lifecycle', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'Login answers 200 with success: false and no token.',
    expectedChecks: ['token.login-issues-token'],
  },
  {
    name: 'spotnana-unknown-token-403', family: 'token', category: 'token-lifecycle', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'A token the platform never issued is answered 403 instead of 401, so a client never logs in again.',
    expectedChecks: ['token.reauthenticates-once-on-401'],
  },
  {
    name: 'spotdraft-bearer-token-accepted', family: 'token', category: 'auth-not-enforced', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: 'Any Authorization: Bearer token is accepted in place of the credential headers.',
    expectedChecks: ['token.bearer-not-a-credential'],
  },

  // ── schema ──────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'spotdraft-contract-type-name-missing', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-us-prod',
    description: 'contract_types[].name is missing (a required field).',
    expectedChecks: ['schema.contract_types.list'],
  },
  {
    name: 'spotdraft-entity-id-string', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: 'Organization entity ids are strings where integers are documented.',
    expectedChecks: ['schema.entities.list'],
  },
  {
    name: 'spotdraft-undocumented-contract-status', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: 'The contract-status answer reports contract_status IN_REVIEW, outside its documented enum (the list documents a free string).',
    expectedChecks: ['schema.contracts.status'],
  },
  {
    name: 'spotdraft-contract-page-total-missing', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'The contract page has no total_results.',
    expectedChecks: ['schema.contracts.list'],
  },
  {
    name: 'spotdraft-contract-status-name-missing', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-us-prod',
    description: 'The contract-status answer has no contract_name.',
    expectedChecks: ['schema.contracts.status'],
  },
  {
    name: 'spotdraft-user-email-missing', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: 'The first workspace user in the users page has no email.',
    expectedChecks: ['schema.users.list'],
  },
  {
    name: 'spotdraft-counter-party-incomplete-body-accepted', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-eu-uat',
    description: 'A counter-party create body without the required is_individual is accepted (201) instead of refused with 400.',
    expectedChecks: ['schema.counter_parties.create.incomplete-body-refused'],
  },
  {
    name: 'spotdraft-counter-party-page-total-missing', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-in-prod',
    description: 'The counter-party list answers without total_results.',
    expectedChecks: ['schema.counter_parties.list'],
  },
  {
    name: 'spotdraft-counter-party-status-undocumented', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'A counter party read by id has status SUSPENDED, outside ACTIVE|ARCHIVED|MIGRATING.',
    expectedChecks: ['schema.counter_parties.get'],
  },
  {
    name: 'spotdraft-error-body-without-documented-fields', family: 'schema', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-me-prod',
    description: 'Error bodies are {error} with none of the fields the API overview names (detail, message, code or field errors).',
    expectedChecks: ['schema.error-body'],
  },
  {
    name: 'spreetail-login-client-id-number', family: 'schema', category: 'schema-drift', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: "Login's data.client_id is a number instead of a string.",
    expectedChecks: ['schema.auth.login'],
  },
  {
    name: 'spreetail-inventory-sku-missing', family: 'schema', category: 'schema-drift', provider: 'spreetail', target: 'spreetail-eu-prod',
    description: 'Inventory items come without their SKU.',
    expectedChecks: ['schema.inventory.list'],
  },
  {
    name: 'spreetail-order-incomplete-body-accepted', family: 'schema', category: 'schema-drift', provider: 'spreetail', target: 'spreetail-eu-uat',
    description: 'An order without the required ReferenceNumber is accepted (the twin makes one up) instead of refused with 400.',
    expectedChecks: ['schema.orders.create.incomplete-body-refused'],
  },
  {
    name: 'spotnana-token-type-not-bearer', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-prod',
    description: "The token answer's token_type is MAC instead of Bearer.",
    expectedChecks: ['schema.auth.token'],
  },
  {
    name: 'spotnana-company-list-length-not-integer', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'The company list\'s length is a string ("1") instead of an integer.',
    expectedChecks: ['schema.companies.list'],
  },
  {
    name: 'spotnana-company-id-bare-string', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-prod',
    description: "A company's id is a bare string instead of {id}.",
    expectedChecks: ['schema.companies.get'],
  },
  {
    name: 'spotnana-legal-entity-id-not-uuid', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-uat',
    description: "A company's legal entities are listed with numeric ids instead of uuids.",
    expectedChecks: ['schema.legal_entities.list'],
  },
  {
    name: 'spotnana-user-persona-undocumented', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'User list entries carry an undocumented persona (CONTRACTOR).',
    expectedChecks: ['schema.users.list'],
  },
  {
    name: 'spotnana-user-tier-undocumented', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-prod',
    description: "A user's tier is PLATINUM, outside the documented tiers.",
    expectedChecks: ['schema.users.get'],
  },
  {
    name: 'spotnana-user-incomplete-body-accepted', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-uat',
    description: 'A user whose personalInfo.name has no family1 is created (201) instead of refused with 400.',
    expectedChecks: ['schema.users.create.incomplete-body-refused'],
  },
  {
    name: 'spotnana-error-without-debug-identifier', family: 'schema', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-prod',
    description: 'Error bodies come without debugIdentifier.',
    expectedChecks: ['schema.error-body'],
  },

  // ── flow ────────────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'spotdraft-counter-party-id-missing', family: 'flow', category: 'schema-drift', provider: 'spotdraft', target: 'spotdraft-in-uat',
    description: 'A created counter party is answered without its id.',
    expectedChecks: ['flow.owned-counter-party'], expectedStep: 1,
  },
  {
    name: 'spotdraft-counter-party-patch-ignored', family: 'flow', category: 'round-trip', provider: 'spotdraft', target: 'spotdraft-us-uat',
    description: 'A counter-party PATCH answers 200 with the counter party unchanged: the update is dropped.',
    expectedChecks: ['flow.owned-counter-party'], expectedStep: 3,
  },
  {
    name: 'spreetail-order-create-status-missing', family: 'flow', category: 'schema-drift', provider: 'spreetail', target: 'spreetail-eu-uat',
    description: 'The create-order answer omits Status.',
    expectedChecks: ['flow.order-unique-reference'], expectedStep: 1,
  },
  {
    name: 'spreetail-order-currency-lowercase', family: 'flow', category: 'schema-drift', provider: 'spreetail', target: 'spreetail-eu-uat',
    description: "A read-back order carries Currency 'eur', outside EUR|GBP|USD.",
    expectedChecks: ['flow.order-unique-reference'], expectedStep: 2,
  },
  {
    name: 'spreetail-duplicate-reference-accepted', family: 'flow', category: 'round-trip', provider: 'spreetail', target: 'spreetail-eu-uat',
    description: 'An order whose ReferenceNumber already exists is answered 200 (and overwrites the stored one) instead of 409.',
    expectedChecks: ['flow.order-unique-reference'], expectedStep: 3,
  },
  {
    name: 'spreetail-order-read-back-status', family: 'flow', category: 'round-trip', provider: 'spreetail', target: 'spreetail-eu-uat',
    description: 'A read-back order has Status "Processing" where it was created "Pending" (the create answer still says "Pending").',
    expectedChecks: ['flow.order-unique-reference'], expectedStep: 2,
  },
  {
    name: 'spotnana-created-user-id-not-uuid', family: 'flow', category: 'schema-drift', provider: 'spotnana', target: 'spotnana-global-uat',
    description: "The create-user answer's id is a number, not a uuid.",
    expectedChecks: ['flow.user-create-replace-delete'], expectedStep: 1,
  },
  {
    name: 'spotnana-user-put-merges', family: 'flow', category: 'round-trip', provider: 'spotnana', target: 'spotnana-global-uat',
    description: 'PUT /v2/users/{userId} merges the body into the stored user (fields it leaves out survive) instead of replacing it.',
    expectedChecks: ['flow.user-create-replace-delete'], expectedStep: 4,
  },
  {
    name: 'spotnana-created-user-unreadable', family: 'flow', category: 'round-trip', provider: 'spotnana', target: 'spotnana-global-uat',
    description: 'The create-user answer carries an id GET /v2/users/{userId} answers 404 for (the user is stored under another id).',
    expectedChecks: ['flow.user-create-replace-delete'], expectedStep: 2,
  },
  {
    name: 'spotnana-deleted-user-readable', family: 'flow', category: 'round-trip', provider: 'spotnana', target: 'spotnana-global-uat',
    description: 'DELETE /v2/users/{userId} answers 204 but the user stays readable (GET 200).',
    expectedChecks: ['flow.user-create-replace-delete'], expectedStep: 6,
  },

  // ── webhooks (caught by the preflight) ──────────────────────────────────────────────────────────────
  {
    name: 'spotdraft-webhook-key-regenerated', family: 'preflight', category: 'configuration', provider: 'spotdraft', target: 'spotdraft-eu-prod',
    description: "The workspace's webhook signing key (hmac_key) is another than the one the receiver holds, as after a regeneration.",
    expectedChecks: ['preflight.webhook-secret'], column: 'webhook secret',
  },
  {
    name: 'spotnana-prod-subscription-on-uat-receiver', family: 'preflight', category: 'configuration', provider: 'spotnana', target: 'spotnana-global-prod',
    description: "The production webhook subscription delivers to the UAT receiver's host.",
    expectedChecks: ['preflight.webhook-subscriptions'], column: 'webhook subscriptions',
  },
  {
    name: 'spotnana-webhook-subscription-inactive', family: 'preflight', category: 'configuration', provider: 'spotnana', target: 'spotnana-global-uat',
    description: 'The only webhook subscription is inactive: nothing is delivered to the receiver.',
    expectedChecks: ['preflight.webhook-subscriptions'], column: 'webhook subscriptions',
  },
] as const satisfies readonly FaultSpec[];

export type FaultName = (typeof FAULTS)[number]['name'];

export const FAULT_NAMES: ReadonlySet<string> = new Set(FAULTS.map((f) => f.name));

export function findFault(name: string): FaultSpec | undefined {
  return FAULTS.find((f) => f.name === name);
}
