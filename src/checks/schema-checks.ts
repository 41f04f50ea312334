/**
 * @schema: every kind of response the suite reads — each endpoint's success body and the error body — validated against
 * schemas/<provider>.json; and each create endpoint's refusal of a body without a documented required field.
 */
import type { TargetProfile } from '../config/profile.ts';
import { TokenSession } from '../auth/session.ts';
import type { EndpointDescriptor, ProviderDescriptor } from '../providers/types.ts';
import { needsWrites } from './endpoints.ts';
import { verdict, type Check, type Verdict, type CheckContext } from './check.ts';
import { incompleteBodyChecks } from './incomplete-body-checks.ts';

function endpointSchemaCheck(endpoint: EndpointDescriptor & { schema: string }, siblings: readonly EndpointDescriptor[]): Check {
  const isTokenEndpoint = (tp: TargetProfile) => tp.target.provider.auth.token?.endpoint === endpoint.id;
  return {
    id: `schema.${endpoint.id}`,
    family: 'schema',
    title: `${endpoint.method} ${endpoint.path} answers ${endpoint.successStatus} with a body matching ${endpoint.schema}`,
    severity: 'normal',
    mutating: needsWrites(endpoint, siblings),
    docs: () => endpoint.docs,
    appliesTo: (tp) => tp.target.provider.endpoints.includes(endpoint),
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      let exchange;
      if (isTokenEndpoint(ctx.target) && ctx.session instanceof TokenSession) {
        // The session's own login answer: no extra token request.
        exchange = (await ctx.session.token()).exchange;
      } else {
        exchange = endpoint.mutating ? await ctx.api.call(endpoint.id) : await ctx.api.discover(endpoint.id);
      }
      v.accepted(exchange, [endpoint.successStatus], 'schema-drift');
      v.schema(exchange, endpoint.schema);
    },
  };
}

const errorBody: Check = {
  id: 'schema.error-body',
  family: 'schema',
  title: 'an unauthenticated request answers with the documented error body',
  severity: 'normal',
  docs: (p) => p.auth.docs,
  appliesTo: () => true,
  async run(ctx: CheckContext) {
    const v: Verdict = verdict(ctx, this);
    const { provider } = ctx.target.target;
    const exchange = await ctx.api.call(provider.probeEndpoint, { auth: 'none' });
    v.status(exchange, provider.auth.rejectedStatuses, 'auth-not-enforced');
    v.schema(exchange, provider.auth.errorSchema);
  },
};

/** Endpoints with a body to check that are not a round trip's own (those bodies are checked by the flow's steps). */
const standalone = (e: EndpointDescriptor): e is EndpointDescriptor & { schema: string } => e.schema !== undefined && !e.flowOnly;

/** One check per documented endpoint of every provider, one per create endpoint's required body field, and the error body. */
export function schemaChecks(providers: readonly ProviderDescriptor[]): Check[] {
  return [
    ...providers.flatMap((p) => p.endpoints.filter(standalone).map((e) => endpointSchemaCheck(e, p.endpoints))),
    ...incompleteBodyChecks(providers),
    errorBody,
  ];
}
