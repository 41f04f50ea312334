/**
 * Delivery bodies for the probe. Each is sent as a partner's server would write it — Python-style separators and
 * `\u` escapes — so its raw bytes differ from what JSON.stringify makes of it: a receiver that verifies re-serialised
 * JSON instead of the raw body refuses the valid delivery, and accepts a re-formatted one.
 */

export interface SampleBody {
  /** The raw bytes as sent: `", "` and `": "` separators, non-ASCII as `\u` escapes. */
  raw: Buffer;
  /** The same JSON, compact, as JSON.stringify writes it. */
  compact: Buffer;
}

/** JSON the way Python's json.dumps writes it by default. */
function pythonStyle(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonStyle).join(', ')}]`;
  if (value && typeof value === 'object') return `{${Object.entries(value).map(([k, v]) => `${pythonStyle(k)}: ${pythonStyle(v)}`).join(', ')}}`;
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return JSON.stringify(value);
}

function sample(value: unknown): SampleBody {
  return { raw: Buffer.from(pythonStyle(value), 'utf8'), compact: Buffer.from(JSON.stringify(value), 'utf8') };
}

export function spotdraftSample(now: Date): SampleBody {
  return sample({
    activity: 'CONTRACT_EXECUTED',
    created: now.toISOString(),
    contract: { id: 48213, contract_name: 'Mutual NDA - Société Générale (contract probe)', contract_status: 'EXECUTED' },
  });
}

export function spotnanaSample(now: Date): SampleBody {
  return sample({
    eventType: 'TRIP_DETAILS_V3',
    operation: 'TRIP_UPDATED',
    timestamp: now.toISOString(),
    payload: { tripId: '6926658168', tripName: 'Offsite in Zürich (contract probe)' },
  });
}

/** The raw body with one value changed: what an attacker, or a proxy that rewrites bodies, would send. */
export function altered(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const changed = text.replace(/\d/, (d) => String((Number(d) + 1) % 10));
  return Buffer.from(changed === text ? `${text} ` : changed, 'utf8');
}
