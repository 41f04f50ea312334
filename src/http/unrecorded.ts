/**
 * Makes an APIRequestContext's requests internal Playwright calls, for which Playwright records no `pw:api` step.
 * Such a step keeps a failed request's error, and the error carries Playwright's call log: every request header,
 * client-secret and Authorization included. Steps reach every reporter that keeps them (blob, html, json) and traces,
 * unredacted — a TLS or network failure was enough. The suite attaches each exchange itself, redacted.
 */
import type { APIRequestContext } from '@playwright/test';

type InternalCall = <T>(call: () => Promise<T>, options: { internal: boolean }) => Promise<T>;

export function unrecorded(context: APIRequestContext): APIRequestContext {
  // Playwright's own helpers run their calls this way (ChannelOwner._wrapApiCall); it is not public API.
  const wrap = (context as unknown as { _wrapApiCall?: InternalCall })._wrapApiCall;
  if (typeof wrap !== 'function') {
    throw new Error('this Playwright has no APIRequestContext._wrapApiCall: its steps would record credentials (see src/http/unrecorded.ts)');
  }
  const internal = wrap.bind(context) as InternalCall;
  const fetch = context.fetch.bind(context) as APIRequestContext['fetch'];
  // get, post, put, … all go through this.fetch.
  context.fetch = <T>(...args: Parameters<APIRequestContext['fetch']>) => internal(() => fetch<T>(...args), { internal: true });
  return context;
}
