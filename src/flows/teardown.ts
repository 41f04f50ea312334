/**
 * The step that always runs: removes what a flow created. After a failed step it never hides that failure (a
 * teardown that fails too is a warning naming what was left); after passing steps its own failure fails the flow.
 */
import type { CheckContext, Verdict } from '../checks/check.ts';
import type { Exchange } from '../http/exchange.ts';
import { flowStep } from './step.ts';

export interface Removal {
  /** What was created, in words (`id 4974a66b-…`). */
  what: string;
  remove(): Promise<Exchange>;
  removedStatus: number;
}

async function tearDown(ctx: CheckContext, v: Verdict, removal: Removal, afterFailure: boolean): Promise<void> {
  try {
    await flowStep(ctx, `teardown: delete what the flow created (${removal.what})`, async () => {
      v.accepted(await removal.remove(), [removal.removedStatus], 'round-trip');
    });
  } catch (error) {
    ctx.warn(`left behind: ${removal.what}; \`npm run sweep\` removes it`);
    if (!afterFailure) throw error;
  }
}

/** Runs the steps, then the teardown of whatever `pending()` still names, then rethrows the first failure. */
export async function withTeardown(ctx: CheckContext, v: Verdict, steps: () => Promise<void>, pending: () => Removal | undefined): Promise<void> {
  let failure: unknown;
  try {
    await steps();
  } catch (error) {
    failure = error;
  }
  const removal = pending();
  if (removal) await tearDown(ctx, v, removal, failure !== undefined);
  if (failure !== undefined) throw failure;
}
