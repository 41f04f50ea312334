/**
 * `npm run preflight -- --env prod [--provider P] [--region R] [--strict]`: before a release, check every credential
 * of an environment — read-only — and print a table of targets x checks. Twin mode when --env is omitted.
 * Exit 0: all pass (warnings allowed); 1: a check failed (or warned, with --strict); 2: configuration error.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../src/config/config-error.ts';
import { loadProfile } from '../src/config/profile.ts';
import { PROVIDERS } from '../src/providers/catalogue.ts';
import type { PreflightReport, PreflightStatus } from '../src/report/preflight-reporter.ts';
import { checkTwinEnv } from '../twin/settings-env.ts';
import { commandLineError, parseOptions } from './command-line.ts';
import { playwrightCli, run } from './run-playwright.ts';

const root = resolve(import.meta.dirname, '..');

const args = parseOptions({
  env: { type: 'string' },
  provider: { type: 'string', multiple: true },
  region: { type: 'string', multiple: true },
  strict: { type: 'boolean', default: false },
});

const env: NodeJS.ProcessEnv = { ...process.env, CONTRACT_PREFLIGHT: '1', FORCE_COLOR: '0' };
if (args.env !== undefined) {
  if (args.env !== 'uat' && args.env !== 'prod') commandLineError('--env', `must be uat or prod (omit it for the twin), got "${args.env}"`);
  if (process.env.CONTRACT_ENV && process.env.CONTRACT_ENV !== args.env) commandLineError('--env', `conflicts with CONTRACT_ENV=${process.env.CONTRACT_ENV}`);
  env.CONTRACT_ENV = args.env;
}
for (const provider of args.provider ?? []) {
  if (!PROVIDERS.some((p) => p.id === provider)) commandLineError('--provider', `"${provider}" is not a provider (${PROVIDERS.map((p) => p.id).join(', ')})`);
}
for (const region of args.region ?? []) {
  const known = PROVIDERS.filter((p) => !args.provider || args.provider.includes(p.id)).flatMap((p) => Object.keys(p.baseUrls));
  if (!known.includes(region)) commandLineError('--region', `"${region}" is not a region of the selected providers (${[...new Set(known)].join(', ')})`);
}

let profile;
try {
  profile = loadProfile({ root, env });
  checkTwinEnv(env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(ConfigError.EXIT_CODE);
  }
  throw error;
}
const targets = profile.targets.filter((t) => (!args.provider || args.provider.includes(t.target.provider.id)) && (!args.region || args.region.includes(t.target.region)));
if (targets.length === 0) commandLineError('--provider/--region', `match no target with credentials in ${profile.sources.join(', ')}`);

const reportsDir = profile.reportsDir;
for (const stale of ['allure-results', 'session-stats', 'preflight.json']) rmSync(resolve(reportsDir, stale), { recursive: true, force: true });
const started = Date.now();
console.log(`preflight: ${targets.length} target(s) of ${profile.mode === 'twin' ? 'the twin' : profile.environments[0]}, read-only`);
// Preflight checks mostly wait on the network: more workers than cores pay off.
const workers = String(Math.min(4, targets.length));
const testExit = await run(playwrightCli(), ['test', '--workers', workers, ...targets.flatMap((t) => ['--project', t.target.id])], env, true);

const file = resolve(reportsDir, 'preflight.json');
if (!existsSync(file)) {
  console.error(`preflight produced no report (playwright exit ${testExit})`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(file, 'utf8')) as PreflightReport;
const columns = [...new Set(report.targets.flatMap((t) => t.checks.map((c) => c.column)))];
const symbol: Record<PreflightStatus, string> = { pass: 'pass', warn: 'WARN', fail: 'FAIL', 'n/a': 'n/a' };
const width = Math.max(...report.targets.map((t) => t.target.length), 6);
const pad = (text: string, n: number) => text.padEnd(n);
console.log(`\n${pad('target', width)}  ${columns.map((c) => pad(c, Math.max(c.length, 4))).join('  ')}`);
for (const target of report.targets) {
  const cells = columns.map((column) => {
    const status = target.checks.find((c) => c.column === column)?.status ?? 'n/a';
    return pad(symbol[status], Math.max(column.length, 4));
  });
  console.log(`${pad(target.target, width)}  ${cells.join('  ')}`);
}
const notable = report.targets.flatMap((t) => t.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `  ${symbol[c.status]} ${t.target} ${c.column}: ${c.reason ?? ''}`));
if (notable.length > 0) console.log(`\n${notable.join('\n')}`);
// Not run: grouped by reason, one line each (e.g. no SECRET_ROTATED_AT declared).
const notRun = new Map<string, string[]>();
for (const t of report.targets) {
  for (const c of t.checks.filter((x) => x.status === 'n/a')) {
    const reason = `${c.column}: ${(c.reason ?? 'not run').replace(/[A-Z]+_[A-Z]+_([A-Z_]+)/g, '<PREFIX>_$1')}`;
    notRun.set(reason, [...(notRun.get(reason) ?? []), t.target]);
  }
}
for (const [reason, targets] of notRun) console.log(`  n/a  ${reason} (${targets.length} target${targets.length > 1 ? 's' : ''})`);
const prodTargets = report.targets.filter((t) => t.target.endsWith('-prod'));
if (prodTargets.length > 0) {
  console.log(`\ndeliberately failing auth attempts against prod: ${prodTargets.map((t) => `${t.target} ${t.negativeAuthAttempts}`).join(', ')} (limit ${profile.prodNegativeAuthLimit} per target)`);
}
const statuses = report.targets.flatMap((t) => t.checks.map((c) => c.status));
const failed = statuses.includes('fail') || (testExit !== 0 && !statuses.includes('fail') && statuses.length === 0);
const warned = statuses.includes('warn');
console.log(`\nreports: ${file}, ${resolve(reportsDir, 'preflight.junit.xml')}, ${resolve(reportsDir, 'allure-results')}`);
console.log(`preflight ${failed ? 'FAILED' : warned ? (args.strict ? 'FAILED (warnings, --strict)' : 'passed with warnings') : 'passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed || (warned && args.strict) ? 1 : 0);
