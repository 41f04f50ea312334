/**
 * Known issues (known-issues.json, or CONTRACT_KNOWN_ISSUES): a failure reported to a partner and waiting, matched by
 * check, target pattern, category and a message pattern, until a date. A matching failure is `known`; past its date it
 * is red again; an issue whose check now passes is listed so it can be removed.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { isCategory } from '../categories.ts';
import { ConfigError } from '../config/config-error.ts';
import { projectMatches } from '../config/selection.ts';
import { ajvLibraries } from '../contracts/schema-compiler.ts';

export interface KnownIssue {
  check: string;
  targets: string;
  category: string;
  message: string;
  ticket: string;
  reason: string;
  until: string;
}

export interface KnownMatch {
  issue: KnownIssue;
  /** Today is past `until`: the failure counts as red again. */
  expired: boolean;
}

export interface FailureToMatch {
  check: string;
  target: string;
  category?: string;
  reason?: string;
}

export function knownIssuesFile(root: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(root, env.CONTRACT_KNOWN_ISSUES ?? 'known-issues.json');
}

/** The file's issues; a file that is not valid is one configuration line naming the file and the key. */
export function loadKnownIssues(file: string, root: string): KnownIssue[] {
  const label = relative(root, file).startsWith('..') ? file : relative(root, file);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConfigError(label, '(file)', `is not JSON: ${(error as Error).message}`);
  }
  const { Ajv2020, addFormats } = ajvLibraries();
  const ajv = new Ajv2020({ allErrors: false, strict: true });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(resolve(import.meta.dirname, 'known-issues.schema.json'), 'utf8')) as object);
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new ConfigError(label, first?.instancePath || '(root)', first?.message ?? 'is not a known-issues file');
  }
  const issues = (data as { issues: KnownIssue[] }).issues;
  for (const [index, issue] of issues.entries()) {
    if (!isCategory(issue.category)) throw new ConfigError(label, `/issues/${index}/category`, `"${issue.category}" is not a failure category`);
    try {
      new RegExp(issue.message);
    } catch (error) {
      throw new ConfigError(label, `/issues/${index}/message`, `is not a regular expression: ${(error as Error).message}`);
    }
  }
  return issues;
}

const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

export function matchKnownIssue(issues: readonly KnownIssue[], failure: FailureToMatch, now: Date): KnownMatch | undefined {
  const issue = issues.find((i) => i.check === failure.check && projectMatches(i.targets, failure.target)
    && i.category === failure.category && new RegExp(i.message).test(failure.reason ?? ''));
  return issue ? { issue, expired: utcDay(now) > issue.until } : undefined;
}

/** Issues whose check ran on a matching target and passed there: the failure is gone, the entry can go. */
export function issuesNoLongerFailing(issues: readonly KnownIssue[], results: readonly { check: string; target: string; status: string }[]): KnownIssue[] {
  return issues.filter((issue) => {
    const runs = results.filter((r) => r.check === issue.check && projectMatches(issue.targets, r.target));
    return runs.length > 0 && runs.every((r) => r.status === 'passed');
  });
}
