/**
 * How many worker processes Playwright runs, and how many of them check a target at once (the lanes). One process
 * per lane waits ahead, booted, so a lane's next target starts when the previous one's worker exits, not a boot later.
 * `--workers` (or `-j`) on Playwright's command line means Playwright's own behaviour: that many, each at once.
 */
export interface WorkerPlan {
  /** Playwright's `workers`. */
  processes: number;
  /** Targets checked at once; undefined when every process runs at once (no coordinator). */
  lanes: number | undefined;
}

export function workersOnCommandLine(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '-j' || arg === '--workers' || arg.startsWith('-j=') || arg.startsWith('--workers='));
}

export function planWorkers(options: { lanes: number; targets: number; argv: readonly string[] }): WorkerPlan {
  const { lanes, targets, argv } = options;
  if (workersOnCommandLine(argv) || targets <= lanes) return { processes: lanes, lanes: undefined };
  return { processes: Math.min(targets, 2 * lanes), lanes };
}
