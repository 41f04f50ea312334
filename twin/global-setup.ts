/**
 * Playwright global setup for twin mode: starts the twin and points the suite at it the way a user behind a
 * proxy would be (proxy URL + CA bundle), so host and TLS checks run exactly as in live mode.
 */
import { resolve } from 'node:path';
import { twinWorkspaces } from '../src/config/profile.ts';
import { startTwin } from './server.ts';
import { startsItsOwnTwin, twinSettingsFromEnv } from './settings-env.ts';

export default async function globalSetup(): Promise<(() => Promise<void>) | undefined> {
  if (!startsItsOwnTwin(process.env)) return undefined;
  const twin = await startTwin({ root: resolve(import.meta.dirname, '..'), faults: process.env.TWIN_FAULTS ?? '', workspaces: twinWorkspaces(process.env), ...twinSettingsFromEnv(process.env) });
  // Workers are forked after this and inherit these; NODE_EXTRA_CA_CERTS is read when a process starts.
  process.env.CONTRACT_TWIN_PROXY = twin.proxyUrl;
  process.env.CONTRACT_TWIN_ADMIN_URL = twin.adminUrl;
  process.env.NODE_EXTRA_CA_CERTS = twin.caFile;
  return async () => {
    if (process.env.CONTRACT_TWIN_LOG) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(process.env.CONTRACT_TWIN_LOG, JSON.stringify(twin.log.all(), null, 1));
    }
    await twin.stop();
  };
}
