/** A certificate authority made at start, and one leaf certificate per documented host. Nothing is written but the CA's public certificate. */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

export interface LeafCertificate {
  host: string;
  certPem: string;
  keyPem: string;
}

export interface CertificateOptions {
  /** Name the certificate is issued for, when it should differ from the host (a fault). */
  issuedFor?: string;
  /** Validity window relative to now, in days. */
  notBeforeDays?: number;
  notAfterDays?: number;
}

const DAY_MS = 86_400_000;

function keyPair(): { publicKey: forge.pki.PublicKey; privateKey: forge.pki.rsa.PrivateKey; privatePem: string } {
  // Node generates RSA keys natively in milliseconds; forge would take seconds in pure JS.
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    publicKey: forge.pki.publicKeyFromPem(publicKey),
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    privatePem: privateKey,
  };
}

function serialNumber(): string {
  // Positive, non-zero 16-byte serial.
  return '01' + randomBytes(15).toString('hex');
}

export class CertificateAuthority {
  readonly certPem: string;
  private readonly cert: forge.pki.Certificate;
  private readonly key: forge.pki.rsa.PrivateKey;
  private readonly leafKeys = keyPair();

  constructor(now = Date.now()) {
    const { publicKey, privateKey } = keyPair();
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(now - DAY_MS);
    cert.validity.notAfter = new Date(now + 365 * DAY_MS);
    const subject = [
      { name: 'commonName', value: 'partner-api-contracts twin CA' },
      { name: 'organizationName', value: 'partner-api-contracts (local, generated at start)' },
    ];
    cert.setSubject(subject);
    cert.setIssuer(subject);
    cert.setExtensions([
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ]);
    cert.sign(privateKey, forge.md.sha256.create());
    this.cert = cert;
    this.key = privateKey;
    this.certPem = forge.pki.certificateToPem(cert);
  }

  issue(host: string, options: CertificateOptions = {}, now = Date.now()): LeafCertificate {
    const name = options.issuedFor ?? host;
    const cert = forge.pki.createCertificate();
    cert.publicKey = this.leafKeys.publicKey;
    cert.serialNumber = serialNumber();
    cert.validity.notBefore = new Date(now + (options.notBeforeDays ?? -1) * DAY_MS);
    cert.validity.notAfter = new Date(now + (options.notAfterDays ?? 90) * DAY_MS);
    cert.setSubject([{ name: 'commonName', value: name }]);
    cert.setIssuer(this.cert.subject.attributes);
    cert.setExtensions([
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: name }] },
    ]);
    cert.sign(this.key, forge.md.sha256.create());
    return { host, certPem: forge.pki.certificateToPem(cert) + this.certPem, keyPem: this.leafKeys.privatePem };
  }
}
