import type { LiveScriptSegment } from '@livelab/contracts';
import type { Scenario } from '@livelab/engagement';
import { findBannedTerms } from '@livelab/session';

const OPENING_SEC = 180;
const CLOSING_SEC = 180;

const yuan = (value: number) => `¥${Math.round(value * 100) / 100}`;

/**
 * A sensible first live script (直播脚本) for a scenario: a warm-up, one explained segment per product in bag
 * order (selling points, price against the list price) and a closing recap, filling the scenario's duration.
 */
export function defaultScript(scenario: Scenario): LiveScriptSegment[] {
  const total = Math.round(scenario.durationMin * 60);
  const opening = Math.min(OPENING_SEC, Math.floor(total / 6));
  const closing = Math.min(CLOSING_SEC, Math.floor(total / 6));
  const perProduct = Math.max(10, Math.floor((total - opening - closing) / scenario.products.length));
  const segments: LiveScriptSegment[] = [
    {
      startSec: 0,
      durationSec: opening,
      title: '开场暖场',
      cue: `欢迎来到直播间，今天带来${scenario.products.length}款好物；点关注，福袋马上开`,
    },
  ];
  scenario.products.forEach((product, i) => {
    const points = product.sellingPoints.slice(0, 3).join('、');
    segments.push({
      startSec: opening + i * perProduct,
      durationSec: perProduct,
      title: `${i + 1}号链接 ${product.name}`.slice(0, 40),
      // A product with no selling points written yet starts its cue with the offer, not a stray "；".
      cue: [
        points,
        product.leadOnly
          ? '预约试驾留资'
          : `直播间价 ${yuan(product.price)}（划线价 ${yuan(product.listPrice)}），发券促单`,
      ]
        .filter(Boolean)
        .join('；')
        .slice(0, 300),
      productId: product.id,
      ...(product.leadOnly
        ? {}
        : { coupon: { discount: Math.max(1, Math.round(product.price * 0.1)), threshold: 0 } }),
    });
  });
  const end = opening + scenario.products.length * perProduct;
  segments.push({
    startSec: end,
    durationSec: Math.max(10, closing),
    title: '返场与下播预告',
    cue: '回顾爆款，提醒未付款订单，预告下一场',
  });
  return segments;
}

/** Where a script breaks the rules: overlapping segments, unknown products, 广告法 absolute terms. */
export function scriptProblems(
  script: readonly LiveScriptSegment[],
  scenario: Pick<Scenario, 'products' | 'bannedWords' | 'allowedWords'>,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const productIds = new Set(scenario.products.map((p) => p.id));
  const ordered = [...script].sort((a, b) => a.startSec - b.startSec);
  for (let i = 1; i < ordered.length; i++) {
    const previous = ordered[i - 1]!;
    if (ordered[i]!.startSec < previous.startSec + previous.durationSec)
      problems.push({
        path: `script.${script.indexOf(ordered[i]!)}.startSec`,
        message: `starts before "${previous.title}" ends`,
      });
  }
  script.forEach((segment, i) => {
    if (segment.coupon && segment.coupon.threshold > 0 && segment.coupon.discount >= segment.coupon.threshold)
      problems.push({
        path: `script.${i}.coupon.discount`,
        message: 'a coupon must take off less than its threshold',
      });
    if (segment.productId && !productIds.has(segment.productId))
      problems.push({ path: `script.${i}.productId`, message: `no product "${segment.productId}"` });
    for (const field of ['title', 'cue'] as const) {
      const terms = findBannedTerms(segment[field], scenario.bannedWords, scenario.allowedWords);
      if (terms.length > 0)
        problems.push({
          path: `script.${i}.${field}`,
          message: `广告法 absolute term: ${terms.join(', ')}`,
        });
    }
  });
  return problems;
}

/**
 * Where a scenario's own texts would break the live script's rules: product names and selling points are
 * copied into the generated script's titles and cues, and the scenario's script template is what the host
 * is meant to say. A scenario saved with any of them would be refused by every room made from it, so it is
 * refused when saved, naming the scenario's own field. The generated script is checked last, as a backstop
 * (e.g. a scenario whose banned words include the script's fixed phrases).
 */
export function scenarioScriptProblems(scenario: Scenario): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const check = (path: string, text: string) => {
    const terms = findBannedTerms(text, scenario.bannedWords, scenario.allowedWords);
    if (terms.length > 0) problems.push({ path, message: `广告法 absolute term: ${terms.join(', ')}` });
  };
  scenario.products.forEach((product, i) => {
    check(`products.${i}.name`, product.name);
    product.sellingPoints.forEach((point, j) => check(`products.${i}.sellingPoints.${j}`, point));
  });
  scenario.script.forEach((line, i) => check(`script.${i}.text`, line.text));
  if (problems.length > 0) return problems;
  return scriptProblems(defaultScript(scenario), scenario).map((problem) => ({
    path: 'bannedWords',
    message: `the live script made from this scenario would break a rule (${problem.path}: ${problem.message})`,
  }));
}
