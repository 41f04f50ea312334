/**
 * How the twin plays the network faults of twin/faults/network.ts at the tunnel and answer layers (the tls layer is
 * twin/faults/tls.ts): a proxy refusing a CONNECT, or an HTTP answer that never comes, stalls, breaks off or is wrong.
 */
import type { ServerResponse } from 'node:http';
import type { TwinContext, TwinResponse } from '../types.ts';
import { NETWORK_FAULTS, type NetworkFaultName } from './network.ts';
import { activeOnHost } from './scope.ts';

/** RFC 9209 Proxy-Status of the proxy's own 502, per tunnel fault. */
const TUNNEL_REFUSALS: Partial<Record<NetworkFaultName, { proxyStatus: string; why: string }>> = {
  'network-connection-refused': { proxyStatus: 'twin; error=connection_refused', why: 'connection refused' },
  'network-unknown-host': { proxyStatus: 'twin; error=dns_error; rcode="NXDOMAIN"', why: 'the name does not resolve (NXDOMAIN)' },
};

export interface TunnelRefusal {
  fault: NetworkFaultName;
  /** The proxy's answer: to a CONNECT as raw bytes, or to an absolute-form http:// request. */
  raw: string;
  answer: () => TwinResponse;
}

/** The refusal the proxy gives for a CONNECT (or absolute-form request) to this host, while a tunnel fault is active there. */
export function tunnelRefusal(ctx: TwinContext, host: string): TunnelRefusal | undefined {
  for (const [fault, refusal] of Object.entries(TUNNEL_REFUSALS) as [NetworkFaultName, { proxyStatus: string; why: string }][]) {
    if (!activeOnHost(ctx, fault, host)) continue;
    const body = `twin proxy: cannot reach ${host}: ${refusal.why}\n`;
    const headers = { 'proxy-status': refusal.proxyStatus, 'content-type': 'text/plain' };
    const raw = `HTTP/1.1 502 Bad Gateway\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
    return { fault, raw, answer: () => ({ status: 502, headers, rawBody: body }) };
  }
  return undefined;
}

const json = (value: unknown) => JSON.stringify(value);
/** What a stalled or broken body starts as: a plausible JSON page. */
const PAGE = json({ results: [{ id: 1, name: 'Master Services Agreement' }, { id: 2, name: 'Non-Disclosure Agreement' }], total_results: 2 });
const MAINTENANCE_PAGE = '<!DOCTYPE html><html><head><title>Scheduled maintenance</title></head><body><h1>We will be back shortly.</h1></body></html>';

/** The body the provider's answer would have carried, as sent. */
function bodyOf(answer: TwinResponse): string {
  return answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body));
}

/** Answers in place of the provider's; `real` is the provider's own answer, for faults that only spoil its body. */
const ANSWERS: Partial<Record<NetworkFaultName, (real: () => TwinResponse) => TwinResponse>> = {
  'network-invalid-json': (real) => {
    const answer = real();
    const body = bodyOf(answer);
    if (body === '') return answer;
    return { ...answer, headers: { 'content-type': 'application/json', ...answer.headers }, body: undefined, rawBody: body.slice(0, Math.ceil(body.length / 2)) };
  },
  'network-html-instead-of-json': (real) => {
    const answer = real();
    return { ...answer, headers: { ...answer.headers, 'content-type': 'text/html; charset=utf-8' }, body: undefined, rawBody: MAINTENANCE_PAGE };
  },
  'network-500': () => ({ status: 500, headers: { 'content-type': 'application/json' }, rawBody: json({ detail: 'Internal server error' }) }),
  'network-502': () => ({
    status: 502, headers: { 'content-type': 'text/html' },
    rawBody: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
  }),
  'network-503': () => ({
    status: 503, headers: { 'content-type': 'text/html' },
    rawBody: '<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>',
  }),
  'network-429-with-retry-after': () => ({ status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' }, rawBody: json({ detail: 'Request was throttled.' }) }),
  'network-429-without-retry-after': () => ({ status: 429, headers: { 'content-type': 'application/json' }, rawBody: json({ detail: 'Request was throttled.' }) }),
};

/** Faults played on the connection itself rather than answered. */
const TRANSPORT: Partial<Record<NetworkFaultName, (res: ServerResponse) => void>> = {
  'network-no-response': () => undefined,
  'network-body-stalls': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(PAGE)) });
    res.write(PAGE.slice(0, Math.floor(PAGE.length / 2)));
  },
  'network-reset-mid-body': (res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(PAGE)) });
    // Once the first half is on the wire, the connection goes: the client holds headers and an incomplete body.
    res.write(PAGE.slice(0, Math.floor(PAGE.length / 2)), () => res.socket?.destroy());
  },
};

export type AnswerFault =
  | { fault: NetworkFaultName; answer: (real: () => TwinResponse) => TwinResponse }
  | { fault: NetworkFaultName; play: (res: ServerResponse) => void };

/** The answer-layer fault active for a request of this target, if any: a scoped fault needs to know whose request it is. */
export function answerFault(ctx: TwinContext, targetId: string | undefined): AnswerFault | undefined {
  for (const { name, layer } of NETWORK_FAULTS) {
    if (layer !== 'answer' || !ctx.faults.active(name, targetId)) continue;
    const answer = ANSWERS[name];
    if (answer) return { fault: name, answer };
    const play = TRANSPORT[name];
    if (play) return { fault: name, play };
  }
  return undefined;
}
