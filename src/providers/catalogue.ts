import { spotdraft } from './spotdraft.ts';
import { spotnana } from './spotnana.ts';
import { spreetail } from './spreetail.ts';
import { ENVIRONMENTS, type EnvironmentName, type ProviderDescriptor } from './types.ts';
import { parseWorkspaceId, workspaceOf } from './workspaces.ts';

/** Every provider the suite knows. Adding one = a descriptor here, a schema in schemas/, a twin module. */
export const PROVIDERS: readonly ProviderDescriptor[] = [spotdraft, spreetail, spotnana];

export interface Target {
  /** `<provider>-<region>-<environment>`, also the Playwright project name. */
  id: string;
  provider: ProviderDescriptor;
  region: string;
  environment: EnvironmentName;
  /** The documented base URL (a profile may override it, within the same documented host). */
  documentedBaseUrl: string;
  /** Prefix of this target's profile keys, e.g. `SPOTDRAFT_US`. */
  keyPrefix: string;
}

export function targetId(provider: string, region: string, environment: EnvironmentName): string {
  return `${provider}-${region}-${environment}`;
}

export const TARGETS: readonly Target[] = PROVIDERS.flatMap((provider) =>
  Object.entries(provider.baseUrls).flatMap(([region, urls]) =>
    ENVIRONMENTS.map((environment) => ({
      id: targetId(provider.id, region, environment),
      provider,
      region,
      environment,
      documentedBaseUrl: urls[environment],
      keyPrefix: `${provider.id}_${region}`.toUpperCase(),
    })),
  ),
);

export function findProvider(id: string): ProviderDescriptor | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

export function findTarget(id: string): Target | undefined {
  const { baseId, workspace } = parseWorkspaceId(id);
  const target = TARGETS.find((t) => t.id === baseId);
  return target && workspaceOf(target, workspace);
}

/** Every documented host of a provider in one environment, keyed by region. */
export function hostsOf(provider: ProviderDescriptor, environment: EnvironmentName): Map<string, string> {
  return new Map(Object.entries(provider.baseUrls).map(([region, urls]) => [region, new URL(urls[environment]).host]));
}

/** Every host the twin must serve: all documented hosts of all providers. */
export function allDocumentedHosts(): string[] {
  return [...new Set(TARGETS.map((t) => new URL(t.documentedBaseUrl).host))].sort();
}
