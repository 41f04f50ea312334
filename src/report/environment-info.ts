/** What a report reader needs to know about the run: suite version and commit, Node, twin or live, targets, start time. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from '../config/profile.ts';

function gitCommit(root: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

export function environmentInfo(root: string, profile: Profile, startedAt = new Date()): Record<string, string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return {
    'suite version': pkg.version,
    'git commit': gitCommit(root),
    node: process.version,
    mode: profile.mode === 'twin' ? 'twin (local emulator)' : 'live',
    environment: profile.environments.join(', '),
    targets: profile.targets.map((t) => t.target.id).join(', '),
    'run started': startedAt.toISOString(),
  };
}
