import { BUILTIN_SCENARIOS } from '@livelab/engagement';
import type { Scenario } from '@livelab/engagement';

/** The engine's built-in scenarios (apparel, beauty, farm produce, automotive), stored as they are. */
export function builtinScenarioDefinitions(): Scenario[] {
  return BUILTIN_SCENARIOS.map((scenario) => ({ ...scenario }));
}
