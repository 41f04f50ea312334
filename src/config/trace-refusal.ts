/**
 * Playwright traces are refused. A trace of an APIRequestContext keeps every request as sent and every answer as
 * received — client-secret and Authorization headers, login bodies with client_secret, token answers — and each
 * failed call's log, request headers included. None of it passes through redaction, and a trace.zip is an artifact
 * people upload and share. The suite's test type has no trace recorder (src/fixtures.ts), so asking for a trace is
 * refused loudly rather than silently ignored. The Allure report holds every exchange, redacted.
 */
import { ConfigError } from './config-error.ts';

/** Playwright's `trace` option: a mode, or options with a mode. */
export type TraceOption = string | { mode?: string } | undefined;

const WHY = 'is refused: a Playwright trace keeps every request and answer unredacted (client secrets, tokens); '
  + 'each exchange is in the Allure report, redacted (README, Traces)';

export function traceModeOf(option: TraceOption): string {
  return (typeof option === 'string' ? option : option?.mode) ?? 'off';
}

/** The mode of `--trace <mode>` or `--trace=<mode>` among Playwright CLI arguments (the last one wins, as in Playwright). */
export function traceArgument(args: readonly string[]): string | undefined {
  let mode: string | undefined;
  args.forEach((arg, i) => {
    if (arg === '--trace') mode = args[i + 1] ?? '';
    else if (arg.startsWith('--trace=')) mode = arg.slice('--trace='.length);
  });
  return mode;
}

/** Throws a ConfigError (exit code 2) unless tracing is off; `name` is how the source spells the option. */
export function refuseTracing(option: TraceOption, source: string, name = 'trace'): void {
  const mode = traceModeOf(option);
  if (mode !== 'off') throw new ConfigError(source, `${name} ${mode}`, WHY);
}
