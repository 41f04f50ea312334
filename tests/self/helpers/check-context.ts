/** A check's context over the fake HTTP layer: runs one check in-process, recording its notes and whether it skipped. */
import { join } from 'node:path';
import { ApiClient } from '../../../src/auth/api-client.ts';
import { createSession, type AuthSession } from '../../../src/auth/session.ts';
import type { Check, CheckContext } from '../../../src/checks/check.ts';
import type { Profile } from '../../../src/config/profile.ts';
import { ContractValidator } from '../../../src/contracts/validator.ts';
import { FakeHttp, targetProfile, type Responder } from './fake-http.ts';
import { ROOT } from './paths.ts';

export const VALIDATOR = new ContractValidator(join(ROOT, 'schemas'));

class Skipped extends Error {}

export interface CheckRun {
  http: FakeHttp;
  session: AuthSession;
  notes: Map<string, string>;
  /** The reason, when the check skipped itself. */
  skipped?: string;
  /** What the check threw (a CheckFailure when it failed), when it did not pass or skip. */
  error?: unknown;
}

/** Runs `check` against `targetId` whose every request `responder` answers; never throws. */
export async function runCheck(check: Check, targetId: string, responder: Responder): Promise<CheckRun> {
  const http = new FakeHttp(responder);
  const target = targetProfile(targetId);
  const session = createSession({ profile: target, http: http.asClient() });
  const profile = { targets: [target], allowProdWrites: false, preflight: false } as unknown as Profile;
  const run: CheckRun = { http, session, notes: new Map() };
  const ctx: CheckContext = {
    profile, target, http: http.asClient(), session, validator: VALIDATOR,
    api: new ApiClient(target, http.asClient(), session, VALIDATOR),
    note: (name, value) => run.notes.set(name, value),
    attach: () => undefined,
    cite: () => undefined,
    warn: () => undefined,
    skip(reason) {
      throw new Skipped(reason);
    },
    step: (_name, body) => body(),
  };
  try {
    await check.run(ctx);
  } catch (error) {
    if (error instanceof Skipped) run.skipped = error.message;
    else run.error = error;
  }
  return run;
}
