/**
 * `npm run summary:markdown -- [--title T] [--report-url URL] [summary.json]`: reports/summary.json as markdown —
 * a table of targets × the check families (passed/failed counts), then the failures with their one-line reason and how
 * they read against last night, the known issues (and those expired or gone), degraded checks, and latency per target.
 * Appends to $GITHUB_STEP_SUMMARY when that is set (the job summary of a GitHub Actions step), else prints to stdout.
 * Default input: $CONTRACT_REPORTS_DIR/summary.json (reports/summary.json).
 */
import { appendFileSync, existsSync, readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FAMILIES } from '../src/checks/check.ts';
import { escapeMarkdown } from '../src/report/markdown.ts';
import { nightLabel } from '../src/report/run-lines.ts';
import type { Summary, SummaryCheck } from '../src/report/summary-reporter.ts';

export { escapeMarkdown };

export interface MarkdownOptions {
  title?: string;
  /** Link to the full (Allure) report, shown under the table. */
  reportUrl?: string;
  /** At most this many failures are listed (a job summary holds 1 MiB); the rest are counted. */
  maxFailures?: number;
}

function count(checks: readonly SummaryCheck[], status: SummaryCheck['status']): number {
  return checks.filter((c) => c.status === status).length;
}

/**
 * One cell: `✅ 5` all passed, `❌ 1/5` one of five failed, `⏭ 2` all skipped, `—` no check of that family; a known
 * issue adds `🔖 1`, a degraded check `🐢 1`.
 */
export function cell(checks: readonly SummaryCheck[]): string {
  if (checks.length === 0) return '—';
  const failed = count(checks, 'failed');
  const skipped = count(checks, 'skipped');
  const passed = count(checks, 'passed');
  const known = count(checks, 'known');
  const degraded = checks.filter((c) => c.degraded !== undefined).length;
  const notes = `${known > 0 ? ` 🔖 ${known}` : ''}${degraded > 0 ? ` 🐢 ${degraded}` : ''}${skipped > 0 ? ` ⏭ ${skipped}` : ''}`;
  if (failed > 0) return `❌ ${failed}/${checks.length}${notes}`;
  if (passed > 0) return `✅ ${passed}${notes}`;
  if (known > 0) return notes.trim();
  return `⏭ ${skipped}`;
}

/** A ticket as a link when it is a URL. */
const ticketLink = (ticket: string): string => (/^https?:\/\//.test(ticket) ? `[${escapeMarkdown(ticket.replace(/^https?:\/\//, ''))}](${ticket})` : escapeMarkdown(ticket));

export function renderMarkdown(summary: Summary, options: MarkdownOptions = {}): string {
  const title = options.title ?? 'Partner API contracts';
  const maxFailures = options.maxFailures ?? 50;
  const checks = summary.targets.flatMap((t) => t.checks);
  const failed = count(checks, 'failed');
  const passed = count(checks, 'passed');
  const skipped = count(checks, 'skipped');
  const known = count(checks, 'known');
  const knownNote = known > 0 ? ` (${known} known issue${known > 1 ? 's' : ''})` : '';
  const verdict = failed > 0 ? `❌ ${failed} of ${checks.length} checks failed` : checks.length > 0 ? `✅ all ${passed} checks passed${knownNote}` : '⚠️ no check ran';
  // The families that ran, in the suite's order (host, redirect, auth, token, schema), then any other.
  const ran = new Set(checks.map((c) => c.family));
  const families = [...FAMILIES.filter((f) => ran.has(f)), ...[...ran].filter((f) => !(FAMILIES as readonly string[]).includes(f)).sort()];

  const lines: string[] = [`### ${escapeMarkdown(title)} — ${verdict}`, ''];
  const degraded = checks.filter((c) => c.degraded !== undefined).length;
  lines.push(`${summary.targets.length} targets · ${passed} passed · ${failed} failed · ${known} known · ${degraded} degraded · ${skipped} skipped`, '');
  lines.push(`| target | ${families.join(' | ')} |`, `| :-- | ${families.map(() => ':-:').join(' | ')} |`);
  for (const target of summary.targets) {
    const row = families.map((family) => cell(target.checks.filter((c) => c.family === family)));
    lines.push(`| \`${target.target}\` | ${row.join(' | ')} |`);
  }
  lines.push('', '✅ passed · ❌ failed/checks of that family · 🔖 known issue · 🐢 degraded (slower than the budget) · ⏭ skipped · — none');
  if (options.reportUrl) lines.push('', `Full report: [Allure report](${options.reportUrl})`);

  // Stable order (targets as listed, then check id): the same markdown from one run or from merged shards.
  const failures = summary.targets.flatMap((t) => t.checks.filter((c) => c.status === 'failed').sort((a, b) => a.id.localeCompare(b.id)).map((c) => ({ target: t.target, check: c })));
  if (failures.length > 0) {
    lines.push('', `#### Failures (${failures.length})`, '');
    for (const { target, check } of failures.slice(0, maxFailures)) {
      const reason = check.reason ?? 'failed without a message';
      const night = check.night ? ` · **${nightLabel(check.night)}**` : '';
      const expired = check.knownIssue?.expired ? ` (known issue ${ticketLink(check.knownIssue.ticket)} expired after ${check.knownIssue.until})` : '';
      lines.push(`- \`${target}\` · ${check.family} · \`${check.id}\`${night} — ${escapeMarkdown(reason)}${expired}`);
    }
    if (failures.length > maxFailures) lines.push(`- … and ${failures.length - maxFailures} more: see the full report`);
  }
  lines.push(...sinceLastNight(summary), ...knownIssues(summary, maxFailures), ...degradedChecks(summary, maxFailures), ...latency(summary));
  const skips = summary.targets.flatMap((t) => t.checks.filter((c) => c.status === 'skipped').sort((a, b) => a.id.localeCompare(b.id)).map((c) => ({ target: t.target, check: c })));
  if (skips.length > 0) {
    lines.push('', `<details><summary>Skipped (${skips.length})</summary>`, '');
    for (const { target, check } of skips.slice(0, maxFailures)) {
      lines.push(`- \`${target}\` · \`${check.id}\` — ${escapeMarkdown(check.reason ?? 'no reason given')}`);
    }
    if (skips.length > maxFailures) lines.push(`- … and ${skips.length - maxFailures} more`);
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}

function sinceLastNight(summary: Summary): string[] {
  const { nights } = summary;
  if (!nights || nights.compared === 0) return ['', '_No earlier night in the report history: nothing to compare with._'];
  const lines = ['', '#### Since last night', '', `Compared with ${nights.compared} earlier night(s); last night was ${nights.lastNight?.verdict === 'red' ? '❌ red' : '✅ green'}.`];
  const marks = summary.targets.flatMap((t) => t.checks.filter((c) => c.night).map((c) => c.night?.state));
  lines.push(`Failures: ${marks.filter((m) => m === 'new').length} new · ${marks.filter((m) => m === 'persisting').length} persisting · ${marks.filter((m) => m === 'flapping').length} flapping.`);
  if (nights.fixed.length > 0) {
    lines.push('', `Fixed since last night (${nights.fixed.length}):`, '');
    for (const fixed of nights.fixed) lines.push(`- \`${fixed.target}\` · \`${fixed.check}\``);
  }
  return lines;
}

function knownIssues(summary: Summary, max: number): string[] {
  const known = summary.targets.flatMap((t) => t.checks.filter((c) => c.status === 'known').map((c) => ({ target: t.target, check: c })));
  const gone = summary.knownIssues?.noLongerFailing ?? [];
  if (known.length === 0 && gone.length === 0) return [];
  const lines = ['', `#### Known issues (${known.length})`, ''];
  for (const { target, check } of known.slice(0, max)) {
    lines.push(`- \`${target}\` · \`${check.id}\` — ${ticketLink(check.knownIssue?.ticket ?? '')}, until ${check.knownIssue?.until}: ${escapeMarkdown(check.knownIssue?.reason ?? '')}`);
  }
  for (const issue of gone) lines.push(`- ✔ no longer fails, remove it: \`${issue.check}\` on \`${issue.targets}\` (${ticketLink(issue.ticket)})`);
  return lines;
}

function degradedChecks(summary: Summary, max: number): string[] {
  const slow = summary.targets.flatMap((t) => t.checks.filter((c) => c.degraded).map((c) => ({ target: t.target, check: c })));
  if (slow.length === 0) return [];
  const lines = ['', `#### Degraded (${slow.length}): passed, slower than the latency budget`, ''];
  for (const { target, check } of slow.slice(0, max)) lines.push(`- \`${target}\` · \`${check.id}\` — ${escapeMarkdown(check.degraded ?? '')}`);
  if (slow.length > max) lines.push(`- … and ${slow.length - max} more`);
  return lines;
}

function latency(summary: Summary): string[] {
  const rows = summary.targets.filter((t) => t.latency);
  if (rows.length === 0) return [];
  const lines = ['', '<details><summary>Latency per target (ms)</summary>', '', '| target | exchanges | p50 | p95 | max |', '| :-- | --: | --: | --: | --: |'];
  for (const t of rows) lines.push(`| \`${t.target}\` | ${t.latency?.exchanges} | ${t.latency?.p50} | ${t.latency?.p95} | ${t.latency?.max} |`);
  lines.push('', '</details>');
  return lines;
}

/** Where a run that produced no summary.json is reported: it stopped before the suite (configuration error, crash). */
export function renderMissing(file: string, options: MarkdownOptions = {}): string {
  const title = options.title ?? 'Partner API contracts';
  return `### ${escapeMarkdown(title)} — ⚠️ no summary\n\nNo \`${escapeMarkdown(file)}\`: the run stopped before the suite reported (a configuration error exits 2 — see the job log).\n`;
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      'report-url': { type: 'string' },
    },
  });
  const file = resolve(positionals[0] ?? resolve(process.env.CONTRACT_REPORTS_DIR ?? 'reports', 'summary.json'));
  const options: MarkdownOptions = {};
  if (values.title) options.title = values.title;
  if (values['report-url']) options.reportUrl = values['report-url'];
  const markdown = existsSync(file) ? renderMarkdown(JSON.parse(readFileSync(file, 'utf8')) as Summary, options) : renderMissing(positionals[0] ?? 'reports/summary.json', options);
  const target = process.env.GITHUB_STEP_SUMMARY;
  if (target) {
    appendFileSync(target, `${markdown}\n`);
    console.log(`job summary written to ${target}`);
  } else {
    process.stdout.write(markdown);
  }
}

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(import.meta.filename)) main();
