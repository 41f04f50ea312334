/**
 * Opens a TLS connection to a host (through the proxy when one is configured) and reports the certificate
 * it presents, validated against the trusted CAs (system + NODE_EXTRA_CA_CERTS) and the host name.
 */
import http from 'node:http';
import type { Socket } from 'node:net';
import net from 'node:net';
import tls from 'node:tls';
import { classifyNetworkError, NetworkFailureError } from './network-failure.ts';
import { proxyFailure } from './proxy-status.ts';
import type { NetworkFailure } from './exchange.ts';

export interface CertificateReport {
  host: string;
  subject: string;
  altNames: string[];
  issuer: string;
  validFrom: string;
  validTo: string;
  daysToExpiry: number;
  authorized: boolean;
  /** Why the certificate is not trusted for this host, when it is not. */
  failure?: NetworkFailure;
}

function tunnel(proxy: string, host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const p = new URL(proxy);
    const req = http.request({ host: p.hostname, port: Number(p.port || 80), method: 'CONNECT', path: `${host}:${port}`, timeout: timeoutMs });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        const status = res.statusCode ?? 0;
        const reported = proxyFailure(status, res.headers as Record<string, string | undefined>);
        reject(reported ? new NetworkFailureError(reported) : new Error(`proxy tunnel to ${host} failed: statusCode=${status}`));
      }
    });
    req.on('timeout', () => req.destroy(new Error(`Timeout ${timeoutMs}ms exceeded while connecting to ${host}`)));
    req.on('error', reject);
    req.end();
  });
}

function rawSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: timeoutMs }, () => resolve(socket));
    socket.on('timeout', () => socket.destroy(new Error(`Timeout ${timeoutMs}ms exceeded while connecting to ${host}`)));
    socket.on('error', reject);
  });
}

function bypassesProxy(host: string, bypass: string | undefined): boolean {
  if (!bypass) return false;
  return bypass.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)
    .some((rule) => rule === '*' || host === rule.replace(/^\./, '') || host.endsWith(rule.startsWith('.') ? rule : `.${rule}`));
}

export async function probeCertificate(host: string, options: { proxy?: { server: string; bypass?: string }; timeoutMs: number; port?: number }): Promise<CertificateReport> {
  const port = options.port ?? 443;
  const socket = options.proxy && !bypassesProxy(host, options.proxy.bypass)
    ? await tunnel(options.proxy.server, host, port, options.timeoutMs)
    : await rawSocket(host, port, options.timeoutMs);
  return new Promise((resolve, reject) => {
    // Verification is done below, so that an untrusted certificate can still be described in the report.
    const secure = tls.connect({ socket, servername: host, rejectUnauthorized: false, timeout: options.timeoutMs }, () => {
      const cert = secure.getPeerCertificate();
      const hostError = tls.checkServerIdentity(host, cert);
      const validTo = new Date(cert.valid_to);
      const report: CertificateReport = {
        host,
        subject: String(cert.subject?.CN ?? ''),
        altNames: (cert.subjectaltname ?? '').split(',').map((s) => s.trim().replace(/^DNS:/, '')).filter(Boolean),
        issuer: String(cert.issuer?.CN ?? ''),
        validFrom: new Date(cert.valid_from).toISOString(),
        validTo: validTo.toISOString(),
        daysToExpiry: Math.floor((validTo.getTime() - Date.now()) / 86_400_000),
        authorized: secure.authorized && !hostError,
      };
      const reason = secure.authorizationError ? String(secure.authorizationError) : hostError?.message;
      if (!report.authorized && reason) report.failure = classifyNetworkError(new Error(reason));
      secure.end();
      resolve(report);
    });
    secure.on('timeout', () => secure.destroy(new Error(`Timeout ${options.timeoutMs}ms exceeded during TLS handshake with ${host}`)));
    secure.on('error', reject);
  });
}
