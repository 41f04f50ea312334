/** A child Node process of a matrix run, its output kept in `<dir>/run.log` (a fresh folder) and in memory. */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface LoggedRun {
  exitCode: number;
  durationMs: number;
  stdout: string;
  log: string;
}

export function runLogged(dir: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<LoggedRun> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = join(dir, 'run.log');
  const out = createWriteStream(log);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      out.write(chunk);
    });
    child.stderr.pipe(out, { end: false });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      out.end();
      resolve({ exitCode: code ?? (signal ? 1 : 0), durationMs: Date.now() - started, stdout, log });
    });
  });
}
