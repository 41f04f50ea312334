/**
 * The probe's cases, per signing scheme: deliveries signed exactly as the partner signs (src/webhooks/*-signature.ts),
 * and the ones a receiver must refuse. Every case but the replay carries a fresh delivery id, so a receiver that
 * refuses replays judges each case on its own.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { BodyHmacScheme, IdTimestampHmacScheme } from '../../providers/types.ts';
import { spotdraftSignedHeaders } from '../spotdraft-signature.ts';
import { spotnanaSignedHeaders } from '../spotnana-signature.ts';
import { altered, spotdraftSample, spotnanaSample } from './sample-bodies.ts';

/** `accept`: 2xx; `refuse`: 4xx; `duplicate`: 2xx (acknowledged, not processed again) or 4xx (refused), never 3xx/5xx. */
export type Expectation = 'accept' | 'refuse' | 'duplicate';

export interface ProbeCase {
  id: string;
  title: string;
  expected: Expectation;
  headers: Record<string, string>;
  body: Buffer;
  /** What a wrong answer says about the receiver. */
  exposes: string;
}

const probeHeader = (caseId: string) => ({ 'content-type': 'application/json', 'x-contract-probe': `webhooks-probe.${caseId}` });
/** A key of the same size the partner's would be, that the receiver cannot know. */
const otherKey = (key: Buffer) => randomBytes(Math.max(32, key.length));

export function spotdraftCases(scheme: BodyHmacScheme, key: Buffer, now = new Date()): ProbeCase[] {
  const body = spotdraftSample(now);
  const signed = (caseId: string, signingKey: Buffer, signedBody: Buffer, sentBody = signedBody) => ({
    headers: { ...probeHeader(caseId), ...spotdraftSignedHeaders(scheme, signingKey, signedBody) },
    body: sentBody,
  });
  const unsigned = { ...probeHeader('signature-missing') };
  return [
    { id: 'valid', title: 'valid delivery', expected: 'accept', ...signed('valid', key, body.raw), exposes: 'the receiver refuses what SpotDraft sends: another key, or a signature over re-serialised JSON instead of the raw body' },
    { id: 'body-altered', title: 'body altered after signing', expected: 'refuse', ...signed('body-altered', key, body.raw, altered(body.raw)), exposes: 'the receiver does not verify the signature over the body it received' },
    { id: 'body-reformatted', title: 'body re-formatted after signing (same JSON)', expected: 'refuse', ...signed('body-reformatted', key, body.compact, body.raw), exposes: 'the receiver verifies re-serialised JSON, not the raw body' },
    { id: 'other-key', title: 'signed with another key', expected: 'refuse', ...signed('other-key', otherKey(key), body.raw), exposes: 'the receiver does not verify the signature (or with a key anyone has)' },
    { id: 'signature-missing', title: `${scheme.signatureHeader} missing`, expected: 'refuse', headers: unsigned, body: body.raw, exposes: 'the receiver accepts unsigned deliveries' },
  ];
}

export interface SpotnanaOptions {
  toleranceSeconds: number;
  now?: Date;
}

export function spotnanaCases(scheme: IdTimestampHmacScheme, key: Buffer, options: SpotnanaOptions): ProbeCase[] {
  const now = options.now ?? new Date();
  const seconds = String(Math.floor(now.getTime() / 1000));
  const body = spotnanaSample(now);
  const delivery = (caseId: string, keys: readonly Buffer[], signedBody: Buffer, sentBody = signedBody, timestamp = seconds, id = randomUUID()) => ({
    headers: { ...probeHeader(caseId), ...spotnanaSignedHeaders(scheme, keys, { id, timestamp, rawBody: signedBody }) },
    body: sentBody,
  });
  const valid = delivery('valid', [key], body.raw);
  const stale = String(Math.floor(now.getTime() / 1000) - options.toleranceSeconds - 60);
  const withoutSignature: Record<string, string> = delivery('signature-missing', [key], body.raw).headers;
  delete withoutSignature[scheme.signatureHeader];
  return [
    { id: 'valid', title: 'valid delivery', expected: 'accept', ...valid, exposes: 'the receiver refuses what Spotnana sends: another secret, or a signature over re-serialised JSON instead of the raw body' },
    { id: 'body-altered', title: 'body altered after signing', expected: 'refuse', ...delivery('body-altered', [key], body.raw, altered(body.raw)), exposes: 'the receiver does not verify the signature over the body it received' },
    { id: 'body-reformatted', title: 'body re-formatted after signing (same JSON)', expected: 'refuse', ...delivery('body-reformatted', [key], body.compact, body.raw), exposes: 'the receiver verifies re-serialised JSON, not the raw body' },
    { id: 'other-key', title: 'signed with another key', expected: 'refuse', ...delivery('other-key', [otherKey(key)], body.raw), exposes: 'the receiver does not verify the signature (or with a key anyone has)' },
    { id: 'signature-missing', title: `${scheme.signatureHeader} missing`, expected: 'refuse', headers: withoutSignature, body: body.raw, exposes: 'the receiver accepts unsigned deliveries' },
    {
      id: 'timestamp-outside-tolerance', title: `timestamp ${options.toleranceSeconds + 60} s old (tolerance ${options.toleranceSeconds} s)`, expected: 'refuse',
      ...delivery('timestamp-outside-tolerance', [key], body.raw, body.raw, stale), exposes: 'the receiver does not bound the timestamp: a captured delivery can be replayed any time later',
    },
    {
      id: 'rotation', title: 'two signatures during a rotation, one valid', expected: 'accept',
      ...delivery('rotation', [otherKey(key), key], body.raw), exposes: 'the receiver refuses a delivery one of whose signatures is valid (it checks one signature only, or refuses valid deliveries at all): it will refuse deliveries during the next secret rotation',
    },
    {
      id: 'replayed-id', title: 'replayed webhook id (the valid delivery again)', expected: 'duplicate', headers: { ...valid.headers, 'x-contract-probe': 'webhooks-probe.replayed-id' }, body: valid.body,
      exposes: 'a redirect or a server error on a duplicate: Spotnana re-sends with the same id until it gets 200',
    },
  ];
}
