/**
 * A token session's first login, taken through the documented recovery path: the first request carries a token the
 * API never issued, the API's 401 makes the client log in (the session's only login) and retry. The record is the
 * evidence token.reauthenticates-once-on-401 judges, so proving the recovery costs no token beyond the session's own.
 */
import { randomBytes } from 'node:crypto';
import type { TargetProfile } from '../config/profile.ts';
import type { Exchange } from '../http/exchange.ts';
import type { HttpClient } from '../http/client.ts';
import { ApiClient } from './api-client.ts';
import type { TokenSession } from './session.ts';

export interface RecoveryRecord {
  /** Every exchange of the recovery, in order: the rejected request, the login, the retry. */
  exchanges: Exchange[];
  /** The probe's last answer (the retry, when there was one); absent when the recovery threw. */
  final?: Exchange;
  /** Retries after a 401, and logins made for them. */
  retries: number;
  logins: number;
  /** What the recovery threw (a login that issued no token, a guard's refusal): the check reports it. */
  error?: unknown;
}

/** Sends the provider's probe endpoint with a token the API never issued through `session`; never throws. */
export async function recoverFromUnissuedToken(target: TargetProfile, http: HttpClient, session: TokenSession): Promise<RecoveryRecord> {
  const exchanges: Exchange[] = [];
  const stop = http.listen((exchange) => exchanges.push(exchange));
  const api = new ApiClient(target, http, session);
  const loginsBefore = session.logins;
  session.sendUnissuedToken(randomBytes(24).toString('hex'));
  const outcome = (extra: Pick<RecoveryRecord, 'final'> | Pick<RecoveryRecord, 'error'>): RecoveryRecord =>
    ({ exchanges, retries: api.reauthentications, logins: session.logins - loginsBefore, ...extra });
  try {
    return outcome({ final: await api.call(target.target.provider.probeEndpoint) });
  } catch (error) {
    return outcome({ error });
  } finally {
    stop();
    // Whatever the API answered, no later request carries the unissued token.
    session.forgetUnissuedToken();
  }
}
