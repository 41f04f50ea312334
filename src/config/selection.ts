/**
 * What a run's Playwright arguments select, read before anything runs: the projects (targets), the grep filters, the
 * shard and file filters. A project pattern that names no target, or a shard outside its count, is a configuration
 * error; whether the filters together select any check is asked of Playwright itself (scripts/contracts.ts).
 */
import { ConfigError } from './config-error.ts';

export interface Selection {
  projects: string[];
  greps: string[];
  grepInverts: string[];
  shard?: string;
  /** Positional arguments: Playwright's file filters. */
  files: string[];
}

/** Playwright test options that take a value (the rest are flags): what tells a value from a file filter. */
const VALUED = new Set([
  '--browser', '-c', '--config', '-g', '--grep', '--grep-invert', '--global-timeout', '--max-failures', '--output', '--project',
  '--repeat-each', '--reporter', '--retries', '--shard', '--timeout', '--trace', '--tsconfig', '--ui-host', '--ui-port', '-j', '--workers',
]);

export function readSelection(args: readonly string[]): Selection {
  const selection: Selection = { projects: [], greps: [], grepInverts: [], files: [] };
  const take = (name: string, value: string) => {
    if (name === '--project') selection.projects.push(value);
    else if (name === '--grep' || name === '-g') selection.greps.push(value);
    else if (name === '--grep-invert') selection.grepInverts.push(value);
    else if (name === '--shard') selection.shard = value;
  };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    if (arg.startsWith('-') && eq > 0) take(arg.slice(0, eq), arg.slice(eq + 1));
    else if (VALUED.has(arg)) take(arg, args[(i += 1)] ?? '');
    else if (!arg.startsWith('-')) selection.files.push(arg);
  }
  return selection;
}

/** Playwright's project filter: case-insensitive, `*` matches anything. */
export function projectMatches(pattern: string, name: string): boolean {
  const lower = pattern.toLowerCase();
  if (!lower.includes('*')) return lower === name.toLowerCase();
  const regex = new RegExp(`^${lower.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'i');
  return regex.test(name);
}

/** The configuration errors a selection shows without running anything. */
export function selectionProblem(selection: Selection, targetIds: readonly string[]): ConfigError | undefined {
  for (const pattern of selection.projects) {
    if (!targetIds.some((id) => projectMatches(pattern, id))) {
      return new ConfigError('command line', '--project', `"${pattern}" matches no target of this profile (${targetIds.join(', ')})`);
    }
  }
  if (selection.shard !== undefined) {
    const [current, total] = selection.shard.split('/').map(Number);
    if (!/^\d+\/\d+$/.test(selection.shard) || !current || !total || current > total) {
      return new ConfigError('command line', '--shard', `"${selection.shard}" must be i/n with 1 ≤ i ≤ n`);
    }
  }
  return undefined;
}

/** Whether Playwright must be asked which checks the selection holds (anything beyond whole projects may hold none). */
export const filtersChecks = (selection: Selection): boolean =>
  selection.greps.length + selection.grepInverts.length + selection.files.length > 0 || selection.shard !== undefined;

/** The selection in words, for "selects no check": each filter as it was given. */
export function describeSelection(selection: Selection): string {
  return [
    ...selection.projects.map((p) => `--project "${p}"`),
    ...selection.greps.map((g) => `--grep "${g}"`),
    ...selection.grepInverts.map((g) => `--grep-invert "${g}"`),
    ...(selection.shard ? [`--shard "${selection.shard}"`] : []),
    ...selection.files.map((f) => `"${f}"`),
  ].join(' ');
}
