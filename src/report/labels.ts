/** Allure labels for a check: epic = provider, feature = family, story = rule; parameters never hold a secret. */
import * as allure from 'allure-js-commons';
import type { Check } from '../checks/check.ts';
import type { TargetProfile } from '../config/profile.ts';

export async function labelCheck(check: Check, tp: TargetProfile): Promise<void> {
  const { target } = tp;
  const docs = check.docs(target.provider);
  await allure.epic(target.provider.name);
  await allure.feature(check.family);
  await allure.story(check.title);
  await allure.severity(check.severity);
  await allure.tags(check.family, target.provider.id, target.environment);
  await allure.label('check', check.id);
  await allure.label('target', target.id);
  await allure.parameter('provider', target.provider.id);
  await allure.parameter('region', target.region);
  await allure.parameter('environment', target.environment);
  await allure.parameter('host', new URL(tp.baseUrl).host);
  await allure.link(docs.url, docs.title);
}
