/**
 * Comments that sound like a real room of the scenario's category (issue #13): over the first 500 simulated
 * comments of a 30-minute competent session per built-in scenario, no other category's wording leaks in,
 * every number the reply policy states is the product's own, full product names are rare, texts vary, and
 * everything is in the scenario's one language.
 */
import type { SessionEvent } from '@livelab/contracts';
import {
  DEFAULT_ALLOWED_WORDS,
  DEFAULT_BANNED_WORDS,
  addressesTopic,
  findBannedTerms,
} from '@livelab/session';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { runSession } from '../run-session';
import { BUILTIN_SCENARIOS } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';
import type { Scenario, ScenarioProduct } from '../scenario/scenario';
import { CommentGenerator, answerTemplates, productContextOf } from './comments';

/** Words only a room of that category would use (zh rooms), or English ones for an English room. */
const MARKERS: Record<string, readonly string[]> = {
  apparel: ['码', '穿', '洗', '面料', '起球', '显瘦', '版型'],
  beauty: ['色号', '肤质', '敏感肌', '油皮', '干皮', '闷痘', '上脸', '卸妆', '拔干', '精华'],
  'agri-food': ['产地', '保质期', '新鲜', '果园', '坏果', '农户', '老乡'],
  automotive: ['试驾', '续航', '提车', '首付', '月供', '4S', 'CLTC'],
  home: ['收纳', '台灯', '榨汁', 'blender', 'lamp', 'storage'],
};
const EN_MARKERS: Record<string, readonly string[]> = {
  apparel: ['fabric', 'cotton', 'size chart', 'try on', 'true to size'],
  beauty: ['skin', 'shade', 'serum'],
  'agri-food': ['farm', 'harvest', 'fresh'],
  automotive: ['test drive', 'down payment', 'financing', 'dealer'],
};
/** Latin tokens a Chinese room writes as they are. */
const TOLERATED_LATIN = /XXL|XL|SUV|CLTC|SPF|LED|USB|OK|ok|Lv|ml|kg|cm|km|mAh|V|g/g;

type Comment = SessionEvent & { type: 'comment' };
type Reply = SessionEvent & { type: 'comment.reply' };

const numbersIn = (text: string): number[] => (text.match(/\d+(?:\.\d+)?/g) ?? []).map(Number);

/** Every number that belongs to a product: prices, facts, names, variants, selling points, bag position. */
function productNumbers(product: ScenarioProduct, position: number): Set<number> {
  const own = new Set<number>([position, product.price, product.listPrice]);
  for (const price of [product.price, product.listPrice]) if (price >= 10000) own.add(price / 10000);
  const strings: string[] = [product.name, product.nameEn, ...product.variants, ...product.sellingPoints];
  strings.push(...product.sellingPointsEn);
  const facts = (product as { facts?: Record<string, unknown> }).facts ?? {};
  for (const value of Object.values(facts)) {
    if (typeof value === 'number') own.add(value);
    else if (typeof value === 'string') strings.push(value);
    else if (Array.isArray(value)) strings.push(...value.map(String));
  }
  for (const s of strings) for (const n of numbersIn(s)) own.add(n);
  return own;
}

const isQuestion = (c: Comment) => c.payload.kind === 'question';

describe.each(BUILTIN_SCENARIOS.map((s) => [s.id, s] as const))('comments in %s', (_id, scenario) => {
  const events = runSession({ scenario, seed: 13, actions: competentActions(scenario), minutes: 30 });
  const comments = events
    .filter((e): e is Comment => e.type === 'comment' && e.actor.startsWith('bot:'))
    .slice(0, 500);
  const replies = events.filter((e): e is Reply => e.type === 'comment.reply' && e.actor === 'host');
  const texts = [...comments.map((c) => c.payload.text), ...replies.map((r) => r.payload.text)];
  const language = (scenario as { language?: string }).language ?? 'zh';

  it('has enough to judge', () => {
    expect(comments.length).toBeGreaterThanOrEqual(300);
    expect(replies.length).toBeGreaterThan(20);
  });

  it("uses no other category's wording", () => {
    const markers = language === 'en' ? EN_MARKERS : MARKERS;
    const leaks: string[] = [];
    for (const [category, words] of Object.entries(markers)) {
      if (category === scenario.category) continue;
      for (const text of texts) {
        const word = words.find((w) => text.toLowerCase().includes(w.toLowerCase()));
        if (word) leaks.push(`${category}:${word} in "${text}"`);
      }
    }
    expect(leaks.slice(0, 10)).toEqual([]);
  });

  it("states only the product's own numbers in replies", () => {
    const sets = scenario.products.map((p, i) => productNumbers(p, i + 1));
    const random = replies
      .map((r) => r.payload.text)
      .filter((text) => {
        const numbers = numbersIn(text);
        return numbers.length > 0 && !sets.some((own) => numbers.every((n) => own.has(n)));
      });
    expect(random.slice(0, 10)).toEqual([]);
  });

  it('names the product in full in at most a quarter of the questions', () => {
    const questions = comments.filter(isQuestion);
    expect(questions.length).toBeGreaterThan(50);
    const named = questions.filter((c) => scenario.products.some((p) => c.payload.text.includes(p.name)));
    const namedEn = questions.filter((c) => scenario.products.some((p) => c.payload.text.includes(p.nameEn)));
    expect(named.length / questions.length).toBeLessThanOrEqual(0.25);
    expect(namedEn.length / questions.length).toBeLessThanOrEqual(0.25);
  });

  it('varies: at least 60% distinct texts among 500 comments', () => {
    const distinct = new Set(comments.map((c) => c.payload.text)).size;
    expect(distinct / comments.length, `${distinct}/${comments.length} distinct`).toBeGreaterThanOrEqual(0.6);
  });

  it("is all in the scenario's language", () => {
    const wrong = comments.filter((c) => c.payload.lang !== language).map((c) => c.payload.text);
    expect(wrong.slice(0, 5)).toEqual([]);
    const foreign = texts.filter((text) =>
      language === 'en'
        ? /[\u3400-\u9fff]/.test(text)
        : /[A-Za-z]{2,}/.test(text.replace(TOLERATED_LATIN, '')),
    );
    expect(foreign.slice(0, 10)).toEqual([]);
  });

  it('doubles no sentence-final particle', () => {
    const doubled = comments
      .map((c) => c.payload.text)
      .filter((t) => /[吗呢嘛吧啊呀][吗呢嘛吧啊呀]$/.test(t));
    expect(doubled.slice(0, 5)).toEqual([]);
  });
});

describe('the stock answers', () => {
  it('skip a template the room would flag', () => {
    const scenario = BUILTIN_SCENARIOS[0]!;
    const ctx = productContextOf(scenario, 0);
    for (let seed = 0; seed < 20; seed++) {
      const generator = new CommentGenerator(createRng(seed, 9), scenario.category);
      const text = generator.answer('price', 'zh', ctx, (t) => !t.includes('元'));
      expect(text).not.toContain('元');
      expect(addressesTopic(text, 'price')).toBe(true);
    }
  });

  const products = BUILTIN_SCENARIOS.flatMap((scenario: Scenario) =>
    scenario.products.map((product, index) => ({ scenario, product, index })),
  );

  it('are free of the default banned terms, state only own numbers and address their topic', () => {
    const problems: string[] = [];
    for (const { scenario, product, index } of products) {
      const ctx = productContextOf(scenario, index);
      const own = productNumbers(product, index + 1);
      for (const { topic, template } of answerTemplates()) {
        for (let seed = 0; seed < 4; seed++) {
          const text = new CommentGenerator(createRng(seed, 9), scenario.category).fillAnswer(template, ctx);
          if (text === undefined) continue;
          const banned = findBannedTerms(text, DEFAULT_BANNED_WORDS, DEFAULT_ALLOWED_WORDS);
          if (banned.length > 0) problems.push(`banned ${banned[0]}: ${text}`);
          if (numbersIn(text).some((n) => !own.has(n))) problems.push(`number: ${product.id}: ${text}`);
          if (topic !== 'link' && !addressesTopic(text, topic)) problems.push(`off topic ${topic}: ${text}`);
        }
      }
    }
    expect([...new Set(problems)].slice(0, 40)).toEqual([]);
  });
});
