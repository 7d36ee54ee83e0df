import type { Scenario } from '../scenario';
import { agriScenario } from './agri';
import { apparelScenario } from './apparel';
import { automotiveScenario } from './automotive';
import { beautyScenario } from './beauty';
import { homeEnScenario } from './home-en';

export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  apparelScenario,
  beautyScenario,
  agriScenario,
  automotiveScenario,
  homeEnScenario,
];

export const findBuiltinScenario = (id: string): Scenario | undefined =>
  BUILTIN_SCENARIOS.find((s) => s.id === id);

export { agriScenario, apparelScenario, automotiveScenario, beautyScenario, homeEnScenario };
