/** The end of a run as the console shows it (npm run contracts, npm run merge-reports): totals, then one line per finding. */
import type { NightMark } from './nights.ts';
import type { Summary } from './summary-reporter.ts';

export function nightLabel(mark: NightMark | undefined): string {
  if (!mark) return '';
  if (mark.state === 'persisting') return `persisting since ${mark.since?.slice(0, 10)}, ${mark.nights} nights`;
  return mark.state;
}

export function totalsLine(summary: Summary): string {
  const { passed, failed, known, skipped, degraded } = summary.totals;
  const extra = [...(known > 0 ? [`${known} known`] : []), ...(degraded > 0 ? [`${degraded} degraded`] : [])];
  return `${summary.targets.length} targets: ${passed} passed, ${failed} failed, ${skipped} skipped${extra.map((e) => `, ${e}`).join('')}`;
}

export function failureLines(summary: Summary): string[] {
  const lines: string[] = [];
  for (const target of summary.targets) {
    for (const check of target.checks) {
      const night = check.night ? ` [${nightLabel(check.night)}]` : '';
      if (check.status === 'failed') {
        const expired = check.knownIssue?.expired ? ` (known issue ${check.knownIssue.ticket} expired after ${check.knownIssue.until})` : '';
        lines.push(`  ✘${night} ${check.reason ?? `${target.target}: ${check.id}`}${expired}`);
      } else if (check.status === 'known') {
        lines.push(`  ~${night} known issue ${check.knownIssue?.ticket} (until ${check.knownIssue?.until}): ${check.reason ?? check.id}`);
      } else if (check.degraded) {
        lines.push(`  ⚠ degraded ${target.target}: ${check.id}: ${check.degraded}`);
      }
    }
  }
  for (const issue of summary.knownIssues.noLongerFailing) {
    lines.push(`  ! known issue ${issue.ticket} (${issue.check} on ${issue.targets}) no longer fails: remove it from the known issues`);
  }
  for (const fixed of summary.nights.fixed) lines.push(`  ✔ fixed since last night: ${fixed.target}: ${fixed.check}`);
  return lines;
}
