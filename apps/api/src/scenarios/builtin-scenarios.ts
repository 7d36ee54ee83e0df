import { BUILTIN_SCENARIOS } from '@livelab/engagement';
import type { ScenarioDefinition } from './scenarios.service';

/** The engine's built-in scenarios (apparel, beauty, farm produce, automotive) as stored definitions. */
export function builtinScenarioDefinitions(): ScenarioDefinition[] {
  return BUILTIN_SCENARIOS.map((scenario) => ({ ...scenario }));
}
