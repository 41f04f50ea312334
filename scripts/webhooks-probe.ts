/**
 * `npm run webhooks:probe -- --provider spotdraft|spotnana --receiver URL [--env uat|prod] [--target ID]
 *  [--tolerance-seconds N] [--timeout-ms N]`: tests OUR webhook receiver. Sends it deliveries signed exactly as the
 * partner signs them, with the receiver's secret from the profile (<PREFIX>_WEBHOOK_HMAC_KEY or _WEBHOOK_SECRET), and
 * deliveries it must refuse; prints case / expected / got. The profile is env/<env>.env and the exported variables
 * (as `npm run preflight -- --env`, CONTRACT_ENV likewise), or the twin's fake profiles without either; --target picks the target when
 * more than one of the provider's holds a secret. Sends only to --receiver, directly (no proxy), never following a
 * redirect; https unless the host is loopback. Exit 0: every case as expected; 1: some not; 2: bad input or the
 * receiver unreachable (nothing, or nothing more, is sent).
 */
import { resolve } from 'node:path';
import { ConfigError } from '../src/config/config-error.ts';
import { loadProfile, type Profile, type TargetProfile } from '../src/config/profile.ts';
import { PROVIDERS } from '../src/providers/catalogue.ts';
import type { WebhookDescriptor } from '../src/providers/types.ts';
import { spotdraftCases, spotnanaCases, type ProbeCase } from '../src/webhooks/probe/cases.ts';
import { judgeCase, renderTable, type CaseResult } from '../src/webhooks/probe/judge.ts';
import { deliver } from '../src/webhooks/probe/send.ts';
import { keyBytesOf } from '../src/webhooks/signing-keys.ts';
import { commandLineError, parseOptions } from './command-line.ts';

const root = resolve(import.meta.dirname, '..');
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

const args = parseOptions({
  provider: { type: 'string' },
  receiver: { type: 'string' },
  env: { type: 'string' },
  target: { type: 'string' },
  'tolerance-seconds': { type: 'string' },
  'timeout-ms': { type: 'string', default: '10000' },
});

function whole(option: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) commandLineError(option, `must be a whole number between ${min} and ${max}, got "${value}"`);
  return n;
}

const withWebhooks = PROVIDERS.filter((p) => p.webhooks).map((p) => p.id);
if (!args.provider) commandLineError('--provider', `is required (${withWebhooks.join(' or ')})`);
const provider = PROVIDERS.find((p) => p.id === args.provider);
if (!provider) commandLineError('--provider', `"${args.provider}" is not a provider (${withWebhooks.join(' or ')})`);
const webhooks: WebhookDescriptor | undefined = provider.webhooks;
if (!webhooks) commandLineError('--provider', `${provider.name} documents no webhooks (${withWebhooks.join(' or ')})`);

if (!args.receiver) commandLineError('--receiver', 'is required: the URL our receiver takes deliveries on');
let receiver: URL;
try {
  receiver = new URL(args.receiver);
} catch {
  commandLineError('--receiver', 'is not a URL');
}
if (receiver.protocol !== 'https:' && receiver.protocol !== 'http:') commandLineError('--receiver', `must be an https:// URL, got ${receiver.protocol}`);
// A partner delivers over https only; plain http is for a receiver running on this machine.
if (receiver.protocol === 'http:' && !LOOPBACK.test(receiver.hostname)) commandLineError('--receiver', `uses http:// on ${receiver.hostname}: https only, unless the host is loopback`);
if (receiver.username || receiver.password) commandLineError('--receiver', 'carries a user name or password: give the URL without them');
const shownReceiver = `${receiver.origin}${receiver.pathname}`;

const scheme = webhooks.signature;
const tolerance = whole('--tolerance-seconds', args['tolerance-seconds'], 1, 86_400);
if (tolerance !== undefined && scheme.kind !== 'id-timestamp-hmac-sha256-base64') commandLineError('--tolerance-seconds', `does not apply to ${provider.name}: its deliveries carry no timestamp`);
const timeoutMs = whole('--timeout-ms', args['timeout-ms'], 100, 120_000) ?? 10_000;

// As in the preflight: --env or CONTRACT_ENV picks the live profile; neither, the twin's.
const env: NodeJS.ProcessEnv = { ...process.env };
if (args.env !== undefined) {
  if (args.env !== 'uat' && args.env !== 'prod') commandLineError('--env', `must be uat or prod (omit it for the twin's profiles), got "${args.env}"`);
  if (process.env.CONTRACT_ENV && process.env.CONTRACT_ENV !== args.env) commandLineError('--env', `conflicts with CONTRACT_ENV=${process.env.CONTRACT_ENV}`);
  env.CONTRACT_ENV = args.env;
}

function loadOrExit(): Profile {
  try {
    return loadProfile({ root, env });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(ConfigError.EXIT_CODE);
    }
    throw error;
  }
}

const profile = loadOrExit();
const ofProvider = profile.targets.filter((t) => t.target.provider.id === provider.id);
const secretKey = (tp: TargetProfile) => `${tp.target.keyPrefix}_${webhooks.secretKey}`;
let chosen: TargetProfile | undefined;
if (args.target !== undefined) {
  chosen = ofProvider.find((t) => t.target.id === args.target);
  if (!chosen) commandLineError('--target', `"${args.target}" is not a ${provider.id} target of ${profile.sources.join(', ')} (${ofProvider.map((t) => t.target.id).join(', ') || 'none'})`);
  if (!chosen.credentials.webhookSecret) {
    console.error(new ConfigError(profile.sources.join(', '), secretKey(chosen), 'is not set: the probe signs with the secret our receiver holds').message);
    process.exit(ConfigError.EXIT_CODE);
  }
} else {
  const holding = ofProvider.filter((t) => t.credentials.webhookSecret);
  if (holding.length === 0) {
    console.error(new ConfigError(profile.sources.join(', '), `${provider.id.toUpperCase()}_<REGION>_${webhooks.secretKey}`, 'is set for no target: the probe signs with the secret our receiver holds').message);
    process.exit(ConfigError.EXIT_CODE);
  }
  if (holding.length > 1) commandLineError('--target', `is needed: ${holding.length} ${provider.id} targets hold a ${webhooks.secretKey} (${holding.map((t) => t.target.id).join(', ')})`);
  chosen = holding[0];
}
const target = chosen as TargetProfile;
// The profile refused a secret that does not decode: this is the same decoding.
const key = keyBytesOf(provider, target.credentials.webhookSecret?.reveal() ?? '') as Buffer;

const cases: ProbeCase[] = scheme.kind === 'body-hmac-sha512-hex'
  ? spotdraftCases(scheme, key)
  : spotnanaCases(scheme, key, { toleranceSeconds: tolerance ?? scheme.toleranceSeconds });

console.log(`webhooks probe: ${target.target.id} deliveries to ${shownReceiver}, signed as ${provider.name} signs with ${secretKey(target)} (${profile.sources.join(', ')})`);
const results: CaseResult[] = [];
for (const probeCase of cases) {
  const delivered = await deliver(receiver, probeCase.headers, probeCase.body, timeoutMs);
  if ('failure' in delivered && results.length === 0) {
    // Not even the first delivery got through: nothing more is sent.
    console.error(`[${delivered.failure.category}] receiver ${shownReceiver}: ${delivered.failure.kind}: ${delivered.failure.message}`);
    process.exit(2);
  }
  results.push(judgeCase(probeCase, delivered));
}

console.log(`\n${renderTable(results)}\n`);
for (const r of results.filter((x) => !x.asExpected)) console.log(`  NOT AS EXPECTED ${r.probeCase.title}: got ${r.got} — ${r.probeCase.exposes}`);
const replay = results.find((r) => r.probeCase.expected === 'duplicate');
if (replay?.asExpected) {
  console.log(`  note: ${replay.probeCase.title} answered ${replay.got}; from outside the probe cannot tell whether it was processed twice — the receiver must de-duplicate by ${scheme.kind === 'id-timestamp-hmac-sha256-base64' ? scheme.idHeader : 'delivery id'} (acknowledge with 2xx, or refuse with 4xx)`);
}
const good = results.filter((r) => r.asExpected).length;
console.log(`\nwebhooks probe: ${good}/${results.length} case(s) as expected${good === results.length ? '' : ' — the receiver does not verify deliveries the way the partner signs them'}`);
process.exit(good === results.length ? 0 : 1);
