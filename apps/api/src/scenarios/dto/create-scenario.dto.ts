import { scenarioSchema } from '@livelab/engagement';

/**
 * A custom scenario is the engine's own scenario JSON, so rooms run it exactly like a built-in; the id is
 * optional (one is minted) and English names default to the Chinese ones.
 */
export const createScenarioSchema = scenarioSchema.extend({
  id: scenarioSchema.shape.id.max(48).optional(),
  nameEn: scenarioSchema.shape.nameEn.optional(),
  products: scenarioSchema.shape.products.element
    .extend({ nameEn: scenarioSchema.shape.products.element.shape.nameEn.optional() })
    .array()
    .min(1)
    .max(16),
});
