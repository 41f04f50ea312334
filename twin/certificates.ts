/**
 * A certificate authority made at start, and leaf certificates per documented host (or, for a fault, for
 * another name or an expired window). Nothing is written but the CA's public certificate.
 *
 * Keys are ECDSA P-256 and certificates are written as DER here and signed with node:crypto: a twin starts
 * in milliseconds (RSA key generation took about a second per twin, and the fault matrix starts dozens).
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  bitString, bool, explicit, implicitPrimitive, octetString, oid, pem, sequence, set, smallInteger, time, unsignedInteger, utf8String,
} from './der.ts';

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
  /** Issued by a second CA that nobody trusts (a fault), instead of this one. */
  untrusted?: boolean;
}

const DAY_MS = 86_400_000;

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

interface KeyPair {
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo, DER. */
  spki: Buffer;
  /** SHA-1 of the public key bits (RFC 5280 §4.2.1.2, method 1). */
  keyId: Buffer;
}

function keyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // For P-256 the SPKI ends with the 65-byte uncompressed point: the BIT STRING's content.
  const keyId = createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
  return { privateKey, spki, keyId };
}

function name(attributes: [string, string][]): Buffer {
  return sequence(...attributes.map(([type, value]) => set(sequence(oid(type), utf8String(value)))));
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return sequence(oid(id), ...(critical ? [bool(true)] : []), octetString(value));
}

function serialNumber(): Buffer {
  // Positive, non-zero 16-byte serial.
  return unsignedInteger(Buffer.concat([Buffer.from([0x01]), randomBytes(15)]));
}

interface CertificateFields {
  subject: Buffer;
  issuer: Buffer;
  notBefore: Date;
  notAfter: Date;
  subjectKey: KeyPair;
  extensions: Buffer[];
}

function signedCertificate(fields: CertificateFields, signer: KeyObject): Buffer {
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    serialNumber(),
    algorithm,
    fields.issuer,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    fields.subject,
    fields.subjectKey.spki,
    explicit(3, sequence(...fields.extensions)),
  );
  const signature = sign('sha256', tbs, signer); // ECDSA-Sig-Value, DER
  return sequence(tbs, algorithm, bitString(signature));
}

export class CertificateAuthority {
  readonly certPem: string;
  private readonly key: KeyPair = keyPair();
  private readonly subject: Buffer;
  private readonly leafKey: KeyPair = keyPair();
  private readonly leafKeyPem: string;
  private stranger: CertificateAuthority | undefined;

  constructor(now = Date.now(), commonName = 'partner-api-contracts twin CA') {
    this.subject = name([
      [OID.commonName, commonName],
      [OID.organizationName, 'partner-api-contracts (local, generated at start)'],
    ]);
    const der = signedCertificate({
      subject: this.subject,
      issuer: this.subject,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 365 * DAY_MS),
      subjectKey: this.key,
      extensions: [
        extension(OID.basicConstraints, true, sequence(bool(true))),
        extension(OID.keyUsage, true, bitString(Buffer.from([0x06]), 1)), // keyCertSign, cRLSign
        extension(OID.subjectKeyIdentifier, false, octetString(this.key.keyId)),
      ],
    }, this.key.privateKey);
    this.certPem = pem('CERTIFICATE', der);
    this.leafKeyPem = this.leafKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  issue(host: string, options: CertificateOptions = {}, now = Date.now()): LeafCertificate {
    if (options.untrusted) {
      this.stranger ??= new CertificateAuthority(now, 'untrusted CA (twin fault)');
      return this.stranger.issue(host, { ...options, untrusted: false }, now);
    }
    const issuedFor = options.issuedFor ?? host;
    const der = signedCertificate({
      subject: name([[OID.commonName, issuedFor]]),
      issuer: this.subject,
      notBefore: new Date(now + (options.notBeforeDays ?? -1) * DAY_MS),
      notAfter: new Date(now + (options.notAfterDays ?? 90) * DAY_MS),
      subjectKey: this.leafKey,
      extensions: [
        extension(OID.basicConstraints, false, sequence()),
        extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)), // digitalSignature
        extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
        extension(OID.subjectAltName, false, sequence(implicitPrimitive(2, Buffer.from(issuedFor, 'ascii')))),
        extension(OID.subjectKeyIdentifier, false, octetString(this.leafKey.keyId)),
        extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, this.key.keyId))),
      ],
    }, this.key.privateKey);
    return { host, certPem: pem('CERTIFICATE', der) + this.certPem, keyPem: this.leafKeyPem };
  }
}
