/** What each case's answer means, and the table the probe prints. */
import type { Expectation, ProbeCase } from './cases.ts';
import type { Delivered } from './send.ts';

export interface CaseResult {
  probeCase: ProbeCase;
  delivered: Delivered;
  asExpected: boolean;
  got: string;
}

export const EXPECTED_TEXT: Record<Expectation, string> = {
  accept: '2xx (accept)',
  refuse: '4xx (refuse)',
  duplicate: '2xx or 4xx',
};

function fits(expected: Expectation, status: number): boolean {
  const family = Math.floor(status / 100);
  if (expected === 'accept') return family === 2;
  if (expected === 'refuse') return family === 4;
  return family === 2 || family === 4;
}

export function judgeCase(probeCase: ProbeCase, delivered: Delivered): CaseResult {
  if ('failure' in delivered) return { probeCase, delivered, asExpected: false, got: `${delivered.failure.kind}: ${delivered.failure.message}` };
  const { status } = delivered;
  // A redirect is never followed: a partner counts it as a failed delivery (Spotnana: only 200 counts as delivered).
  const got = status >= 300 && status < 400 ? `${status} redirect (not followed${delivered.location ? ` to ${redactedLocation(delivered.location)}` : ''})` : String(status);
  return { probeCase, delivered, asExpected: fits(probeCase.expected, status), got };
}

/** A Location's origin and path only: its query could carry a token. */
function redactedLocation(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}

export function renderTable(results: readonly CaseResult[]): string {
  const rows = results.map((r) => [r.probeCase.title, EXPECTED_TEXT[r.probeCase.expected], r.got, r.asExpected ? 'ok' : 'NOT AS EXPECTED']);
  const header = ['case', 'expected', 'got', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
