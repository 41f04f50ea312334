/**
 * The profile: which targets run, with which credentials and base URLs. The only code that reads
 * process.env and env/*.env. Returns typed data or throws ConfigError.
 */
import { join, relative, resolve } from 'node:path';
import { PROVIDERS, TARGETS, type Target } from '../providers/catalogue.ts';
import { MAX_WORKSPACES, workspaceOf, workspaceValue } from '../providers/workspaces.ts';
import type { EnvironmentName } from '../providers/types.ts';
import { ConfigError } from './config-error.ts';
import { mergeSources, readEnvFile, type EnvSource } from './env-files.ts';
import { Secret } from './secret.ts';
import { validateBaseUrl, validateDate, validateEmail, validateSecretLike } from './validators.ts';
import { readWebhookSettings, WEBHOOK_SUFFIXES, webhookKeyMisfit, type WebhookSuffix } from './webhook-keys.ts';

export type Mode = 'twin' | 'live';

export interface Credentials {
  clientId: string;
  clientSecret: Secret;
  userEmail?: string;
  expectedAccount?: string;
  secretRotatedAt?: Date;
  /** The secret the team's webhook receiver verifies this workspace's deliveries with (src/config/webhook-keys.ts). */
  webhookSecret?: Secret;
  /** The host this environment's webhook subscriptions must deliver to. */
  webhookReceiver?: string;
}

export interface TargetProfile {
  target: Target;
  baseUrl: string;
  credentials: Credentials;
  /** Names of the variables that hold this target's values, for reproducers (`$SPOTDRAFT_US_CLIENT_SECRET`). */
  keys: Record<'clientId' | 'clientSecret' | 'userEmail', string>;
}

export interface Profile {
  mode: Mode;
  environments: EnvironmentName[];
  targets: TargetProfile[];
  /** Files the profile was read from (relative), for messages. */
  sources: string[];
  proxy?: { server: string; bypass?: string };
  /** Twin admin API, when the targets are served by the twin (moves its clock for expiry checks). */
  twinAdminUrl?: string;
  allowProdWrites: boolean;
  requestTimeoutMs: number;
  /**
   * Targets checked at once, the run's lanes (CONTRACT_WORKERS, default 4; each target project runs in one worker,
   * and Playwright runs one more per lane, waiting ahead: src/lanes/). More than the cores: a worker mostly waits — for
   * the partner's latency and for its per-workspace rate limit — so four fill two cores.
   */
  workers: number;
  /** Where this run writes its reports (CONTRACT_REPORTS_DIR, default reports/). */
  reportsDir: string;
  /** Preflight: secret age thresholds in days (warn from, fail from). */
  secretAge: { warnDays: number; maxDays: number };
  /** Deliberately failing authentication attempts allowed per prod target and run. */
  prodNegativeAuthLimit: number;
  /** A pre-release preflight run (CONTRACT_PREFLIGHT=1): registers the preflight-only checks. */
  preflight: boolean;
  /** Overrides every provider's latency budget (CONTRACT_LATENCY_BUDGET_MS). */
  latencyBudgetMs?: number;
  /** `--strict` (CONTRACT_STRICT=1): a check slower than its budget fails instead of passing as degraded. */
  strict: boolean;
}

const FIELD_SUFFIXES = ['CLIENT_ID', 'CLIENT_SECRET', 'USER_EMAIL', 'BASE_URL', 'SECRET_ROTATED_AT', 'EXPECTED_ACCOUNT', ...WEBHOOK_SUFFIXES] as const;
const GENERAL_KEYS = ['CONTRACT_ALLOW_PROD_WRITES', 'CONTRACT_WORKERS', 'CONTRACT_REQUEST_TIMEOUT_MS', 'CONTRACT_SECRET_WARN_DAYS', 'CONTRACT_SECRET_MAX_DAYS', 'CONTRACT_PROD_NEGATIVE_AUTH_LIMIT', 'CONTRACT_LATENCY_BUDGET_MS', 'CONTRACT_STRICT'] as const;
export const DEFAULT_WORKERS = 4;
/** The redactor ignores values shorter than this; the profile refuses such secrets. */
const MIN_SECRET_LENGTH = 8;
const PROVIDER_PREFIXES = PROVIDERS.map((p) => p.id.toUpperCase());

function isProviderKey(key: string): boolean {
  return PROVIDER_PREFIXES.some((prefix) => key.startsWith(`${prefix}_`));
}

/** Rejects keys a profile file may not hold (typos included), and provider keys naming an unknown region or field. */
function checkKeyNames(source: EnvSource, fileLabel: string, fileKeys: readonly string[]): void {
  for (const key of fileKeys) {
    if (!isProviderKey(key) && !(GENERAL_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(fileLabel, key, `is not a known key (expected <PROVIDER>_<REGION>_<FIELD> with provider one of ${PROVIDERS.map((p) => p.id).join(', ')}, or ${GENERAL_KEYS.join(', ')})`);
    }
  }
  for (const [key] of source.values) {
    const where = source.origin.get(key) ?? 'environment';
    if ((GENERAL_KEYS as readonly string[]).includes(key)) continue;
    const provider = PROVIDERS.find((p) => key.startsWith(`${p.id.toUpperCase()}_`));
    if (!provider) continue;
    const rest = key.slice(provider.id.length + 1);
    const suffix = FIELD_SUFFIXES.find((s) => rest.endsWith(`_${s}`));
    if (!suffix) throw new ConfigError(where, key, `has no known field (one of ${FIELD_SUFFIXES.join(', ')})`);
    const region = rest.slice(0, -(suffix.length + 1)).toLowerCase();
    if (!(region in provider.baseUrls)) {
      throw new ConfigError(where, key, `names unknown region "${region}" for ${provider.id} (known: ${Object.keys(provider.baseUrls).join(', ')})`);
    }
    if (suffix === 'USER_EMAIL' && !provider.userContext) throw new ConfigError(where, key, `is not used by ${provider.id} (it has no user context header)`);
    const misfit = (WEBHOOK_SUFFIXES as readonly string[]).includes(suffix) ? webhookKeyMisfit(provider, suffix as WebhookSuffix) : undefined;
    if (misfit) throw new ConfigError(where, key, misfit);
  }
}

function targetProfile(target: Target, source: EnvSource, requiredIn?: string): TargetProfile | undefined {
  const key = (field: (typeof FIELD_SUFFIXES)[number]) => `${target.keyPrefix}_${field}`;
  const where = (k: string) => source.origin.get(k) ?? 'environment';
  const get = (k: string) => source.values.get(k);
  const idKey = key('CLIENT_ID');
  const secretKey = key('CLIENT_SECRET');
  const clientId = get(idKey);
  const clientSecret = get(secretKey);
  if (clientId === undefined && clientSecret === undefined) {
    if (requiredIn) throw new ConfigError(requiredIn, idKey, `is missing for ${target.id}`);
    // Webhook settings belong to a target: without its credentials they would be silently ignored.
    const orphan = WEBHOOK_SUFFIXES.map((s) => `${target.keyPrefix}_${s}`).find((k) => get(k) !== undefined);
    if (orphan) throw new ConfigError(where(orphan), idKey, `is missing while ${orphan} is set (webhook settings belong to a target with credentials)`);
    return undefined;
  }
  if (clientId === undefined) throw new ConfigError(where(secretKey), idKey, `is missing while ${secretKey} is set (a target needs both)`);
  if (clientSecret === undefined) throw new ConfigError(where(idKey), secretKey, `is missing while ${idKey} is set (a target needs both)`);
  validateSecretLike(where(idKey), idKey, clientId);
  validateSecretLike(where(secretKey), secretKey, clientSecret);
  // Shorter values could not be redacted safely (they would match ordinary text): no real secret is that short.
  if (clientSecret.length < MIN_SECRET_LENGTH) throw new ConfigError(where(secretKey), secretKey, `is shorter than ${MIN_SECRET_LENGTH} characters: not a real client secret?`);

  const baseUrlKey = key('BASE_URL');
  const baseUrlOverride = get(baseUrlKey);
  const baseUrl = baseUrlOverride === undefined ? target.documentedBaseUrl : validateBaseUrl(where(baseUrlKey), baseUrlKey, baseUrlOverride, target);

  const credentials: Credentials = { clientId, clientSecret: new Secret(clientSecret) };
  const emailKey = key('USER_EMAIL');
  const email = get(emailKey);
  if (email !== undefined) credentials.userEmail = validateEmail(where(emailKey), emailKey, email);
  const rotatedKey = key('SECRET_ROTATED_AT');
  const rotated = get(rotatedKey);
  if (rotated !== undefined) credentials.secretRotatedAt = validateDate(where(rotatedKey), rotatedKey, rotated);
  const accountKey = key('EXPECTED_ACCOUNT');
  const account = get(accountKey);
  if (account !== undefined) {
    if (account.trim() === '') throw new ConfigError(where(accountKey), accountKey, 'is empty');
    credentials.expectedAccount = account.trim();
  }
  const webhook = readWebhookSettings(target.provider, target.keyPrefix, get, where);
  if (webhook.secret) credentials.webhookSecret = webhook.secret;
  if (webhook.receiver) credentials.webhookReceiver = webhook.receiver;
  return { target, baseUrl, credentials, keys: { clientId: idKey, clientSecret: secretKey, userEmail: emailKey } };
}

function parseFlag(source: EnvSource, key: string): boolean {
  const value = source.values.get(key);
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new ConfigError(source.origin.get(key) ?? 'environment', key, `must be 1/true or 0/false, got "${value}"`);
}

function parseWhole(source: EnvSource, key: string, fallback: number, min: number, max: number, unit: string): number {
  const value = source.values.get(key);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(source.origin.get(key) ?? 'environment', key, `must be a whole number of ${unit} between ${min} and ${max}, got "${value}"`);
  }
  return n;
}

export interface LoadOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
}

export function modeOf(env: NodeJS.ProcessEnv): { mode: Mode; environments: EnvironmentName[] } {
  const value = env.CONTRACT_ENV;
  if (value === undefined || value === '' || value === 'twin') return { mode: 'twin', environments: ['uat', 'prod'] };
  if (value === 'uat' || value === 'prod') return { mode: 'live', environments: [value] };
  throw new ConfigError('environment', 'CONTRACT_ENV', `must be uat, prod or unset (twin mode), got "${value}"`);
}

/**
 * Workspaces per target (CONTRACT_TWIN_WORKSPACES, default 1): the benchmark's synthetic scale, twin mode only —
 * a live profile names its workspaces explicitly.
 */
export function twinWorkspaces(env: NodeJS.ProcessEnv): number {
  const value = env.CONTRACT_TWIN_WORKSPACES;
  if (value === undefined || value === '') return 1;
  if (modeOf(env).mode !== 'twin') throw new ConfigError('environment', 'CONTRACT_TWIN_WORKSPACES', 'applies to twin mode only (unset CONTRACT_ENV)');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKSPACES) {
    throw new ConfigError('environment', 'CONTRACT_TWIN_WORKSPACES', `must be a whole number between 1 and ${MAX_WORKSPACES}, got "${value}"`);
  }
  return n;
}

/** The k-th synthetic workspace of a twin target: same host, credentials derived from the committed ones. */
function syntheticWorkspace(base: TargetProfile, k: number): TargetProfile {
  const { clientId, clientSecret, userEmail } = base.credentials;
  return {
    ...base,
    target: workspaceOf(base.target, k),
    credentials: { clientId: workspaceValue(clientId, k), clientSecret: new Secret(workspaceValue(clientSecret.reveal(), k)), ...(userEmail ? { userEmail } : {}) },
  };
}

export function loadProfile({ root, env = process.env }: LoadOptions): Profile {
  const { mode, environments } = modeOf(env);
  const workspaces = twinWorkspaces(env);
  const targets: TargetProfile[] = [];
  const sources: string[] = [];
  let source: EnvSource | undefined;
  for (const environment of environments) {
    const fileName = mode === 'twin' ? `twin-${environment}.env` : `${environment}.env`;
    // CONTRACT_PROFILE_DIR points live mode at another folder of profiles (twin profiles always come from env/).
    const dir = mode === 'live' && env.CONTRACT_PROFILE_DIR ? resolve(root, env.CONTRACT_PROFILE_DIR) : join(root, 'env');
    const path = join(dir, fileName);
    const label = relative(root, path).startsWith('..') ? path : relative(root, path);
    const file = readEnvFile(path, label);
    // In twin mode the committed fake profile is the whole truth: real secrets in the shell never go to the twin.
    const processEnv = mode === 'twin' ? {} : env;
    source = mergeSources(label, file, processEnv, (k) => isProviderKey(k) || (GENERAL_KEYS as readonly string[]).includes(k));
    checkKeyNames(source, label, Object.keys(file));
    sources.push(label);
    for (const target of TARGETS.filter((t) => t.environment === environment)) {
      const profile = targetProfile(target, source, mode === 'twin' ? label : undefined);
      if (profile) targets.push(profile);
    }
  }
  // Workspace-major order (all documented targets first), so 1x is a prefix of every larger scale.
  const documented = [...targets];
  for (let k = 2; k <= workspaces; k += 1) targets.push(...documented.map((tp) => syntheticWorkspace(tp, k)));
  if (targets.length === 0) {
    throw new ConfigError(sources.join(', '), '<PROVIDER>_<REGION>_CLIENT_ID', 'is set for no target: nothing to check (fill the profile or export the variables)');
  }
  const flags = mergeSources('environment', {}, env, (k) => (GENERAL_KEYS as readonly string[]).includes(k));
  const merged: EnvSource = source && mode === 'live' ? source : flags;
  const profile: Profile = {
    mode,
    environments,
    targets,
    sources,
    allowProdWrites: parseFlag(merged, 'CONTRACT_ALLOW_PROD_WRITES'),
    requestTimeoutMs: parseWhole(merged, 'CONTRACT_REQUEST_TIMEOUT_MS', 15_000, 100, 300_000, 'milliseconds'),
    workers: parseWhole(merged, 'CONTRACT_WORKERS', DEFAULT_WORKERS, 1, 64, 'workers'),
    reportsDir: resolve(root, env.CONTRACT_REPORTS_DIR ?? 'reports'),
    secretAge: {
      warnDays: parseWhole(merged, 'CONTRACT_SECRET_WARN_DAYS', 75, 1, 3650, 'days'),
      maxDays: parseWhole(merged, 'CONTRACT_SECRET_MAX_DAYS', 90, 1, 3650, 'days'),
    },
    prodNegativeAuthLimit: parseWhole(merged, 'CONTRACT_PROD_NEGATIVE_AUTH_LIMIT', 3, 0, 100, 'attempts'),
    preflight: env.CONTRACT_PREFLIGHT === '1',
    strict: parseFlag(merged, 'CONTRACT_STRICT'),
  };
  if (merged.values.has('CONTRACT_LATENCY_BUDGET_MS')) {
    profile.latencyBudgetMs = parseWhole(merged, 'CONTRACT_LATENCY_BUDGET_MS', 0, 1, 600_000, 'milliseconds');
  }
  if (profile.secretAge.warnDays > profile.secretAge.maxDays) {
    throw new ConfigError(merged.origin.get('CONTRACT_SECRET_WARN_DAYS') ?? 'environment', 'CONTRACT_SECRET_WARN_DAYS', `(${profile.secretAge.warnDays}) must not exceed CONTRACT_SECRET_MAX_DAYS (${profile.secretAge.maxDays})`);
  }
  const proxyServer = mode === 'twin' ? env.CONTRACT_TWIN_PROXY : (env.HTTPS_PROXY ?? env.https_proxy);
  if (proxyServer) {
    const bypass = mode === 'twin' ? undefined : (env.NO_PROXY ?? env.no_proxy);
    profile.proxy = bypass ? { server: proxyServer, bypass } : { server: proxyServer };
  }
  if (env.CONTRACT_TWIN_ADMIN_URL) profile.twinAdminUrl = env.CONTRACT_TWIN_ADMIN_URL;
  return profile;
}

export function findTargetProfile(profile: Profile, targetId: string): TargetProfile {
  const found = profile.targets.find((t) => t.target.id === targetId);
  if (!found) throw new ConfigError(profile.sources.join(', '), targetId, 'has no credentials in this profile');
  return found;
}
