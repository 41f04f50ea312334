/**
 * Where one schema accepts less than another produces, from the consumer's side: for an answer, the project's
 * contract (the acceptor) against the vendor's (the producer) — a vendor-valid answer the suite would refuse breaks
 * us; for a request, the vendor's request schema (the acceptor) against the project's (the producer) — a body the
 * project allows and the vendor refuses breaks us. Each difference names the body's JSON path and both statements.
 */
import { ALL_TYPES, BOUND_KEYWORDS, child, flatten, takingBranch, type BoundKeyword, type FlatSchema, type SchemaNode } from './flatten.ts';

export type Side = 'project' | 'vendor';
export type Severity = 'ERR' | 'WARN' | 'INFO';

export interface SchemaDifference {
  rule: string;
  severity: Severity;
  /** JSON pointer into the body, `*` for any array index, `/` for the body itself. */
  path: string;
  project: string;
  vendor: string;
  /** `<file>#<pointer>` of each side's statement. */
  projectAt: string;
  vendorAt: string;
}

const MAX_DEPTH = 24;
const LOWER_BOUNDS: readonly BoundKeyword[] = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'];
const UPPER_BOUNDS: readonly BoundKeyword[] = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'];

const where = (node: SchemaNode): string => `${node.file}${node.pointer}`;
const list = (values: Iterable<unknown>): string => [...values].map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('|');
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function accepts(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === 'integer' && types.has('number'));
}

class Comparison {
  readonly out: SchemaDifference[] = [];

  constructor(
    private readonly acceptorSide: Side,
    private readonly visited: Set<string>,
    private readonly onStack: Set<string> = new Set(),
  ) {}

  private get producerSide(): Side {
    return this.acceptorSide === 'project' ? 'vendor' : 'project';
  }

  private add(rule: string, severity: Severity, path: string, acceptor: { says: string; at: SchemaNode }, producer: { says: string; at: SchemaNode }): void {
    const bySide = { [this.acceptorSide]: acceptor, [this.producerSide]: producer } as Record<Side, { says: string; at: SchemaNode }>;
    this.out.push({
      rule, severity, path: path || '/',
      project: bySide.project.says, vendor: bySide.vendor.says, projectAt: where(bySide.project.at), vendorAt: where(bySide.vendor.at),
    });
  }

  /** Compares at `path`, unless the same two schemas are already being compared further up (a recursive schema). */
  compare(a: FlatSchema, p: FlatSchema, path: string): void {
    const pair = `${where(a.at)}|${a.alternatives.length}|${where(p.at)}|${p.alternatives.length}`;
    if (this.visited.has(`${pair}|${path}`) || this.onStack.has(pair) || path.split('/').length > MAX_DEPTH) return;
    this.visited.add(`${pair}|${path}`);
    this.onStack.add(pair);
    try {
      this.compareNow(a, p, path);
    } finally {
      this.onStack.delete(pair);
    }
  }

  private compareNow(a: FlatSchema, p: FlatSchema, path: string): void {
    // Every alternative the producer allows must be accepted.
    if (p.alternatives.length > 0) {
      p.alternatives[0]?.forEach((branch) => this.compare(a, takingBranch(p, 0, branch), path));
      return;
    }
    // The acceptor takes a value when one of its alternatives does: the closest branch speaks for it.
    if (a.alternatives.length > 0) {
      const trials = (a.alternatives[0] ?? []).map((branch) => {
        const trial = new Comparison(this.acceptorSide, new Set(this.visited), new Set(this.onStack));
        trial.compare(takingBranch(a, 0, branch), p, path);
        return trial.out;
      });
      const errors = (out: SchemaDifference[]) => out.filter((d) => d.severity === 'ERR').length;
      const best = trials.reduce((x, y) => (errors(y) < errors(x) ? y : x));
      this.out.push(...best);
      return;
    }
    const common = this.compareTypes(a, p, path);
    if (common.size === 0) return;
    this.compareValues(a, p, path, common);
    if (common.has('object')) this.compareObjects(a, p, path);
    if (common.has('array')) this.compareArrays(a, p, path);
  }

  private compareTypes(a: FlatSchema, p: FlatSchema, path: string): Set<string> {
    const acceptorTypes = a.types ?? new Set(ALL_TYPES);
    const producerTypes = p.types ?? new Set(ALL_TYPES);
    const refused = [...producerTypes].filter((t) => !accepts(acceptorTypes, t));
    if (refused.length > 0) {
      this.add('type-wider', 'ERR', path,
        { says: `type ${list(acceptorTypes)}`, at: a.at },
        { says: p.types ? `type ${list(producerTypes)}` : 'any type', at: p.at });
    }
    return new Set([...producerTypes].filter((t) => accepts(acceptorTypes, t)));
  }

  private compareValues(a: FlatSchema, p: FlatSchema, path: string, common: Set<string>): void {
    if (a.enum) {
      if (!p.enum) {
        this.add('enum-wider', 'ERR', path, { says: `one of ${list(a.enum)}`, at: a.at }, { says: `any ${list(common)}`, at: p.at });
      } else {
        const extra = p.enum.filter((v) => !a.enum?.some((w) => sameValue(v, w)));
        if (extra.length > 0) this.add('enum-wider', 'ERR', path, { says: `one of ${list(a.enum)}`, at: a.at }, { says: `also ${list(extra)}`, at: p.at });
      }
    }
    if (a.format && a.format !== p.format && common.has('string') && !p.enum) {
      this.add('format-stricter', 'ERR', path, { says: `format ${a.format}`, at: a.at }, { says: p.format ? `format ${p.format}` : 'no format', at: p.at });
    }
    for (const keyword of BOUND_KEYWORDS) {
      const wanted = a.bounds[keyword];
      if (wanted === undefined || wanted === false) continue;
      const given = p.bounds[keyword];
      const holds = given !== undefined && (LOWER_BOUNDS.includes(keyword)
        ? Number(given) >= Number(wanted)
        : UPPER_BOUNDS.includes(keyword) ? Number(given) <= Number(wanted) : sameValue(given, wanted));
      if (!holds) {
        this.add(`${keyword}-stricter`, 'ERR', path,
          { says: `${keyword} ${JSON.stringify(wanted)}`, at: a.at },
          { says: given === undefined ? `no ${keyword}` : `${keyword} ${JSON.stringify(given)}`, at: p.at });
      }
    }
  }

  private compareObjects(a: FlatSchema, p: FlatSchema, path: string): void {
    for (const name of a.required) {
      if (p.required.has(name)) continue;
      const producerSays = p.properties.has(name) ? `${name} optional` : p.additionalProperties === false ? `${name} not allowed` : `${name} not documented`;
      this.add('required-optional', 'ERR', `${path}/${name}`, { says: `requires ${name}`, at: a.at }, { says: producerSays, at: p.at });
    }
    if (this.acceptorSide === 'project') {
      // The vendor always sends what the project tolerates the absence of: not a break, but a looser declaration's anchor.
      for (const name of p.required) {
        if (!a.required.has(name)) this.add('required-here', 'INFO', `${path}/${name}`, { says: `${name} optional`, at: a.at }, { says: `requires ${name}`, at: p.at });
      }
    }
    for (const [name, acceptorNodes] of a.properties) {
      const producerNodes = p.properties.get(name) ?? (p.additionalProperties ? [p.additionalProperties] : undefined);
      if (producerNodes) this.compare(flatten(acceptorNodes), flatten(producerNodes), `${path}/${name}`);
      else if (p.additionalProperties === undefined && this.acceptorSide === 'project') {
        this.add('property-undocumented', 'INFO', `${path}/${name}`, { says: `checks ${name}`, at: a.at }, { says: `${name} not documented`, at: p.at });
      }
    }
    for (const [name, producerNodes] of p.properties) {
      if (a.properties.has(name)) continue;
      if (a.additionalProperties === false) {
        this.add('additional-properties', 'ERR', `${path}/${name}`, { says: 'no other properties', at: a.at }, { says: `${name} allowed`, at: p.at });
      } else if (a.additionalProperties) {
        this.compare(flatten([a.additionalProperties]), flatten(producerNodes), `${path}/${name}`);
      } else if (this.acceptorSide === 'vendor') {
        this.add('property-undocumented', 'INFO', `${path}/${name}`, { says: `${name} not documented`, at: a.at }, { says: `sends ${name}`, at: p.at });
      }
    }
    if (a.additionalProperties === false && p.additionalProperties !== false) {
      this.add('additional-properties', 'ERR', path, { says: 'no other properties', at: a.at }, { says: 'other properties allowed', at: p.at });
    } else if (a.additionalProperties && p.additionalProperties) {
      this.compare(flatten([a.additionalProperties]), flatten([p.additionalProperties]), `${path}/*`);
    }
  }

  private compareArrays(a: FlatSchema, p: FlatSchema, path: string): void {
    if (a.items.length === 0) return;
    const anything = child(p.at, {}, 'items') as SchemaNode;
    this.compare(flatten(a.items), flatten(p.items.length > 0 ? p.items : [anything]), `${path}/*`);
  }
}

/** What `producer` allows and `acceptor` refuses; `acceptorSide` says which of the two is the project's. */
export function schemaDifferences(acceptor: SchemaNode, producer: SchemaNode, acceptorSide: Side): SchemaDifference[] {
  const comparison = new Comparison(acceptorSide, new Set());
  comparison.compare(flatten([acceptor]), flatten([producer]), '');
  return comparison.out;
}
