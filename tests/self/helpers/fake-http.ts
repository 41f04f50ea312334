/** A stand-in for HttpClient: records what would be sent and answers with fabricated exchanges. No network. */
import type { HttpClient, SendRequest } from '../../../src/http/client.ts';
import type { Exchange } from '../../../src/http/exchange.ts';
import type { TargetProfile } from '../../../src/config/profile.ts';
import { Secret } from '../../../src/config/secret.ts';
import { findTarget } from '../../../src/providers/catalogue.ts';

export type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | { failure: Exchange['failure'] };
export type Responder = (request: SendRequest, index: number) => Answer | Promise<Answer>;

export function exchangeFor(request: SendRequest, answer: Answer): Exchange {
  const exchange: Exchange = {
    request: { method: request.method, url: request.url, headers: { ...request.headers } },
    startedAt: new Date(0).toISOString(),
    durationMs: 1,
  };
  if ('failure' in answer) {
    if (answer.failure) exchange.failure = answer.failure;
    return exchange;
  }
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  exchange.response = {
    status: answer.status,
    statusText: '',
    headers: { 'content-type': 'application/json', ...answer.headers },
    body,
  };
  return exchange;
}

export class FakeHttp {
  readonly requests: SendRequest[] = [];
  sent = 0;
  private readonly listeners = new Set<(exchange: Exchange) => void>();

  constructor(private readonly responder: Responder) {}

  async send(request: SendRequest): Promise<Exchange> {
    const index = this.requests.length;
    this.requests.push(request);
    this.sent += 1;
    const exchange = exchangeFor(request, await this.responder(request, index));
    for (const listener of this.listeners) listener(exchange);
    return exchange;
  }

  listen(listener: (exchange: Exchange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The fake where the session and API client expect an HttpClient. */
  asClient(): HttpClient {
    return this as unknown as HttpClient;
  }

  requestsTo(pathSuffix: string): SendRequest[] {
    return this.requests.filter((r) => new URL(r.url).pathname.endsWith(pathSuffix));
  }
}

/** A target profile with the documented base URL and the given (fake) credentials. */
export function targetProfile(targetId: string, clientId = 'client-id-123456', clientSecret = 'client-secret-abcdef'): TargetProfile {
  const target = findTarget(targetId);
  if (!target) throw new Error(`no target ${targetId}`);
  return {
    target,
    baseUrl: target.documentedBaseUrl,
    credentials: { clientId, clientSecret: new Secret(clientSecret) },
    keys: {
      clientId: `${target.keyPrefix}_CLIENT_ID`,
      clientSecret: `${target.keyPrefix}_CLIENT_SECRET`,
      userEmail: `${target.keyPrefix}_USER_EMAIL`,
    },
  };
}

/** A promise with its resolve function, to hold an answer until the test releases it. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
