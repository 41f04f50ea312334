/** What the twin received: enough to prove "no request was sent", "no write in prod", "one login per worker". Never values of headers. */
export interface LoggedRequest {
  at: string;
  scheme: 'http' | 'https';
  method: string;
  host: string;
  path: string;
  headerNames: string[];
  /** The target whose credential or token the request carried, when recognised (even on a host that rejects it). */
  caller?: string;
  /** The suite worker that sent it, `<target-id>#<n>`, from its user-agent; undefined for other clients. */
  worker?: string;
  /** The connection it came on (1, 2, … in the order the twin first saw them): one per tunnel or keep-alive socket. */
  connection?: number;
  status: number;
  auth: 'accepted' | 'rejected' | 'none';
  /** Whether it presented a credential (twin/credential-presence.ts); set on the requests that reached a provider. */
  credential?: boolean;
  /** The delay applied before the answer was written (provider answers only). */
  latencyMs?: number;
  /** Set when the request did not reach a provider (unknown host, refused tunnel). */
  note?: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  record(entry: Omit<LoggedRequest, 'at'>): void {
    this.entries.push({ at: new Date().toISOString(), ...entry });
  }

  all(): readonly LoggedRequest[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}

/**
 * A target's deliberately failing authentication attempts as the twin saw them: requests of the target's workers that
 * presented a credential and had it rejected (on any host). What the run reports as its negativeAuthAttempts.
 */
export function rejectedCredentials(entries: readonly LoggedRequest[], targetId: string): LoggedRequest[] {
  return entries.filter((e) => e.worker?.startsWith(`${targetId}#`) === true && e.auth === 'rejected' && e.credential === true);
}
