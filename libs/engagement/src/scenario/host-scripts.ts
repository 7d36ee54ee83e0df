/**
 * Reference hosts for calibration and for trainees to compare against: a competent host (pins every
 * product in turn and explains it, coupons, flash sales, giveaways, answers ≥ 80% of questions within
 * ~15 s) and a passive one (reads the script, never pins, never answers).
 */
import type { HostAction } from '@livelab/contracts';
import type { Scenario, ScenarioProduct } from './scenario';

export type HostStyle = 'competent' | 'passive';

const round1 = (x: number): number => Math.round(x * 10) / 10;

/**
 * How every reference host opens: a reply policy answering `coverage` of the questions, objections and
 * complaints after about `latencySec`, then the scenario's script lines within the session.
 */
export function openingActions(
  scenario: Scenario,
  durationSec: number,
  policy: { latencySec: number; coverage: number },
): HostAction[] {
  const actions: HostAction[] = [
    { t: 0, type: 'replyPolicy', ...policy, kinds: ['question', 'objection', 'complaint'] },
  ];
  for (const line of scenario.script)
    if (line.t < durationSec) actions.push({ t: line.t, type: 'say', text: line.text });
  return actions;
}

export function competentActions(scenario: Scenario, minutes = scenario.durationMin): HostAction[] {
  const durationSec = Math.round(minutes * 60);
  const actions = openingActions(scenario, durationSec, { latencySec: 12, coverage: 0.9 });

  const products = scenario.products;
  const orderable = products.filter((p) => !p.leadOnly);
  // Two rounds through the catalogue, each product pinned and explained in its slot; the lead-only products
  // (the cars a launch is for) get a second slot in each round.
  const cycle = [...products, ...products.filter((p) => p.leadOnly)];
  const slot = Math.max(120, Math.min(420, Math.floor((durationSec - 60) / (2 * cycle.length))));
  let index = 0;
  for (let t = 20; t < durationSec - 30; t += slot, index++) {
    const product = cycle[index % cycle.length]!;
    actions.push({ t, type: 'pin', productId: product.id });
    actions.push({ t: t + 15, type: 'say', text: pitchLine(product, scenario.language) });
    actions.push({
      t: t + 45,
      type: 'say',
      text:
        scenario.language === 'en'
          ? `${product.nameEn}: ${product.price} today in the live room, free shipping, 7-day returns`
          : `${product.name}直播间到手价${product.price}元，包邮，七天无理由`,
    });
  }

  if (orderable.length > 0) {
    const prices = orderable.map((p) => p.price).sort((a, b) => a - b);
    const median = prices[Math.floor(prices.length / 2)]!;
    const discount = Math.max(2, Math.round(median * 0.1));
    actions.push({
      t: 90,
      type: 'coupon',
      discount,
      threshold: Math.round(median * 0.5),
      quota: 800,
      perUser: 1,
      condition: 'none',
      minWatchSec: 0,
    });
    actions.push({
      t: Math.round(durationSec / 2),
      type: 'coupon',
      discount: discount * 2,
      threshold: Math.round(median * 1.2),
      quota: 300,
      perUser: 1,
      condition: 'follow',
      minWatchSec: 60,
    });
    const byPull = [...orderable].sort((a, b) => b.appeal - a.appeal || a.price - b.price);
    const flashTimes = [Math.round(durationSec * 0.17), Math.round(durationSec * 0.67)];
    flashTimes.forEach((t, n) => {
      const product = byPull[n % byPull.length]!;
      actions.push({
        t,
        type: 'flashSale',
        productId: product.id,
        price: round1(product.price * 0.7),
        stock: Math.max(1, Math.min(80, Math.floor(product.stock / 4))),
        durationSec: 120,
        perUser: 1,
      });
      actions.push({
        t: t + 2,
        type: 'say',
        text:
          scenario.language === 'en'
            ? `${product.nameEn} flash sale, two minutes only, be quick`
            : `${product.name}限时秒杀，只有两分钟，拼手速`,
      });
    });
  }

  actions.push({
    t: Math.round(durationSec * 0.25),
    type: 'giveaway',
    durationSec: 180,
    winners: 5,
    condition: 'follow',
    prize: '福袋',
  });
  actions.push({
    t: Math.round(durationSec * 0.75),
    type: 'giveaway',
    durationSec: 180,
    winners: 5,
    condition: 'comment',
    prize: '福袋',
  });
  return actions.filter((a) => a.t < durationSec).sort((a, b) => a.t - b.t);
}

export function passiveActions(scenario: Scenario, minutes = scenario.durationMin): HostAction[] {
  return openingActions(scenario, Math.round(minutes * 60), { latencySec: 0, coverage: 0 });
}

export const hostActions = (scenario: Scenario, style: HostStyle, minutes?: number): HostAction[] =>
  style === 'competent' ? competentActions(scenario, minutes) : passiveActions(scenario, minutes);

/** The line that explains `product`: its selling points and the call to buy (or book), in the room's language. */
export function pitchLine(product: ScenarioProduct, language: Scenario['language'] = 'zh'): string {
  if (language === 'en') {
    const points = product.sellingPointsEn.length > 0 ? product.sellingPointsEn.join(', ') : product.nameEn;
    return `${product.nameEn}: ${points}. ${product.leadOnly ? 'Book a test drive now' : 'Tap the bag to buy'}`;
  }
  const points = product.sellingPoints.length > 0 ? product.sellingPoints.join('，') : product.name;
  return product.leadOnly
    ? `${product.name}：${points}，点小风车预约试驾`
    : `${product.name}：${points}，喜欢的宝宝直接拍`;
}
