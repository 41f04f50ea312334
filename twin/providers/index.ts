/** Every provider module the twin serves. */
import type { TwinProvider } from '../types.ts';
import { createSpotdraftTwin } from './spotdraft.ts';
import { createSpotnanaTwin } from './spotnana.ts';
import { createSpreetailTwin } from './spreetail.ts';

export { createSpotdraftTwin, createSpotnanaTwin, createSpreetailTwin };

/** Fresh provider modules with their own in-memory state (tokens, orders, users, counter parties): one set per twin. */
export function createTwinProviders(): TwinProvider[] {
  return [createSpotdraftTwin(), createSpreetailTwin(), createSpotnanaTwin()];
}
