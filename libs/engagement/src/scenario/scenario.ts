/**
 * A scenario: what is sold, to whom, with how much traffic, against which targets. Built-ins live in
 * ./builtin; instructors can write their own as JSON (validated by `scenarioSchema`, defaults filled).
 */
import type { PlatformRules, Shelf } from '@livelab/session';
import { DEFAULT_PLATFORM_RULES, shelfOf, toYuan } from '@livelab/session';
import { z } from 'zod';
import { MODEL } from '../sim/params';

/** Engine supports at most 16 products per room: per-viewer product state is a 16-bit mask. */
export const MAX_PRODUCTS = 16;

const nonEmpty = z.string().min(1);

/**
 * What a product is, as the audience's comments and the reply policy's stock answers state it (every number
 * an answer gives comes from here or the price; an answer needing a missing fact is not used). Text facts
 * are in the scenario's language. All optional: a custom scenario without facts still parses.
 */
export const productFactsSchema = z.object({
  /** Cars: CLTC range in km. */
  rangeKm: z.number().positive().optional(),
  /** Cars: minimum down payment, percent. */
  downPaymentPct: z.number().min(0).max(100).optional(),
  warrantyYears: z.number().positive().optional(),
  /** Where it is grown or made, e.g. 江西赣州. */
  origin: nonEmpty.optional(),
  shelfLifeDays: z.number().int().positive().optional(),
  /** Sizes on offer (S, M, L…). */
  sizes: z.array(nonEmpty).optional(),
  /** Make-up shades (色号). */
  shades: z.array(nonEmpty).optional(),
  /** Fabric, ingredients or material, e.g. 95%棉 5%氨纶. */
  material: nonEmpty.optional(),
  /** Net weight or volume as written on the pack. */
  weight: nonEmpty.optional(),
  /** One line of specification or fit, e.g. 快充30分钟从30%充到80%. */
  spec: nonEmpty.optional(),
  /** Food: how it tastes, e.g. 糖度13以上，皮薄多汁. */
  taste: nonEmpty.optional(),
  shipsWithinHours: z.number().positive().optional(),
  /** Which of a category's templates fit, e.g. makeup / skincare, fruit / grain, car / voucher. */
  tags: z.array(nonEmpty).optional(),
});

export const scenarioProductSchema = z.object({
  id: nonEmpty.regex(/^[A-Za-z0-9_.-]+$/, { message: 'product id: letters, digits, _ . - only' }),
  name: nonEmpty,
  nameEn: nonEmpty,
  /** How viewers call it in comments (轿车, 口红, 大米; blender); the full name is rarely typed out. */
  shortName: nonEmpty.optional(),
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
  /** What one unit costs the seller (default: price × (1 − the scenario's gross margin)). */
  costPrice: z.number().min(0).optional(),
  /** Words for comment slots, e.g. colours and sizes. */
  variants: z.array(nonEmpty).default([]),
  facts: productFactsSchema.default({}),
});

export const audienceSchema = z.object({
  /** Mean interest in the category, 0..1. */
  interest: z.number().min(0).max(1).default(0.5),
  /** Mean price sensitivity: exponent weight of (reference price / price). */
  priceSensitivity: z.number().min(0).max(3).default(1),
  /**
   * How much more a price below the catalogue's sells, beyond the price itself: demand × (catalogue / price)^this.
   * Impulse goods (food, cosmetics, basics) react strongly to a deep 引流款 price; considered purchases less.
   */
  dealElasticity: z.number().min(0).max(3).default(0.8),
  /** Mean seconds a viewer waits for an answer before giving up. */
  patienceSec: z.number().positive().default(45),
  /** Mean chattiness multiplier (1 = typical). */
  chattiness: z.number().min(0).default(1),
  /** Share of non-follower-source entries that already follow the room. */
  fanShare: z.number().min(0).max(1).default(0.08),
  trollShare: z.number().min(0).max(1).default(0.01),
  /**
   * Deprecated: a room has one language (the scenario's `language`); kept so older JSON parses. It no
   * longer makes anyone comment in the other language.
   */
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

export const presentationSchema = z.object({
  title: z.string().default(''),
  cover: z.enum(['product', 'host', 'scene', 'none']).default('product'),
  scene: z.enum(['field', 'studio', 'warehouse', 'plain']).default('studio'),
});

export const economicsSchema = z.object({
  grossMargin: z.number().min(0).max(1).default(0.5),
  giveawayPrizeCost: z.number().min(0).default(30),
  leadValue: z.number().min(0).default(0),
  leadCloseRate: z.number().min(0).max(1).default(0.05),
});

export const scenarioSchema = z.object({
  id: nonEmpty.regex(/^[a-z0-9-]+$/, { message: 'scenario id: lowercase letters, digits and - only' }),
  name: nonEmpty,
  nameEn: nonEmpty,
  category: nonEmpty,
  /** The room's one language: every simulated viewer comments in it, the reply policy answers in it. */
  language: z.enum(['zh', 'en']).default('zh'),
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
  /**
   * The platform's rules (defaults: @livelab/session `DEFAULT_PLATFORM_RULES`, reasoning in CALIBRATION.md):
   * violations before a warning, 限流 and 断播 (0 = never), 限流's length and strength, the longest 福袋
   * countdown, the least stock a flash sale may have before it is 憋单.
   */
  platform: z
    .object({
      warnAt: z.number().int().min(0),
      throttleAt: z.number().int().min(0),
      cutAt: z.number().int().min(0),
      throttleSec: z.number().int().min(0),
      throttleFeedMult: z.number().min(0).max(1),
      maxGiveawaySec: z.number().int().positive(),
      minFlashStock: z.number().int().min(0),
    })
    .partial()
    .optional(),
  /**
   * How the room shows in the feed — its title, cover and scene — which sets the 进房率 (impressions that become
   * entries) between `MODEL.viewThroughMin` and `+ viewThroughSpan` (`viewThroughOf`).
   */
  presentation: presentationSchema.default(presentationSchema.parse({})),
  /**
   * Money beyond the price: gross margin (products without a `costPrice` cost `price × (1 − grossMargin)`),
   * what one 福袋 prize costs, and what a sales lead is worth to the business (for the session's value).
   */
  economics: economicsSchema.default(economicsSchema.parse({})),
  /**
   * The rubric's item maxima (defaults: `DEFAULT_RUBRIC_WEIGHTS`, 100 in all): a scenario that stresses, say,
   * answering over sales can weigh it more.
   */
  rubric: z
    .object({
      sales: z.number().min(0),
      retention: z.number().min(0),
      opening: z.number().min(0),
      productPitch: z.number().min(0),
      questions: z.number().min(0),
      interaction: z.number().min(0),
      promotions: z.number().min(0),
      closing: z.number().min(0),
      compliance: z.number().min(0),
      pretest: z.number().min(0),
    })
    .partial()
    .optional(),
  /** Base chance a click turns into an order for a fully interested viewer at a fair price. */
  baseCtor: z.number().min(0).max(1).default(0.1),
  /** Per-second click hazard for an exposed, fully interested viewer while the product is explained. */
  baseClickRate: z.number().min(0).max(1).default(0.0016),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioProduct = z.output<typeof scenarioProductSchema>;
export type ProductFacts = z.output<typeof productFactsSchema>;

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

const COVER_SCORE = { product: 1, host: 0.8, scene: 0.7, none: 0.2 } as const;
const SCENE_SCORE = { field: 1, studio: 0.9, warehouse: 0.8, plain: 0.4 } as const;
/** Words that tell a scroller what the room offers (a deal, a product, a place). */
const TITLE_HOOK = /价|折|券|福利|秒杀|新品|包邮|产地|工厂|源头|直降|特惠|上新|试驾|deal|sale|off|new|free/i;

/** 0–1: how well the room's title, cover and scene sell it in the feed. */
export function presentationQuality(scenario: Pick<Scenario, 'presentation'>): number {
  const { title, cover, scene } = scenario.presentation;
  const length = [...title].length;
  let titleScore = length === 0 ? 0 : length < 5 ? 0.4 : length <= 20 ? 0.7 : 0.5;
  if (length > 0 && TITLE_HOOK.test(title)) titleScore += 0.3;
  return (titleScore + COVER_SCORE[cover] + SCENE_SCORE[scene]) / 3;
}

/** 进房率: the share of the room's feed impressions that walk in. */
export const viewThroughOf = (scenario: Pick<Scenario, 'presentation'>): number =>
  MODEL.viewThroughMin + MODEL.viewThroughSpan * presentationQuality(scenario);

/** What one unit of `product` costs the seller. */
export const costPriceOf = (scenario: Pick<Scenario, 'economics'>, product: ScenarioProduct): number =>
  product.costPrice ?? product.price * (1 - scenario.economics.grossMargin);

/** The scenario's platform rules, defaults filled in. */
export const platformRulesOfScenario = (scenario: Pick<Scenario, 'platform'>): PlatformRules => ({
  ...DEFAULT_PLATFORM_RULES,
  ...scenario.platform,
});

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
