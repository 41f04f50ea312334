/** The accounts the twin accepts, read from the committed fake-credential profiles. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'dotenv';
import { TARGETS } from '../src/providers/catalogue.ts';
import { ENVIRONMENTS, type EnvironmentName } from '../src/providers/types.ts';
import { workspaceId, workspaceValue } from '../src/providers/workspaces.ts';
import type { TwinAccount } from './types.ts';

function readProfile(projectRoot: string, environment: EnvironmentName): Record<string, string> {
  return parse(readFileSync(join(projectRoot, 'env', `twin-${environment}.env`), 'utf8'));
}

/** The accounts of the committed profiles, each with `workspaces - 1` synthetic siblings (see src/providers/workspaces.ts). */
export function loadAccounts(projectRoot: string, workspaces = 1): TwinAccount[] {
  const accounts: TwinAccount[] = [];
  for (const environment of ENVIRONMENTS) {
    const profile = readProfile(projectRoot, environment);
    for (const target of TARGETS.filter((t) => t.environment === environment)) {
      const clientId = profile[`${target.keyPrefix}_CLIENT_ID`];
      const clientSecret = profile[`${target.keyPrefix}_CLIENT_SECRET`];
      if (!clientId || !clientSecret) continue;
      const userEmail = profile[`${target.keyPrefix}_USER_EMAIL`];
      accounts.push({
        targetId: target.id,
        provider: target.provider.id,
        region: target.region,
        environment,
        host: new URL(target.documentedBaseUrl).hostname,
        clientId,
        clientSecret,
        ...(userEmail ? { userEmail } : {}),
      });
    }
  }
  const synthetic = Array.from({ length: workspaces - 1 }, (_, i) => i + 2).flatMap((k) =>
    accounts.map((a) => ({
      ...a,
      targetId: workspaceId(a.targetId, k),
      clientId: workspaceValue(a.clientId, k),
      clientSecret: workspaceValue(a.clientSecret, k),
    })),
  );
  return [...accounts, ...synthetic];
}
