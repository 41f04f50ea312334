/** Registers a family's checks for one target as Playwright tests, from that target's generated spec (src/target-specs.ts). */
import * as allure from 'allure-js-commons';
import type { Category } from './categories.ts';
import type { Family } from './checks/check.ts';
import { checksFor } from './checks/index.ts';
import { findTargetProfile } from './config/profile.ts';
import { CheckFailure } from './failure.ts';
import { PROJECT_ROOT, runProfile, test } from './fixtures.ts';
import { GuardRefusal } from './http/request-guard.ts';
import { failureLine } from './report/failure-line.ts';
import { knownIssuesFile, loadKnownIssues, matchKnownIssue, type KnownIssue } from './report/known-issues.ts';
import { checkAnnotations } from './report/labels.ts';

let knownIssues: KnownIssue[] | undefined;

/** A failure that matches a known issue is labelled so: Allure files it under "Known issue", with the ticket linked. */
async function labelKnownIssue(checkId: string, targetId: string, category: Category, error: unknown): Promise<void> {
  knownIssues ??= loadKnownIssues(knownIssuesFile(PROJECT_ROOT), PROJECT_ROOT);
  const reason = failureLine(error instanceof Error ? error.message : String(error));
  const known = matchKnownIssue(knownIssues, { check: checkId, target: targetId, category, reason }, new Date());
  if (!known) return;
  await allure.issue(known.issue.ticket, known.expired ? `known issue, expired after ${known.issue.until}` : `known issue until ${known.issue.until}`);
  if (!known.expired) await allure.label('known-issue', known.issue.ticket);
}

function categoryOf(error: unknown): Category | undefined {
  if (error instanceof CheckFailure) return error.category;
  if (error instanceof GuardRefusal) return error.category;
  return undefined;
}

export const targetTag = (targetId: string): string => `@${targetId}`;

export function registerFamily(family: Family, targetId: string): void {
  const loaded = runProfile();
  const tp = findTargetProfile(loaded, targetId);
  test.describe(tp.target.id, { tag: targetTag(tp.target.id) }, () => {
    for (const check of checksFor(family, tp, loaded)) {
      const tag = [...new Set([`@${family}`, ...(check.preflight ? ['@preflight'] : [])])];
      const annotation = [
        { type: 'check', description: check.id },
        ...(check.preflight ? [{ type: 'preflight', description: check.preflight }] : []),
        ...checkAnnotations(check, tp),
      ];
      test(check.title, { tag, annotation }, async ({ checkContext, exchanges }) => {
        try {
          await check.run(checkContext);
        } catch (error) {
          // The category is decided by the suite and carried as a label, never guessed from the message.
          const category = categoryOf(error);
          if (category) {
            await allure.label('failure-category', category);
            await labelKnownIssue(check.id, tp.target.id, category, error);
          }
          // The exchange that failed is evidence even when an earlier test made it (a cached login, a discovery).
          const failing = error instanceof CheckFailure ? error.details.exchange : undefined;
          if (failing && !exchanges.includes(failing)) exchanges.push(failing);
          throw error;
        }
      });
    }
  });
}
