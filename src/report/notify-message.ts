/**
 * The message `npm run notify` posts, from one reading of the night (summary.json): only when the night changed —
 * green to red, red to green, or a failure that is new — and short: the verdict, each failure's one-line reason and
 * target (new ones first), the report link. Slack-compatible (`text` in mrkdwn); the reasons are already redacted.
 */
import { nightLabel } from './run-lines.ts';
import type { Summary } from './summary-reporter.ts';

/** Failures listed in a message; the rest are counted. */
const MAX_LISTED = 10;

export interface NotifyOptions {
  title: string;
  reportUrl?: string;
}

export interface Change {
  /** Why tonight is worth a message, in words; undefined: nothing changed, nothing is posted. */
  why?: string;
}

export function nightChange(summary: Summary): Change {
  const tonight = summary.verdict;
  const lastNight = summary.nights?.lastNight?.verdict;
  const fresh = summary.targets.flatMap((t) => t.checks.filter((c) => c.status === 'failed' && c.night?.state === 'new')).length;
  if (lastNight && lastNight !== tonight) return { why: `${lastNight} to ${tonight}` };
  if (fresh > 0) return { why: `${fresh} new failure${fresh > 1 ? 's' : ''}` };
  return {};
}

export function notifyMessage(summary: Summary, options: NotifyOptions): { text: string } {
  const failures = summary.targets
    .flatMap((t) => t.checks.filter((c) => c.status === 'failed').map((c) => ({ target: t.target, check: c })))
    .sort((a, b) => Number(b.check.night?.state === 'new') - Number(a.check.night?.state === 'new'));
  const icon = summary.verdict === 'red' ? ':red_circle:' : ':large_green_circle:';
  const was = summary.nights?.lastNight ? ` (last night: ${summary.nights.lastNight.verdict})` : '';
  const lines = [`${icon} *${options.title}*: ${summary.verdict}${was} — ${summary.totals.failed} failed, ${summary.totals.known} known, ${summary.totals.passed} passed`];
  for (const { target, check } of failures.slice(0, MAX_LISTED)) {
    lines.push(`• [${nightLabel(check.night) || 'failed'}] ${target}: ${check.reason ?? check.id}`);
  }
  if (failures.length > MAX_LISTED) lines.push(`• … and ${failures.length - MAX_LISTED} more`);
  const fixed = summary.nights?.fixed ?? [];
  if (fixed.length > 0) lines.push(`Fixed since last night: ${fixed.map((f) => `${f.target} ${f.check}`).join(', ')}`);
  if (options.reportUrl) lines.push(`Report: ${options.reportUrl}`);
  return { text: lines.join('\n') };
}
