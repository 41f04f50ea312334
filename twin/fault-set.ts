import { TARGETS } from '../src/providers/catalogue.ts';
import { KNOWN_FAULT_NAMES } from './faults/names.ts';
import type { TwinFaults } from './types.ts';

/** A fault spec names a fault that is in neither catalogue (twin/faults/catalogue.ts, network.ts), or a target that does not exist. */
export class UnknownFaultError extends Error {
  override readonly name = 'UnknownFaultError';

  constructor(message: string) {
    super(message);
    // A mistake in TWIN_FAULTS, not in the code: the message is the whole story, no stack frames.
    this.stack = `${this.name}: ${message}`;
  }
}

/**
 * Active faults, as given by `TWIN_FAULTS=name[@target],…`: a bare name applies to every target,
 * `name@spotdraft-eu-prod` to one target only.
 */
export class FaultSet implements TwinFaults {
  private readonly entries: { name: string; target?: string }[];

  constructor(spec: string | readonly string[] = []) {
    const items = typeof spec === 'string' ? spec.split(',') : spec;
    this.entries = items
      .map((item) => item.trim())
      .filter(Boolean)
      .map((item) => {
        const [name = '', target] = item.split('@');
        return target ? { name, target } : { name };
      });
  }

  /** Like the constructor, but refuses names missing from the catalogue and unknown targets (a typo would pass silently). */
  static validated(spec: string | readonly string[] = []): FaultSet {
    const set = new FaultSet(spec);
    for (const entry of set.entries) {
      if (!KNOWN_FAULT_NAMES.has(entry.name)) {
        throw new UnknownFaultError(`unknown twin fault "${entry.name}" (see twin/faults/catalogue.ts and twin/faults/network.ts; known: ${[...KNOWN_FAULT_NAMES].join(', ')})`);
      }
      if (entry.target !== undefined && !TARGETS.some((t) => t.id === entry.target)) {
        throw new UnknownFaultError(`twin fault "${entry.name}@${entry.target}" names an unknown target (known: ${TARGETS.map((t) => t.id).join(', ')})`);
      }
    }
    return set;
  }

  active(name: string, targetId?: string): boolean {
    return this.entries.some((e) => e.name === name && (e.target === undefined || e.target === targetId));
  }

  names(): string[] {
    return this.entries.map((e) => (e.target ? `${e.name}@${e.target}` : e.name));
  }
}
