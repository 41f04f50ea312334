/** A test's deliberately failing authentication attempts: one annotation per attempt, on the test that made it. */

export const NEGATIVE_AUTH_ANNOTATION = 'negative auth attempt';

export function negativeAuthAttemptsOf(result: { annotations: readonly { type: string }[] }): number {
  return result.annotations.filter((a) => a.type === NEGATIVE_AUTH_ANNOTATION).length;
}

/** The line `npm run contracts` prints after its totals: each target's attempts, and the limit they were held to. */
export function negativeAuthLine(targets: readonly { target: string; negativeAuthAttempts?: number }[], limit: number, enforced: boolean): string | undefined {
  if (targets.length === 0) return undefined;
  const counts = targets.map((t) => `${t.target} ${t.negativeAuthAttempts ?? 0}`).join(', ');
  return `deliberately failing auth attempts: ${counts} (${enforced ? `prod limit ${limit} per target` : `counted; the limit of ${limit} per target applies to prod in live mode`})`;
}
