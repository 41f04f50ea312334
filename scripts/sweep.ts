/**
 * `npm run sweep -- --env uat [--older-than 24h] [--dry-run] [--provider P]`: finds the records the suite's flows
 * left behind (by their mark) on every target of the environment and removes those the API lets it remove, printing
 * what it found and what it did. Exit 0: done; 1: a list or a removal failed; 2: configuration error, nothing sent.
 */
import { resolve } from 'node:path';
import { ApiClient } from '../src/auth/api-client.ts';
import { createSession } from '../src/auth/session.ts';
import { writesAllowed } from '../src/checks/endpoints.ts';
import { ConfigError } from '../src/config/config-error.ts';
import { loadProfile, type Profile, type TargetProfile } from '../src/config/profile.ts';
import { sweepTarget, type SweepLine } from '../src/flows/sweep.ts';
import { targetHttpClient } from '../src/http/target-client.ts';
import { redactText, secrets } from '../src/http/redact.ts';
import { openTransport } from '../src/http/transport-for.ts';
import { userAgent } from '../src/http/user-agent.ts';
import { PROVIDERS } from '../src/providers/catalogue.ts';
import { commandLineError, parseOptions } from './command-line.ts';

const root = resolve(import.meta.dirname, '..');
const args = parseOptions({
  env: { type: 'string' },
  'older-than': { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  provider: { type: 'string', multiple: true },
});

const environment = args.env ?? process.env.CONTRACT_ENV;
if (environment !== 'uat' && environment !== 'prod') {
  commandLineError('--env', `must be uat or prod (a live environment, or the standalone twin's: see npm run twin), got ${environment === undefined ? 'nothing' : `"${environment}"`}`);
}
if (args.env !== undefined && process.env.CONTRACT_ENV && process.env.CONTRACT_ENV !== args.env) commandLineError('--env', `conflicts with CONTRACT_ENV=${process.env.CONTRACT_ENV}`);
for (const provider of args.provider ?? []) {
  if (!PROVIDERS.some((p) => p.id === provider)) commandLineError('--provider', `"${provider}" is not a provider (${PROVIDERS.map((p) => p.id).join(', ')})`);
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };
function olderThanMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)([mhd])$/.exec(value);
  if (!match?.[1] || !match[2]) commandLineError('--older-than', `must be a number of minutes, hours or days, e.g. 30m, 24h or 7d; got "${value}"`);
  return Number(match[1]) * (UNITS[match[2]] ?? 0);
}
const olderThan = olderThanMs(args['older-than']);

let profile: Profile;
try {
  profile = loadProfile({ root, env: { ...process.env, CONTRACT_ENV: environment } });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(ConfigError.EXIT_CODE);
}
const targets = profile.targets.filter((tp) => !args.provider || args.provider.includes(tp.target.provider.id));

async function sweep(tp: TargetProfile): Promise<SweepLine[]> {
  secrets.add(tp.credentials.clientSecret.reveal());
  const transport = await openTransport({ ...(profile.proxy ? { proxy: profile.proxy } : {}), userAgent: userAgent(tp.target.id, 0), timeoutMs: profile.requestTimeoutMs });
  try {
    const http = targetHttpClient(transport, tp, profile);
    const api = new ApiClient(tp, http, createSession({ profile: tp, http }));
    return await sweepTarget(api, { dryRun: args['dry-run'], writesAllowed: writesAllowed(tp, profile), now: new Date(), ...(olderThan !== undefined ? { olderThanMs: olderThan } : {}) });
  } catch (error) {
    return [{ target: tp.target.id, record: '-', age: '-', action: `could not sweep: ${(error as Error).message.split('\n')[0]}`, outcome: 'error' }];
  } finally {
    await transport.dispose();
  }
}

console.log(`sweep ${environment}${args['dry-run'] ? ' (dry run: nothing is removed)' : ''}${olderThan !== undefined ? `, older than ${args['older-than']}` : ''}: ${targets.length} target(s)`);
const lines = (await Promise.all(targets.map(sweep))).flat();
const width = (pick: (l: SweepLine) => string, title: string) => Math.max(title.length, ...lines.map((l) => pick(l).length));
const columns = [
  { title: 'target', pick: (l: SweepLine) => l.target },
  { title: 'record', pick: (l: SweepLine) => l.record },
  { title: 'age', pick: (l: SweepLine) => l.age },
  { title: 'action', pick: (l: SweepLine) => l.action },
].map((c) => ({ ...c, width: width(c.pick, c.title) }));
const row = (cells: string[]) => cells.map((cell, i) => cell.padEnd(columns[i]?.width ?? 0)).join('  ').trimEnd();
console.log(row(columns.map((c) => c.title)));
for (const line of lines) console.log(redactText(row(columns.map((c) => c.pick(line)))));
const count = (outcome: SweepLine['outcome']) => lines.filter((l) => l.outcome === outcome).length;
const records = lines.filter((l) => l.record !== '-').length;
console.log(`${records} marked record(s): ${count('removed')} removed, ${count('would-remove')} would be removed, ${count('kept')} kept, ${count('cannot')} cannot be removed, ${count('error')} error(s)`);
process.exit(count('error') > 0 ? 1 : 0);
