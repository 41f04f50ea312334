/**
 * Preflight: the webhook half of an environment. The key the team's receiver holds is the workspace's (SpotDraft), and
 * every active subscription delivers over https to the receiver the profile declares (Spotnana). Generic: what a
 * provider offers (a key to read back, a list of subscriptions) comes from its descriptor's `webhooks`.
 */
import { jsonOf, type Exchange } from '../http/exchange.ts';
import type { EndpointDescriptor, ProviderDescriptor, WebhookDescriptor } from '../providers/types.ts';
import { decodeBase64, sameKey } from '../webhooks/key-bytes.ts';
import { keyBytesOf } from '../webhooks/signing-keys.ts';
import { always, verdict, type Check, type CheckContext, type Verdict } from './check.ts';
import { subscriptionProblems, subscriptionsIn } from './webhook-subscriptions.ts';

const docsOf = (p: ProviderDescriptor) => p.webhooks?.docs ?? { title: `${p.name} documents no webhooks`, url: p.hostDocs.url };

function webhooksOf(ctx: CheckContext): WebhookDescriptor {
  const { provider } = ctx.target.target;
  if (!provider.webhooks) ctx.skip(`${provider.name} documents no webhooks`);
  return provider.webhooks;
}

/** The endpoint's answer, with its documented status and matching its schema (when the contract names one). */
async function fetchValidated(ctx: CheckContext, v: Verdict, endpointId: string): Promise<{ endpoint: EndpointDescriptor; exchange: Exchange }> {
  const endpoint = ctx.api.endpoint(endpointId);
  const exchange = await ctx.api.call(endpoint.id);
  v.accepted(exchange, [endpoint.successStatus], 'schema-drift');
  if (endpoint.schema) v.schema(exchange, endpoint.schema);
  return { endpoint, exchange };
}

export const WEBHOOK_CHECKS: Check[] = [
  {
    id: 'preflight.webhook-secret', family: 'preflight', severity: 'critical', preflight: 'webhook secret', appliesTo: always,
    docs: docsOf,
    title: "the signing key the team's webhook receiver holds (<PREFIX>_WEBHOOK_HMAC_KEY) is the workspace's",
    async run(ctx: CheckContext) {
      const webhooks = webhooksOf(ctx);
      const { signingKey } = webhooks;
      if (!signingKey || 'unavailable' in signingKey) ctx.skip(signingKey?.unavailable ?? `${ctx.target.target.provider.name} offers no way to read the signing key back`);
      const key = `${ctx.target.target.keyPrefix}_${webhooks.secretKey}`;
      const held = ctx.target.credentials.webhookSecret;
      if (!held) ctx.skip(`no ${key} declared: the receiver's signing key is not confirmed`);
      const v: Verdict = verdict(ctx, this);
      const { endpoint, exchange } = await fetchValidated(ctx, v, signingKey.endpoint);
      const answered = (jsonOf(exchange) as Record<string, unknown>)[signingKey.field];
      const workspace = typeof answered === 'string' ? decodeBase64(answered) : undefined;
      if (!workspace) v.fail('schema-drift', `${signingKey.field}: the base64 of the workspace's signing key`, `${signingKey.field} is not base64`, exchange);
      const ours = keyBytesOf(ctx.target.target.provider, held.reveal());
      // In memory, in constant time; neither key nor any digest of one is ever noted or printed.
      if (!ours || !sameKey(ours, workspace)) {
        v.fail(
          'configuration', `${key} equal to the workspace's key (${endpoint.method} ${endpoint.path})`,
          `another key: the receiver would refuse every delivery of this workspace — copy ${signingKey.field} again into ${key}`,
          exchange, undefined, `profile ${key}`,
        );
      }
      ctx.note('webhook secret', `${key} matches the workspace's key`);
    },
  },
  {
    id: 'preflight.webhook-subscriptions', family: 'preflight', severity: 'critical', preflight: 'webhook subscriptions', appliesTo: always,
    docs: docsOf,
    title: 'every active webhook subscription delivers over https to the receiver the profile declares (<PREFIX>_WEBHOOK_RECEIVER)',
    async run(ctx: CheckContext) {
      const webhooks = webhooksOf(ctx);
      const { subscriptions } = webhooks;
      if (!subscriptions || 'unavailable' in subscriptions) ctx.skip(subscriptions?.unavailable ?? `${ctx.target.target.provider.name} lists no subscriptions`);
      const key = `${ctx.target.target.keyPrefix}_WEBHOOK_RECEIVER`;
      const receiver = ctx.target.credentials.webhookReceiver;
      if (!receiver) ctx.skip(`no ${key} declared: where the subscriptions deliver is not checked`);
      const v: Verdict = verdict(ctx, this);
      const { exchange } = await fetchValidated(ctx, v, subscriptions.endpoint);
      const listed = subscriptionsIn(jsonOf(exchange), subscriptions.shape);
      const active = listed.filter((s) => s.active);
      ctx.note('webhook subscriptions', `${listed.length} listed, ${active.length} active: ${listed.map((s) => `${s.label} ${s.active ? 'active' : 'inactive'}`).join('; ') || 'none'}`);
      const expected = `every active subscription on https://${receiver}/ (${key})`;
      if (active.length === 0) {
        v.fail('configuration', `${expected}, and at least one`, listed.length === 0 ? 'no subscription at all' : `no active subscription: ${listed.map((s) => `${s.label} inactive`).join('; ')}`, exchange);
      }
      const others = ctx.profile.targets.filter((t) => t.target.provider.id === ctx.target.target.provider.id && t.target.environment !== ctx.target.target.environment);
      const receivers = new Map(others.flatMap((t) => (t.credentials.webhookReceiver ? [[t.credentials.webhookReceiver, t.target.environment] as const] : [])));
      const problems = subscriptionProblems(active, receiver, ctx.target.target.environment, receivers);
      if (problems.length > 0) v.fail('configuration', expected, problems.join('; '), exchange);
    },
  },
];
