/**
 * Host strategies the calibration runs: the reference hosts (competent, average, passive) that the
 * real-world ranges are checked on, and the cheap tricks a trainee will try (penny coupons, endless 福袋,
 * 憋单, keyword stuffing, banned terms…) whose effect must stay inside a band (CALIBRATION.md). Each is a
 * pure function of the scenario and the session length, so the same run gives the same verdict.
 */
import type { HostAction, ReplyPolicyAction } from '@livelab/contracts';
import { competentActions, openingActions, passiveActions, pitchLine } from '../scenario/host-scripts';
import type { Scenario } from '../scenario/scenario';

export interface Strategy {
  id: string;
  /** What a trainee would call it. */
  label: string;
  kind: 'reference' | 'lever' | 'abuse';
  actions(scenario: Scenario, minutes: number): HostAction[];
}

const sorted = (actions: HostAction[]): HostAction[] => [...actions].sort((a, b) => a.t - b.t);
const within = (actions: HostAction[], minutes: number): HostAction[] =>
  sorted(actions.filter((a) => a.t < minutes * 60));

/** The competent host with its reply policy replaced. */
function withPolicy(scenario: Scenario, minutes: number, policy: Partial<ReplyPolicyAction>): HostAction[] {
  return competentActions(scenario, minutes).map((a) => (a.type === 'replyPolicy' ? { ...a, ...policy } : a));
}

const orderable = (scenario: Scenario) => scenario.products.filter((p) => !p.leadOnly);
const maxPrice = (scenario: Scenario): number => Math.max(...scenario.products.map((p) => p.price));
/** Every `step` seconds from `from` to the end. */
const every = (minutes: number, from: number, step: number): number[] => {
  const out: number[] = [];
  for (let t = from; t < minutes * 60 - 5; t += step) out.push(t);
  return out;
};

export const REFERENCE_HOSTS: readonly Strategy[] = [
  {
    id: 'competent',
    label: 'competent host (two rounds of explained pins, coupons, flash sales, 福袋, 90% answered ≈12 s)',
    kind: 'reference',
    actions: (scenario, minutes) => competentActions(scenario, minutes),
  },
  {
    id: 'average',
    label: 'average host (one round of pins, one coupon, half the questions answered ≈30 s)',
    kind: 'reference',
    actions: (scenario, minutes) => {
      const durationSec = minutes * 60;
      const actions = openingActions(scenario, durationSec, { latencySec: 30, coverage: 0.5 });
      const slot = Math.floor((durationSec - 60) / scenario.products.length);
      scenario.products.forEach((product, n) => {
        const t = 30 + n * slot;
        actions.push({ t, type: 'pin', productId: product.id });
        actions.push({ t: t + 20, type: 'say', text: pitchLine(product, scenario.language) });
      });
      const cheap = orderable(scenario);
      if (cheap.length > 0) {
        const median = cheap.map((p) => p.price).sort((a, b) => a - b)[Math.floor(cheap.length / 2)]!;
        actions.push({
          t: 120,
          type: 'coupon',
          discount: Math.max(2, Math.round(median * 0.1)),
          threshold: Math.round(median * 0.5),
          quota: 500,
          perUser: 1,
          condition: 'none',
          minWatchSec: 0,
        });
      }
      return within(actions, minutes);
    },
  },
  {
    id: 'passive',
    label: 'passive host (reads the script, never pins, never answers; the bag is open)',
    kind: 'reference',
    actions: (scenario, minutes) => passiveActions(scenario, minutes),
  },
];

/** Levers of the host's craft: their size is checked against the competent host. */
export const LEVER_STRATEGIES: readonly Strategy[] = [
  {
    id: 'answer-20',
    label: 'competent, but answers only 20% of questions',
    kind: 'lever',
    actions: (scenario, minutes) => withPolicy(scenario, minutes, { coverage: 0.2 }),
  },
  {
    id: 'answer-late',
    label: 'competent, but every answer comes 90 s late',
    kind: 'lever',
    actions: (scenario, minutes) => withPolicy(scenario, minutes, { latencySec: 90, coverage: 1 }),
  },
  {
    id: 'single-product-loop',
    label: '单品循环讲解: the best product pinned all session, its pitch repeated every 3 minutes',
    kind: 'lever',
    actions: (scenario, minutes) => {
      const best = [...scenario.products].sort((a, b) => b.appeal - a.appeal)[0]!;
      const actions = openingActions(scenario, minutes * 60, { latencySec: 12, coverage: 0.9 });
      actions.push({ t: 20, type: 'pin', productId: best.id });
      for (const t of every(minutes, 35, 180))
        actions.push({ t, type: 'say', text: pitchLine(best, scenario.language) });
      return within(actions, minutes);
    },
  },
];

/** Cheap tricks: none may beat the competent host (bands in CALIBRATION.md). */
export const ABUSE_STRATEGIES: readonly Strategy[] = [
  {
    id: 'score-farming',
    label:
      'score farming: every product pinned for a second, an instant 100% reply policy, one token coupon, flash sale and 福袋, then idle',
    kind: 'abuse',
    actions: (scenario) => {
      const actions: HostAction[] = [
        {
          t: 0,
          type: 'replyPolicy',
          latencySec: 1,
          coverage: 1,
          kinds: ['question', 'objection', 'complaint'],
        },
      ];
      scenario.products.forEach((p, n) => actions.push({ t: 5 + n, type: 'pin', productId: p.id }));
      actions.push({ t: 30, type: 'unpin' });
      const product = orderable(scenario)[0] ?? scenario.products[0]!;
      actions.push(
        {
          t: 40,
          type: 'coupon',
          discount: 0.01,
          threshold: 0,
          perUser: 1,
          condition: 'none',
          minWatchSec: 0,
        },
        {
          t: 50,
          type: 'flashSale',
          productId: product.id,
          price: product.price,
          stock: 5,
          durationSec: 60,
          perUser: 1,
        },
        { t: 60, type: 'giveaway', durationSec: 60, winners: 1, condition: 'comment', prize: '福袋' },
      );
      return actions;
    },
  },
  {
    id: 'penny-coupons',
    label: 'competent + a ¥0.01 coupon every 2 minutes',
    kind: 'abuse',
    actions: (scenario, minutes) =>
      within(
        [
          ...competentActions(scenario, minutes),
          ...every(minutes, 60, 120).map((t): HostAction => ({
            t,
            type: 'coupon',
            discount: 0.01,
            threshold: 0,
            quota: 5000,
            perUser: 1,
            condition: 'none',
            minWatchSec: 0,
          })),
        ],
        minutes,
      ),
  },
  {
    id: 'follow-gated-penny',
    label: 'competent + one follow-gated ¥0.01 coupon',
    kind: 'abuse',
    actions: (scenario, minutes) =>
      within(
        [
          ...competentActions(scenario, minutes),
          {
            t: 60,
            type: 'coupon',
            discount: 0.01,
            threshold: 0,
            perUser: 1,
            condition: 'follow',
            minWatchSec: 0,
          },
        ],
        minutes,
      ),
  },
  {
    id: 'endless-giveaway',
    label: 'competent + 1-winner 福袋 back to back all session (each as long as the platform allows)',
    kind: 'abuse',
    actions: (scenario, minutes) =>
      within(
        [
          ...competentActions(scenario, minutes).filter((a) => a.type !== 'giveaway'),
          ...every(minutes, 10, 900).map((t): HostAction => ({
            t,
            type: 'giveaway',
            durationSec: 900,
            winners: 1,
            condition: 'comment',
            prize: '福袋',
          })),
        ],
        minutes,
      ),
  },
  {
    id: 'unusable-coupon',
    label: 'competent + a big coupon nobody can use (threshold above every price)',
    kind: 'abuse',
    actions: (scenario, minutes) =>
      within(
        [
          ...competentActions(scenario, minutes),
          {
            t: 45,
            type: 'coupon',
            discount: Math.round(maxPrice(scenario) * 0.3),
            threshold: Math.round(maxPrice(scenario) * 10),
            perUser: 1,
            condition: 'none',
            minWatchSec: 0,
          },
        ],
        minutes,
      ),
  },
  {
    id: 'keyword-stuffing',
    label: 'competent + every selling point of every product said every 20 s',
    kind: 'abuse',
    actions: (scenario, minutes) => {
      const stuffed = scenario.products
        .flatMap((p) => (scenario.language === 'en' ? p.sellingPointsEn : p.sellingPoints))
        .join(scenario.language === 'en' ? ', ' : '，');
      return within(
        [
          ...competentActions(scenario, minutes),
          ...every(minutes, 25, 20).map((t): HostAction => ({ t, type: 'say', text: stuffed })),
        ],
        minutes,
      );
    },
  },
  {
    id: 'bie-dan',
    label: '憋单: competent + a 1-unit flash sale every 2 minutes',
    kind: 'abuse',
    actions: (scenario, minutes) => {
      const cheap = orderable(scenario);
      if (cheap.length === 0) return competentActions(scenario, minutes);
      const product = [...cheap].sort((a, b) => b.appeal - a.appeal)[0]!;
      return within(
        [
          ...competentActions(scenario, minutes).filter((a) => a.type !== 'flashSale'),
          ...every(minutes, 100, 120).map((t): HostAction => ({
            t,
            type: 'flashSale',
            productId: product.id,
            price: Math.max(0.1, Math.round(product.price * 0.3 * 10) / 10),
            stock: 1,
            durationSec: 110,
            perUser: 1,
          })),
        ],
        minutes,
      );
    },
  },
  {
    id: 'induced-interaction',
    label: '诱导互动: competent + "扣1上链接，点赞到一万就开价" every minute',
    kind: 'abuse',
    actions: (scenario, minutes) =>
      within(
        [
          ...competentActions(scenario, minutes),
          ...every(minutes, 30, 60).map((t): HostAction => ({
            t,
            type: 'say',
            text:
              scenario.language === 'en'
                ? 'Comment to unlock the link! Like for the link, no likes no deal'
                : '家人们扣1上链接，点赞到一万就开价，不点赞不上车',
          })),
        ],
        minutes,
      ),
  },
  {
    id: 'banned-terms',
    label: 'competent + 120 advertising-law violations (全网最低、最好用) over the session',
    kind: 'abuse',
    actions: (scenario, minutes) =>
      within(
        [
          ...competentActions(scenario, minutes),
          ...every(minutes, 40, 30).map((t): HostAction => ({
            t,
            type: 'say',
            text:
              scenario.language === 'en'
                ? 'Cheapest anywhere, the number one brand, best ever'
                : '全网最低价，史上最好用，第一品牌',
          })),
        ],
        minutes,
      ),
  },
  {
    id: 'deep-discount',
    label: '引流款: competent with the cheapest product at half price all session',
    kind: 'lever',
    actions: (scenario, minutes) => {
      const cheap = orderable(scenario);
      if (cheap.length === 0) return competentActions(scenario, minutes);
      const product = [...cheap].sort((a, b) => a.price - b.price)[0]!;
      return within(
        [
          { t: 0, type: 'price', productId: product.id, price: Math.round(product.price * 50) / 100 },
          ...competentActions(scenario, minutes),
        ],
        minutes,
      );
    },
  },
];

export const STRATEGIES: readonly Strategy[] = [...REFERENCE_HOSTS, ...LEVER_STRATEGIES, ...ABUSE_STRATEGIES];

export const strategyById = (id: string): Strategy | undefined => STRATEGIES.find((s) => s.id === id);
