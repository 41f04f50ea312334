/** Finding the caller's account: a credential only counts on the host its account lives on. */
import type { TwinAccount, TwinContext } from '../types.ts';

export function accountByCredentials(
  ctx: TwinContext,
  provider: string,
  host: string,
  clientId: string,
  clientSecret: string,
): TwinAccount | undefined {
  return ctx.accounts.find(
    (a) => a.provider === provider && a.host === host && a.clientId === clientId && a.clientSecret === clientSecret,
  );
}

export function accountByClientId(ctx: TwinContext, provider: string, host: string, clientId: string): TwinAccount | undefined {
  return ctx.accounts.find((a) => a.provider === provider && a.host === host && a.clientId === clientId);
}

export function accountByTargetId(ctx: TwinContext, targetId: string): TwinAccount | undefined {
  return ctx.accounts.find((a) => a.targetId === targetId);
}
