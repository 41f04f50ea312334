/**
 * One Playwright project per target (`<provider>-<region>-<environment>`), from the profile, each over its own generated
 * spec folder (src/target-specs.ts); twin mode starts the twin first.
 */
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { ConfigError } from './src/config/config-error.ts';
import { loadProfile, type Profile } from './src/config/profile.ts';
import { precompileValidators, precompiledDir } from './src/contracts/precompiled.ts';
import { environmentInfo } from './src/report/environment-info.ts';
import { openLanes } from './src/lanes/open-lanes.ts';
import { planWorkers } from './src/lanes/worker-plan.ts';
import { withCodeCache } from './src/startup/preload-options.ts';
import { TARGET_SPEC_FILES, TARGET_SPECS_DIR, targetSpecsDir, writeTargetSpecs } from './src/target-specs.ts';

function profileOrExit(): Profile {
  try {
    return loadProfile({ root: import.meta.dirname });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(ConfigError.EXIT_CODE);
    }
    throw error;
  }
}

const profile = profileOrExit();
// Workers load this file too: what the runner prepares here (specs, validators, the report's environment) is theirs by then.
const isRunner = process.env.TEST_WORKER_INDEX === undefined;
const workerPlan = planWorkers({ lanes: profile.workers, targets: profile.targets.length, argv: process.argv });
if (isRunner) {
  // More worker processes than lanes: each boots ahead, then waits for a lane before its first request (src/lanes/).
  await openLanes(workerPlan, process.env);
  writeTargetSpecs(import.meta.dirname, profile.targets.map((tp) => tp.target.id));
  precompileValidators(join(import.meta.dirname, 'schemas'), precompiledDir(import.meta.dirname), [...new Set(profile.targets.map((tp) => tp.target.provider.id))]);
  // Workers inherit the runner's environment: each starts with Playwright's bundles compiled from a V8 code cache.
  process.env.NODE_OPTIONS = withCodeCache(process.env.NODE_OPTIONS);
}
// Separate runs (the fault matrix runs several at once) write to separate folders.
const reportsDir = process.env.CONTRACT_REPORTS_DIR ?? 'reports';

export default defineConfig({
  // The report root: reports name a check's file `<target>/<family>.spec.ts`.
  testDir: TARGET_SPECS_DIR,
  outputDir: process.env.CONTRACT_OUTPUT_DIR ?? 'test-results',
  timeout: 60_000,
  workers: workerPlan.processes,
  forbidOnly: !!process.env.CI,
  retries: 0,
  globalSetup: './twin/global-setup.ts',
  reporter: [
    [process.env.CI || profile.preflight ? 'dot' : 'list'],
    ['allure-playwright', { resultsDir: `${reportsDir}/allure-results`, detail: false, environmentInfo: isRunner ? environmentInfo(import.meta.dirname, profile) : {} }],
    ...(profile.preflight
      ? [
        ['./src/report/preflight-reporter.ts', { outputFile: `${reportsDir}/preflight.json` }],
        ['junit', { outputFile: `${reportsDir}/preflight.junit.xml` }],
      ] as const
      : [['./src/report/summary-reporter.ts', { outputFile: `${reportsDir}/summary.json` }]] as const),
  ],
  // Traces and screenshots would hold request headers: off, so no credential reaches an artifact.
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  projects: profile.targets.map((tp) => ({
    name: tp.target.id,
    testDir: targetSpecsDir(import.meta.dirname, tp.target.id),
    testMatch: TARGET_SPEC_FILES,
    workers: 1,
    metadata: { provider: tp.target.provider.id, region: tp.target.region, environment: tp.target.environment },
  })),
});
