import type { TwinFaults } from './types.ts';

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

  active(name: string, targetId?: string): boolean {
    return this.entries.some((e) => e.name === name && (e.target === undefined || e.target === targetId));
  }

  names(): string[] {
    return this.entries.map((e) => (e.target ? `${e.name}@${e.target}` : e.name));
  }
}
