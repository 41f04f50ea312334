/** Child processes for the integration tests: the contract suite, the preflight and the standalone twin, with a clean environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PreflightReport } from '../../../src/report/preflight-reporter.ts';
import type { Summary } from '../../../src/report/summary-reporter.ts';
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { startTwin, type RunningTwin } from '../../../twin/server.ts';
import { ROOT, TSX_CLI } from './paths.ts';
import { tempDir, type TempDir } from './profiles.ts';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** Variables of the developer's shell that would change what a run does: never passed to a child. */
const INHERITED_BLOCKLIST = /^(CONTRACT_|TWIN_|SPOTDRAFT_|SPREETAIL_|SPOTNANA_|NODE_TEST_CONTEXT$|NODE_EXTRA_CA_CERTS$|HTTPS?_PROXY$|NO_PROXY$|FORCE_COLOR$|GITHUB_STEP_SUMMARY$)/i;

/** The current environment without profile keys, proxies, CA bundles or node:test's own variables. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !INHERITED_BLOCKLIST.test(key)) env[key] = value;
  }
  return { ...env, FORCE_COLOR: '0', ...extra };
}

/** `node …args` in the project root, output collected, stopped (then killed) on time-out. */
export function runNode(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let hardKill: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      stderr += `\n[test] stopped after ${timeoutMs} ms`;
      stopChild(child, 'SIGTERM');
      hardKill = setTimeout(() => stopChild(child, 'SIGKILL'), 5_000);
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(hardKill);
      resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started });
    });
  });
}

/** `npx tsx <script> …args` in the project root (through the tsx CLI directly: same program, no npm warnings on stderr). */
export function runTsx(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return runNode([TSX_CLI, ...args], env, timeoutMs);
}

/** `npm run contracts` with the given environment, its reports written below `reportsDir`. */
export function runContracts(env: NodeJS.ProcessEnv, reportsDir: string, timeoutMs = 280_000, args: string[] = []): Promise<RunResult> {
  return runTsx(['scripts/contracts.ts', ...args], {
    ...env,
    CONTRACT_REPORTS_DIR: join(reportsDir, 'reports'),
    CONTRACT_OUTPUT_DIR: join(reportsDir, 'test-results'),
  }, timeoutMs);
}

export function readSummary(reportsDir: string): Summary {
  const file = join(reportsDir, 'reports', 'summary.json');
  if (!existsSync(file)) throw new Error(`no summary at ${file}`);
  return JSON.parse(readFileSync(file, 'utf8')) as Summary;
}

export interface PreflightRun {
  run: RunResult;
  report: PreflightReport;
}

/**
 * `npm run preflight -- …args` against the in-process twin as a live environment (through its proxy), `profile` given
 * as process variables (how CI injects secrets); its reports written below `dir/name`, preflight.json read back.
 */
export async function runPreflight(twin: RunningTwin, dir: TempDir, name: string, args: string[], profile: Record<string, string>): Promise<PreflightRun> {
  const reports = join(dir.path, name);
  const run = await runTsx(['scripts/preflight.ts', ...args], cleanEnv({
    ...profile,
    HTTPS_PROXY: twin.proxyUrl,
    NODE_EXTRA_CA_CERTS: twin.caFile,
    CONTRACT_REPORTS_DIR: reports,
    CONTRACT_OUTPUT_DIR: join(reports, 'test-results'),
    // An empty profile folder: the values above are the whole profile.
    CONTRACT_PROFILE_DIR: dir.write(`${name}/env/.keep`, '') && join(dir.path, name, 'env'),
  }), 120_000);
  return { run, report: JSON.parse(readFileSync(join(reports, 'preflight.json'), 'utf8')) as PreflightReport };
}

/** A short account of a run for assertion messages: exit code and the tail of its output. */
export function describeRun(run: RunResult): string {
  const tail = (text: string) => text.split('\n').slice(-25).join('\n');
  return `exit ${run.code}${run.signal ? ` (${run.signal})` : ''} after ${run.durationMs} ms\n--- stdout (tail)\n${tail(run.stdout)}\n--- stderr (tail)\n${tail(run.stderr)}`;
}

/** Signals a child we started (the tsx CLI relays SIGTERM/SIGINT to the script it runs in a grandchild). */
export function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
}

export interface RunningTwinCli {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts `npx tsx twin/cli.ts --out-dir <outDir>` (with extra twin settings, e.g. TWIN_LATENCY_MS) and resolves once it prints `ready`. */
export function startTwinCli(outDir: string, timeoutMs = 60_000, settings: Record<string, string> = {}): Promise<RunningTwinCli> {
  const child = spawn(process.execPath, [TSX_CLI, 'twin/cli.ts', '--out-dir', outDir], {
    cwd: ROOT, env: cleanEnv(settings), stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  const stop = async () => {
    stopChild(child, 'SIGTERM');
    const timer = setTimeout(() => stopChild(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`twin/cli.ts ${why}\n${output}`)));
    };
    const timer = setTimeout(() => fail(`printed no "ready" line within ${timeoutMs} ms`), timeoutMs);
    const onData = (chunk: string) => {
      output += chunk;
      if (/^ready$/m.test(output)) {
        clearTimeout(timer);
        resolve({ child, output: () => output, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => fail(`could not start: ${error.message}`));
    child.on('close', (code) => {
      if (!/^ready$/m.test(output)) fail(`exited with ${code} before "ready"`);
    });
  });
}

/** The `export KEY=VALUE` lines of an env file the twin CLI wrote, as a map (comments and other lines ignored). */
export function parseExportFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^export ([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] !== undefined && match[2] !== undefined) values[match[1]] = match[2];
  }
  return values;
}

/**
 * A twin started in this test process, so its request log and issued tokens can be read, and a temporary folder;
 * both created before the tests of the file and removed after them.
 */
export function useTwinAndTempDir(prefix: string): { twin(): RunningTwin; dir(): TempDir } {
  let twin: RunningTwin | undefined;
  let dir: TempDir | undefined;
  before(async () => {
    twin = await startTwin({ root: ROOT });
    dir = tempDir(prefix);
  });
  after(async () => {
    await twin?.stop();
    dir?.remove();
  });
  return {
    twin: () => twin ?? assert.fail('the twin is not started'),
    dir: () => dir ?? assert.fail('the folder is not made'),
  };
}
