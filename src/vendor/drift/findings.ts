/** A drift finding: one place where the project's contract and a vendor document disagree, with a stable fingerprint. */
import { createHash } from 'node:crypto';
import { divergenceMatches, type Divergence, type DivergenceKind } from '../divergences.ts';
import type { Direction } from '../schema-views.ts';
import type { SchemaDifference, Severity } from './compare.ts';

export type FindingDirection = Direction | 'operation';

export interface DriftFinding {
  severity: Severity;
  provider: string;
  /** The suite's endpoint id (`contracts.list`); empty for a finding about the declarations themselves. */
  endpoint: string;
  /** `METHOD /full/path` as the vendor document has it (the suite's own path when the vendor has none). */
  operation: string;
  direction: FindingDirection;
  status?: string;
  /** JSON pointer into the body (`*` for any array index), `/` for the body or the operation itself. */
  path: string;
  rule: string;
  project: string;
  vendor: string;
  projectAt?: string;
  vendorAt?: string;
  declared?: { kind: DivergenceKind; reason: string };
  /** Stable across runs and documents: provider, operation, direction, status, path and rule. */
  fingerprint: string;
  /** Set when a previous report was given and it had no finding with this fingerprint. */
  new?: boolean;
}

export type FindingFields = Omit<DriftFinding, 'fingerprint' | 'declared' | 'new'>;

export function fingerprintOf(f: Pick<DriftFinding, 'provider' | 'operation' | 'direction' | 'status' | 'path' | 'rule'>): string {
  return createHash('sha256').update([f.provider, f.operation, f.direction, f.status ?? '', f.path, f.rule].join('|')).digest('hex').slice(0, 16);
}

export function finding(fields: FindingFields): DriftFinding {
  return { ...fields, fingerprint: fingerprintOf(fields) };
}

export function fromDifference(context: Pick<FindingFields, 'provider' | 'endpoint' | 'operation' | 'direction' | 'status'>, difference: SchemaDifference): DriftFinding {
  const { rule, severity, path, project, vendor, projectAt, vendorAt } = difference;
  return finding({ ...context, rule, severity, path, project, vendor, projectAt, vendorAt });
}

/** Findings a declared divergence covers become WARN with its reason; declared divergences nothing matched are reported. */
export function applyDivergences(findings: readonly DriftFinding[], divergences: readonly Divergence[], providers: readonly string[]): DriftFinding[] {
  const used = new Set<Divergence>();
  const judged = findings.map((f) => {
    const { direction } = f;
    if (direction === 'operation') return f;
    const declared = divergences.find((d) => divergenceMatches(d, { ...f, direction, ...(f.status ? { status: f.status } : {}) }));
    if (!declared) return f;
    used.add(declared);
    return { ...f, severity: 'WARN' as const, declared: { kind: declared.kind, reason: declared.reason } };
  });
  // A deliberate divergence is a request the suite sends on purpose: the conformance test sees it, drift cannot.
  const stale = divergences.filter((d) => !used.has(d) && d.kind !== 'deliberate' && providers.includes(d.provider));
  return [
    ...judged,
    ...stale.map((d) => finding({
      severity: 'WARN', provider: d.provider, endpoint: '', operation: d.operation, direction: d.direction, ...(d.status ? { status: d.status } : {}),
      path: d.path, rule: 'declared-divergence-unused', project: `declares: ${d.reason}`, vendor: 'nothing differs here any more: remove the declaration',
      vendorAt: d.vendor,
    })),
  ];
}

const SEVERITY_ORDER: Record<Severity, number> = { ERR: 0, WARN: 1, INFO: 2 };

export function byImportance(providerOrder: readonly string[]) {
  return (a: DriftFinding, b: DriftFinding): number =>
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || providerOrder.indexOf(a.provider) - providerOrder.indexOf(b.provider)
    || a.operation.localeCompare(b.operation)
    || a.direction.localeCompare(b.direction)
    || (a.status ?? '').localeCompare(b.status ?? '')
    || a.path.localeCompare(b.path)
    || a.rule.localeCompare(b.rule);
}

/** Marks findings whose fingerprint the previous report did not have. */
export function markNew(findings: readonly DriftFinding[], previous: ReadonlySet<string>): DriftFinding[] {
  return findings.map((f) => (previous.has(f.fingerprint) ? f : { ...f, new: true }));
}
