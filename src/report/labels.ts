/**
 * Allure labels for a check, as static test annotations (`allure.label.<name>`): allure-playwright reads them in the
 * reporter, so they cost the worker nothing (each runtime `allure.*` call is an attachment with a captured stack).
 * epic = provider, feature = family, story = rule; nothing here ever holds a secret.
 */
import type { Check } from '../checks/check.ts';
import type { TargetProfile } from '../config/profile.ts';

export interface Annotation {
  type: string;
  description: string;
}

const label = (name: string, value: string): Annotation => ({ type: `allure.label.${name}`, description: value });

export function checkAnnotations(check: Check, tp: TargetProfile): Annotation[] {
  const { target } = tp;
  const docs = check.docs(target.provider);
  return [
    label('epic', target.provider.name),
    label('feature', check.family),
    label('story', check.title),
    label('severity', check.severity),
    // Playwright's own tags (@<family>, @<target>) already arrive as Allure tags.
    ...[target.provider.id, target.environment].map((tag) => label('tag', tag)),
    label('check', check.id),
    label('target', target.id),
    label('provider', target.provider.id),
    label('region', target.region),
    label('environment', target.environment),
    label('api-host', new URL(tp.baseUrl).host),
    { type: 'description', description: `Documented rule: [${docs.title}](${docs.url})` },
  ];
}
