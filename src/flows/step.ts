/** A named step of a round trip: its failure line names the step, and its exchanges are its own evidence. */
import type { CheckContext } from '../checks/check.ts';
import { CheckFailure } from '../failure.ts';

export function flowStep<T>(ctx: CheckContext, name: string, body: () => Promise<T>): Promise<T> {
  return ctx.step(name, async () => {
    try {
      return await body();
    } catch (error) {
      if (error instanceof CheckFailure && error.details.step === undefined) throw new CheckFailure({ ...error.details, step: name });
      throw error;
    }
  });
}

/** A value as a failure line shows it: JSON, cut short. */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
