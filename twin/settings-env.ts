/** The twin's timing, rate-limit and fault knobs from the environment: the one place the twin's entry points read them. */
import { ConfigError } from '../src/config/config-error.ts';
import { modeOf } from '../src/config/profile.ts';
import { FaultSet, UnknownFaultError } from './fault-set.ts';
import type { TwinOptions } from './server.ts';

/** A knob's value is unusable; the message is one line naming the variable. */
export class TwinSettingError extends Error {
  override readonly name = 'TwinSettingError';

  constructor(readonly key: string, readonly why: string) {
    super(`${key} ${why}`);
  }
}

export type TwinEnvSettings = Pick<TwinOptions, 'latencyMs' | 'jitterMs' | 'connectionLatencyMs' | 'rateLimitPerSecond'>;

function wholeNumber(env: NodeJS.ProcessEnv, key: string, what: string): number | undefined {
  const raw = env[key]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^\d+$/.test(raw)) throw new TwinSettingError(key, `must be ${what} (a whole number >= 0), got "${raw}"`);
  return Number(raw);
}

/**
 * TWIN_LATENCY_MS, TWIN_LATENCY_JITTER_MS, TWIN_CONNECTION_LATENCY_MS (milliseconds) and TWIN_SPOTDRAFT_RATE_LIMIT
 * (requests per second per workspace, 0 = off); unset keys are left to startTwin's defaults.
 */
export function twinSettingsFromEnv(env: NodeJS.ProcessEnv): TwinEnvSettings {
  const settings: TwinEnvSettings = {};
  const latencyMs = wholeNumber(env, 'TWIN_LATENCY_MS', 'milliseconds');
  const jitterMs = wholeNumber(env, 'TWIN_LATENCY_JITTER_MS', 'milliseconds');
  const connectionLatencyMs = wholeNumber(env, 'TWIN_CONNECTION_LATENCY_MS', 'milliseconds');
  const rateLimitPerSecond = wholeNumber(env, 'TWIN_SPOTDRAFT_RATE_LIMIT', 'requests per second, 0 = off');
  if ((jitterMs ?? 0) > (latencyMs ?? 0)) {
    throw new TwinSettingError('TWIN_LATENCY_JITTER_MS', `(${jitterMs}) must not exceed TWIN_LATENCY_MS (${latencyMs ?? 0}): a delay cannot be negative`);
  }
  if (latencyMs !== undefined) settings.latencyMs = latencyMs;
  if (jitterMs !== undefined) settings.jitterMs = jitterMs;
  if (connectionLatencyMs !== undefined) settings.connectionLatencyMs = connectionLatencyMs;
  if (rateLimitPerSecond !== undefined) settings.rateLimitPerSecond = rateLimitPerSecond;
  return settings;
}

/** Twin mode without a twin of the user's own (CONTRACT_TWIN_PROXY): the run starts the twin, with these knobs. */
export function startsItsOwnTwin(env: NodeJS.ProcessEnv): boolean {
  return modeOf(env).mode === 'twin' && !env.CONTRACT_TWIN_PROXY;
}

/**
 * Every twin knob of the environment, TWIN_FAULTS included, checked before a run that starts its own twin: a mistake
 * is a ConfigError (one line naming the variable, exit 2) instead of a failed global setup after Playwright started.
 * A run against a twin of the user's own ignores them, so they are not checked then.
 */
export function checkTwinEnv(env: NodeJS.ProcessEnv): void {
  if (!startsItsOwnTwin(env)) return;
  try {
    twinSettingsFromEnv(env);
    FaultSet.validated(env.TWIN_FAULTS ?? '');
  } catch (error) {
    if (error instanceof TwinSettingError) throw new ConfigError('environment', error.key, error.why);
    if (error instanceof UnknownFaultError) throw new ConfigError('environment', 'TWIN_FAULTS', `— ${error.message}`);
    throw error;
  }
}
