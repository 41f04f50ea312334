/** Registers a family's checks for one target as Playwright tests, from that target's generated spec (src/target-specs.ts). */
import * as allure from 'allure-js-commons';
import type { Category } from './categories.ts';
import type { Family } from './checks/check.ts';
import { checksFor } from './checks/index.ts';
import { findTargetProfile } from './config/profile.ts';
import { CheckFailure } from './failure.ts';
import { runProfile, test } from './fixtures.ts';
import { GuardRefusal } from './http/request-guard.ts';
import { checkAnnotations } from './report/labels.ts';

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
          if (category) await allure.label('failure-category', category);
          // The exchange that failed is evidence even when an earlier test made it (a cached login, a discovery).
          const failing = error instanceof CheckFailure ? error.details.exchange : undefined;
          if (failing && !exchanges.includes(failing)) exchanges.push(failing);
          throw error;
        }
      });
    }
  });
}
