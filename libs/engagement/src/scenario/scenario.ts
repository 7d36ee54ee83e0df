/**
 * A scenario: what is sold, to whom, with how much traffic, against which targets. Built-ins live in
 * ./builtin; instructors can write their own as JSON (validated by `scenarioSchema`, defaults filled).
 */
import type { Shelf } from '@livelab/session';
import { shelfOf, toYuan } from '@livelab/session';
import { z } from 'zod';

/** Engine supports at most 16 products per room: per-viewer product state is a 16-bit mask. */
export const MAX_PRODUCTS = 16;

const nonEmpty = z.string().min(1);

export const scenarioProductSchema = z.object({
  id: nonEmpty.regex(/^[A-Za-z0-9_.-]+$/, { message: 'product id: letters, digits, _ . - only' }),
  name: nonEmpty,
  nameEn: nonEmpty,
  /** Live-room price (到手价 before coupons). */
  price: z.number().positive(),
  /** Crossed-out list price (划线价). */
  listPrice: z.number().positive(),
  /** What viewers believe it costs elsewhere; drives price attractiveness. Default: midway price↔list. */
  referencePrice: z.number().positive().optional(),
  stock: z.number().int().min(0),
  sellingPoints: z.array(nonEmpty).default([]),
  sellingPointsEn: z.array(nonEmpty).default([]),
  /** Question topics viewers raise about this product (keys of the topic table). */
  topics: z.array(nonEmpty).default(['price', 'shipping']),
  /** Relative pull of the product on this audience (1 = typical). */
  appeal: z.number().positive().default(1),
  /** Share of paid orders refunded during/after the session. */
  refundRate: z.number().min(0).max(1).default(0.05),
  /** High-ticket goods (cars): a click leads to a lead (test-drive booking), never an order. */
  leadOnly: z.boolean().default(false),
  /** Words for comment slots, e.g. colours and sizes. */
  variants: z.array(nonEmpty).default([]),
});

export const audienceSchema = z.object({
  /** Mean interest in the category, 0..1. */
  interest: z.number().min(0).max(1).default(0.5),
  /** Mean price sensitivity: exponent weight of (reference price / price). */
  priceSensitivity: z.number().min(0).max(3).default(1),
  /** Mean seconds a viewer waits for an answer before giving up. */
  patienceSec: z.number().positive().default(45),
  /** Mean chattiness multiplier (1 = typical). */
  chattiness: z.number().min(0).default(1),
  /** Share of non-follower-source entries that already follow the room. */
  fanShare: z.number().min(0).max(1).default(0.08),
  trollShare: z.number().min(0).max(1).default(0.01),
  /** Share of viewers commenting in English. */
  enShare: z.number().min(0).max(1).default(0.08),
  /** Spending-power classes. */
  valueClassShares: z
    .object({ A: z.number().min(0), B: z.number().min(0), C: z.number().min(0) })
    .default({ A: 0.15, B: 0.35, C: 0.5 }),
});

export const trafficSchema = z.object({
  /** Recommendation-feed entries per minute at feed factor 1. */
  feedPerMin: z.number().min(0).default(80),
  /** Followers notified at go-live; ~35% of them come in over the first 20 minutes. */
  followers: z.number().int().min(0).default(2000),
  shortVideoPerMin: z.number().min(0).default(8),
  searchPerMin: z.number().min(0).default(4),
  /** Paid promotion (投流) entries per minute while it runs. */
  paidPerMin: z.number().min(0).default(0),
  paidFromMin: z.number().min(0).default(0),
  paidToMin: z.number().min(0).default(0),
  /** Share of entries that are revisits by someone who left earlier. */
  returnShare: z.number().min(0).max(0.9).default(0.1),
});

export const targetsSchema = z.object({
  gmv: z.number().min(0).default(0),
  conversion: z.number().min(0).max(1).default(0.02),
  avgWatchSec: z.number().min(0).default(60),
  productCtr: z.number().min(0).max(1).default(0.1),
  gpm: z.number().min(0).default(0),
  leads: z.number().min(0).default(0),
  followRate: z.number().min(0).max(1).default(0.02),
});

export const scenarioSchema = z.object({
  id: nonEmpty.regex(/^[a-z0-9-]+$/, { message: 'scenario id: lowercase letters, digits and - only' }),
  name: nonEmpty,
  nameEn: nonEmpty,
  category: nonEmpty,
  durationMin: z.number().positive().max(480).default(60),
  products: z.array(scenarioProductSchema).min(1).max(MAX_PRODUCTS),
  audience: audienceSchema.default(audienceSchema.parse({})),
  traffic: trafficSchema.default(trafficSchema.parse({})),
  targets: targetsSchema.default(targetsSchema.parse({})),
  /** Script template (直播脚本): lines the host is expected to say, `t` in seconds. */
  script: z.array(z.object({ t: z.number().min(0), text: nonEmpty })).default([]),
  /** Advertising-law absolute terms (极限词) checked in host speech; replaces the default list. */
  bannedWords: z.array(nonEmpty).optional(),
  /** Phrases that contain a banned term but are fine (e.g. 最近 contains 最). */
  allowedWords: z.array(nonEmpty).optional(),
  /** Base chance a click turns into an order for a fully interested viewer at a fair price. */
  baseCtor: z.number().min(0).max(1).default(0.1),
  /** Per-second click hazard for an exposed, fully interested viewer while the product is explained. */
  baseClickRate: z.number().min(0).max(1).default(0.0016),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioProduct = z.output<typeof scenarioProductSchema>;

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; error: string };

/** Validate a scenario (e.g. from a JSON file). The error is one line naming the first problem. */
export function parseScenario(input: unknown): ParseScenarioResult {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue ? issue.path.map(String).join('.') : '';
    const message =
      issue && issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue?.message;
    return { ok: false, error: `scenario${path ? `.${path}` : ''}: ${message ?? 'invalid'}` };
  }
  const ids = new Set<string>();
  for (const product of result.data.products) {
    if (ids.has(product.id))
      return { ok: false, error: `scenario.products: duplicate product id "${product.id}"` };
    ids.add(product.id);
  }
  return { ok: true, scenario: result.data };
}

/** Build a scenario from literal input, throwing on mistakes (for the built-ins). */
export const defineScenario = (input: ScenarioInput): Scenario => {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.scenario;
};

export const referencePriceOf = (product: ScenarioProduct): number =>
  product.referencePrice ?? (product.price + product.listPrice) / 2;

/** A scenario's catalogue as a room's starting shelves (prices in cents). */
export function shelvesOf(scenario: Pick<Scenario, 'products'>): Shelf[] {
  return scenario.products.map(shelfOf);
}

/**
 * The scenario as one room runs it: the room's own prices and stock (an instructor may have changed them,
 * and go-live logs them) replace the catalogue's, so the audience judges the prices the room really asks.
 */
export function withShelves(
  scenario: Scenario,
  shelves: ReadonlyArray<{ id: string; priceCents: number; listPriceCents: number; stock: number }>,
): Scenario {
  const byId = new Map(shelves.map((s) => [s.id, s]));
  return {
    ...scenario,
    products: scenario.products.map((p) => {
      const own = byId.get(p.id);
      return own
        ? { ...p, price: toYuan(own.priceCents), listPrice: toYuan(own.listPriceCents), stock: own.stock }
        : p;
    }),
  };
}
