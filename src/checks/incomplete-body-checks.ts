/** @schema: a create request without a field the provider documents as required is refused with its documented error, never processed. */
import { withoutField } from '../body-paths.ts';
import type { EndpointDescriptor, ProviderDescriptor, RequiredBodyField } from '../providers/types.ts';
import { verdict, type Check, type CheckContext, type Verdict } from './check.ts';

function incompleteBodyRefused(endpoint: EndpointDescriptor, required: RequiredBodyField): Check {
  const errorBody = required.errorSchemas.join(' or ');
  return {
    id: `schema.${endpoint.id}.incomplete-body-refused`,
    family: 'schema',
    title: `${endpoint.method} ${endpoint.path} without the required ${required.field} answers ${required.status} with a body matching ${errorBody}`,
    severity: 'normal',
    mutating: true,
    docs: () => required.docs,
    appliesTo: (tp) => tp.target.provider.endpoints.includes(endpoint),
    async run(ctx: CheckContext) {
      const v: Verdict = verdict(ctx, this);
      const url = ctx.api.url(endpoint, await ctx.api.params(endpoint));
      const { host, pathname } = new URL(url);
      const where = `${endpoint.method} ${host} ${pathname}`;
      const body = await ctx.api.requestBody(endpoint);
      // The body differs from a valid one by the one field only: anything else it breaks would make the refusal prove nothing.
      ctx.api.assertValidBody(endpoint, body, endpoint.method, url);
      const incomplete = body === undefined ? undefined : withoutField(body, required.field);
      if (!incomplete) v.fail('configuration', `a body with ${required.field} to drop`, `the ${endpoint.body ?? 'missing'} body has no ${required.field}; nothing was sent`, undefined, undefined, where);
      // Deliberately invalid: sent past the pre-send check of the request schema, marked as this check's probe.
      const exchange = await ctx.api.call(endpoint.id, { body: incomplete, probe: this.id });
      const status = exchange.response?.status;
      const expected = `${required.status} with a body matching ${errorBody}`;
      if (status !== undefined && status >= 200 && status < 300) v.fail('schema-drift', expected, `a body without ${required.field} is accepted: ${status}`, exchange);
      v.accepted(exchange, [required.status], 'schema-drift');
      v.schema(exchange, required.errorSchemas);
    },
  };
}

/** One check per create endpoint that names a documented required field of its body. */
export function incompleteBodyChecks(providers: readonly ProviderDescriptor[]): Check[] {
  return providers.flatMap((p) => p.endpoints.flatMap((e) => (e.requiredField ? [incompleteBodyRefused(e, e.requiredField)] : [])));
}
