/**
 * The comment texts a feed run returns: a weighted reservoir sample (≤ FEED.commentSample) of every comment's
 * time, worded afterwards by the phrasebook's generator in the scenario's language and category.
 */
import type { Rng } from '../rng';
import type { Scenario } from '../scenario/scenario';
import { CommentGenerator, productContextOf } from '../text/comments';
import { FEED } from './params';

/** Efraimidis–Spirakis weighted reservoir: keeps the `size` items with the largest log(u)/weight. */
export class Reservoir {
  readonly items: Array<{ key: number; tSec: number }> = [];
  constructor(
    private readonly size: number,
    private readonly rng: Rng,
  ) {}
  offer(tSec: number, weight: number): void {
    const key = Math.log(1 - this.rng.next()) / weight;
    if (this.items.length < this.size) {
      this.items.push({ key, tSec });
      return;
    }
    let low = 0;
    for (let i = 1; i < this.items.length; i++) if (this.items[i]!.key < this.items[low]!.key) low = i;
    if (key > this.items[low]!.key) this.items[low] = { key, tSec };
  }
}

/** The sampled comments' texts: questions on the product's topics and reactions, category-true (phrasebook). */
export function commentTexts(
  scenario: Scenario,
  productId: string | undefined,
  rng: Rng,
  picked: ReadonlyArray<{ tSec: number }>,
): Array<{ tSec: number; text: string }> {
  if (picked.length === 0) return [];
  const index = Math.max(
    0,
    scenario.products.findIndex((p) => p.id === productId),
  );
  const product = productContextOf(scenario, index);
  const topics = scenario.products[index]!.topics;
  const words = new CommentGenerator(rng, scenario.category);
  return [...picked]
    .sort((a, b) => a.tSec - b.tSec)
    .map(({ tSec }) => {
      const kind = rng.next() < FEED.questionShare ? 'question' : 'praise';
      return {
        tSec: Math.round(tSec * 10) / 10,
        text: words.generate(kind, scenario.language, product, topics).text,
      };
    });
}
