/** A drift report as a terminal table and as Markdown for a job summary. */
import { isAbsolute, relative } from 'node:path';
import { escapeMarkdown } from '../../report/markdown.ts';
import type { DriftReport } from './drift.ts';
import type { DriftFinding } from './findings.ts';

/** A folder path as seen from where the command ran; a URL as it is. */
const shownSource = (source: string): string => (isAbsolute(source) ? relative(process.cwd(), source) || source : source);
const where = (f: DriftFinding): string => [f.direction === 'operation' ? '' : f.direction, f.status ?? '', f.path].filter(Boolean).join(' ');
const statement = (f: DriftFinding): string => `project: ${f.project} · vendor: ${f.vendor}`;

export function verdictLine(report: DriftReport): string {
  const { ERR, WARN, INFO } = report.counts;
  return `drift: ${ERR} ERR, ${WARN} WARN, ${INFO} INFO across ${report.documents.length} vendor document(s)`;
}

function pad(cells: string[][]): string[] {
  const widths = cells[0]?.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length))) ?? [];
  return cells.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ').trimEnd());
}

/** ERR and WARN findings one per row (INFO too with `all`); each declared reason once, numbered, under the table. */
export function renderTable(report: DriftReport, options: { all?: boolean } = {}): string {
  const shown = report.findings.filter((f) => options.all || f.severity !== 'INFO');
  const reasons: string[] = [];
  const reasonNumber = (f: DriftFinding): string => {
    if (!f.declared) return '';
    const text = `${f.declared.kind}: ${f.declared.reason}`;
    if (!reasons.includes(text)) reasons.push(text);
    return ` [${reasons.indexOf(text) + 1}]`;
  };
  const lines: string[] = [];
  for (const d of report.documents) lines.push(`vendor document: ${d.provider} ${d.file} (OpenAPI ${d.openapi}, version ${d.version || '?'}) from ${shownSource(d.source)}`);
  lines.push('');
  if (shown.length > 0) {
    const rows = [['severity', 'provider', 'endpoint', 'where', 'rule', 'project vs vendor']];
    for (const f of shown) rows.push([`${f.severity}${f.new ? ' new' : ''}`, f.provider, f.endpoint || '-', where(f), f.rule, `${statement(f)}${reasonNumber(f)}`]);
    lines.push(...pad(rows), '');
  }
  if (reasons.length > 0) lines.push('declared divergences (schemas/vendor-divergences.json):', ...reasons.map((r, i) => `  [${i + 1}] ${r}`), '');
  const hidden = report.findings.length - shown.length;
  if (hidden > 0) lines.push(`${hidden} INFO finding(s) not shown (--all shows them; drift.json has every finding)`);
  lines.push(verdictLine(report));
  return lines.join('\n');
}

function markdownRow(f: DriftFinding): string {
  const marker = f.new ? '🆕 ' : '';
  const reason = f.declared ? `<br>declared ${f.declared.kind}: ${escapeMarkdown(f.declared.reason)}` : '';
  return `| ${marker}${f.severity} | ${escapeMarkdown(f.provider)} | ${escapeMarkdown(f.operation)} | ${escapeMarkdown(where(f))} | ${escapeMarkdown(f.rule)} | ${escapeMarkdown(f.project)} | ${escapeMarkdown(f.vendor)}${reason} |`;
}

export function renderMarkdown(report: DriftReport, options: { title?: string; maxRows?: number } = {}): string {
  const { ERR, WARN, INFO } = report.counts;
  const maxRows = options.maxRows ?? 200;
  const verdict = ERR > 0 ? `❌ ${ERR} ERR` : '✅ no ERR';
  const fresh = report.findings.filter((f) => f.new).length;
  const lines = [
    `### ${escapeMarkdown(options.title ?? 'Vendor contract drift')} — ${verdict} · ${WARN} WARN (declared) · ${INFO} INFO${fresh > 0 ? ` · 🆕 ${fresh} new since the last run` : ''}`,
    '',
    ...report.documents.map((d) => `- ${escapeMarkdown(d.provider)}: \`${d.file}\` (OpenAPI ${escapeMarkdown(d.openapi)}, version ${escapeMarkdown(d.version || '?')}) from ${escapeMarkdown(shownSource(d.source))}`),
    '',
  ];
  const important = report.findings.filter((f) => f.severity !== 'INFO');
  if (important.length > 0) {
    lines.push('| severity | provider | operation | where | rule | project | vendor |', '| :-- | :-- | :-- | :-- | :-- | :-- | :-- |');
    lines.push(...important.slice(0, maxRows).map(markdownRow));
    if (important.length > maxRows) lines.push('', `… and ${important.length - maxRows} more (see drift.json)`);
    lines.push('');
  }
  const info = report.findings.filter((f) => f.severity === 'INFO');
  if (info.length > 0) {
    lines.push(`<details><summary>${info.length} INFO finding(s)</summary>`, '', '| severity | provider | operation | where | rule | project | vendor |', '| :-- | :-- | :-- | :-- | :-- | :-- | :-- |');
    lines.push(...info.slice(0, maxRows).map(markdownRow));
    lines.push('', '</details>', '');
  }
  lines.push('ERR: a vendor-valid answer would fail the suite, or a request the suite builds breaks the vendor\'s schema. WARN: a declared divergence (schemas/vendor-divergences.json). INFO: everything else.');
  return `${lines.join('\n')}\n`;
}
