/**
 * Comment text in zh-CN and en from templates with slot filling. A room draws only from the generic
 * templates and its own category's (phrasebook.ts); products are referred to as viewers do (这个, the short
 * name, 3号链接…), and the reply policy's answers state only the product's own facts. Real platforms fold
 * identical messages, so the generator keeps a memory of recent texts and rewords repeats.
 */
import type { CommentKind, CommentLang } from '@livelab/contracts';
import type { Rng } from '../rng';
import { createRng } from '../rng';
import type { ProductFacts, Scenario } from '../scenario/scenario';
import type { ChatKind, Phrases, Scope, TopicTemplates } from './phrasebook';
import {
  ADDRESS,
  CATEGORY_ANSWERS,
  CATEGORY_QUESTIONS,
  CHAT,
  COMPLAINTS,
  GIVEAWAY_ENTRY,
  LINK_ANSWERS,
  LINK_QUESTIONS,
  OBJECTIONS,
  OPENERS,
  RESTOCK,
  SUFFIXES,
  UNANSWERED,
  scopeOf,
} from './phrasebook';
import { TOPIC_PHRASES } from './topic-phrases';

/** Viewer-side height/weight as people type them. */
const HEIGHT_WEIGHT: Phrases = {
  zh: [
    '160 100斤',
    '165/110',
    '158 95斤',
    '身高170体重120',
    '155，90斤',
    '168 115斤',
    '172/130',
    '163 105斤',
    '175 140斤',
    '150 85斤',
    '160 120斤',
    '178 150斤',
    '162 微胖',
    '167 偏瘦',
  ],
  en: ['5\'4" 120 lbs', '165cm 55kg', '5\'7" 140 lbs', '170cm 65kg', '5\'2" petite', '5\'9" curvy'],
};
const CITIES: Phrases = {
  zh: [
    '北京',
    '上海',
    '广州',
    '成都',
    '杭州',
    '武汉',
    '西安',
    '长沙',
    '郑州',
    '南京',
    '沈阳',
    '昆明',
    '新疆',
    '哈尔滨',
    '厦门',
    '重庆',
    '苏州',
    '青岛',
    '大连',
    '合肥',
  ],
  en: [
    'Texas',
    'London',
    'Manchester',
    'Toronto',
    'Sydney',
    'Ohio',
    'LA',
    'Chicago',
    'Dallas',
    'Leeds',
    'Florida',
  ],
};

/** How often a question asks which link the product is (answered with its real bag position). */
const LINK_QUESTION_SHARE = 0.08;
/** How often a question or request opens with 主播 / 请问 / 姐妹们…. */
const OPENER_SHARE = 0.3;
/** How often a viewer's text is drawn from the category's own templates when both pools have some. */
const CATEGORY_SHARE = 0.6;
const MEMORY = 256;
/** The wording stream's id under the seed drawn from the text stream. */
const WORDS_STREAM = 11;
/** When there is nothing topical to say (a complaint that nobody answers, say). */
const NO_TOPIC_ANSWERS: Phrases = {
  zh: ['感谢支持，有问题随时问', '不好意思刚看到，马上安排', '抱歉久等了，有问题随时问'],
  en: ['thanks, ask me anything', 'sorry, just saw this, on it', 'sorry for the wait, ask away'],
};

/** What the generator knows of a product: words in the scenario's language, facts, bag position. */
export interface CommentProductContext {
  /** The full name in the scenario's language. */
  name: string;
  shortName?: string;
  variants: readonly string[];
  sellingPoints: readonly string[];
  /** The shelf price (yuan) — a room's own price replaces the catalogue's when answering. */
  price: number;
  listPrice: number;
  /** Index + 1 in the scenario's products: its position in the bag (N号链接). */
  position: number;
  productCount: number;
  leadOnly: boolean;
  facts: ProductFacts;
  tags: readonly string[];
}

/** Product `index` of a scenario as the comments see it (in the scenario's language). */
export function productContextOf(scenario: Scenario, index: number): CommentProductContext {
  const p = scenario.products[index]!;
  const en = scenario.language === 'en';
  const facts = p.facts ?? {};
  return {
    name: en ? p.nameEn : p.name,
    ...(p.shortName !== undefined ? { shortName: p.shortName } : {}),
    variants: p.variants,
    sellingPoints: en ? p.sellingPointsEn : p.sellingPoints,
    price: p.price,
    listPrice: p.listPrice,
    position: index + 1,
    productCount: scenario.products.length,
    leadOnly: p.leadOnly,
    facts,
    tags: facts.tags ?? [],
  };
}

export interface GeneratedComment {
  text: string;
  topic?: string;
  /** What a stock answer should say when there is no topic: `link` = the product's bag position. */
  ask?: 'link';
}

export type SpecialComment = 'restock' | 'giveaway' | 'unanswered';

/** Every stock answer template with its topic (`link`: which link), for checks over all of them. */
export function answerTemplates(): Array<{ topic: string; template: string }> {
  const out: Array<{ topic: string; template: string }> = [];
  for (const [topic, phrases] of Object.entries(TOPIC_PHRASES))
    for (const template of [...phrases.answersZh, ...phrases.answersEn]) out.push({ topic, template });
  for (const table of Object.values(CATEGORY_ANSWERS))
    for (const [topic, phrases] of Object.entries(table ?? {}))
      for (const template of [...phrases.zh, ...phrases.en]) out.push({ topic, template });
  for (const template of [...LINK_ANSWERS.zh, ...LINK_ANSWERS.en]) out.push({ topic: 'link', template });
  return out;
}

type Mode = 'comment' | 'answer' | 'link';
type SuffixGroup = 'question' | 'statement' | 'negative';

const fmt = (x: number): string => String(Math.round(x * 100) / 100);
const PARTICLE_END = /[吗呢嘛吧啊呀哦哈啦咯么]$/;
const MARK_END = /[？?！!。～~….\]\p{Extended_Pictographic}\uFE0F]$/u;
const NO_WORDS = /^[^\p{L}\p{N}]*$/u;

export class CommentGenerator {
  private readonly recent: string[] = [];
  private readonly recentSet = new Set<string>();
  private readonly scope: Scope;
  /** Eligible templates per pool and product (eligibility depends only on the product's static data). */
  private readonly pools = new Map<string, readonly string[]>();

  /** Wording only (templates, slots, openers, suffixes): never what a comment is about. */
  private readonly words: Rng;

  /**
   * `rng` draws what a comment is about (its topic, whether it asks which link) — that moves the audience,
   * so it is all a draw of `rng` does; the wording comes from a stream of its own (`words`, derived from
   * `rng` once), so rewording templates never shifts how the room behaves.
   */
  constructor(
    private readonly rng: Rng,
    category = 'generic',
    words?: Rng,
  ) {
    this.scope = scopeOf(category);
    this.words = words ?? createRng(rng.int(0x7fffffff), WORDS_STREAM);
  }

  generate(
    kind: CommentKind,
    lang: CommentLang,
    product: CommentProductContext,
    topics: readonly string[],
    special?: SpecialComment,
  ): GeneratedComment {
    const rng = this.rng;
    let topic: string | undefined;
    let ask: 'link' | undefined;
    let templates: readonly string[];
    let group: SuffixGroup = 'statement';
    let opener = false;
    let mode: Mode = 'comment';
    if (special === 'restock') {
      templates = this.eligible(`restock:${lang}`, RESTOCK[lang], product, 'comment');
      topic = 'stock';
    } else if (special === 'giveaway') {
      templates = this.eligible(`giveaway:${lang}`, GIVEAWAY_ENTRY[lang], product, 'comment');
    } else if (special === 'unanswered') {
      templates = this.eligible(`unanswered:${lang}`, UNANSWERED[lang], product, 'comment');
      group = 'negative';
    } else if (kind === 'question') {
      group = 'question';
      opener = true;
      if (rng.next() < LINK_QUESTION_SHARE) {
        ask = 'link';
        mode = 'link';
        templates = this.eligible(`link:${lang}`, LINK_QUESTIONS[lang], product, 'link');
      } else {
        topic = topics.length > 0 ? rng.pick(topics) : 'price';
        templates = this.questionPool(topic, lang, product);
        if (templates.length === 0) {
          topic = 'price';
          templates = this.questionPool(topic, lang, product);
        }
      }
    } else if (kind === 'objection' || kind === 'complaint') {
      group = 'negative';
      const entry = this.pickTopical(kind === 'objection' ? OBJECTIONS : COMPLAINTS, lang, product);
      topic = entry.topic;
      templates = entry.templates;
    } else {
      const chatKind: ChatKind = (CHAT.generic?.[kind as ChatKind] ? kind : 'greeting') as ChatKind;
      opener = chatKind === 'request';
      group = chatKind === 'abuse' ? 'negative' : 'statement';
      templates = this.chatPool(chatKind, lang, product);
    }
    let text = '';
    for (let attempt = 0; attempt < 6; attempt++) {
      text = this.fill(this.words.pick(templates), lang, product, mode) ?? '';
      if (opener && this.words.next() < OPENER_SHARE) text = this.withOpener(text, lang);
      text = this.withSuffix(text, lang, group);
      if (lang === 'en' && this.words.next() < 0.3) text = text.charAt(0).toUpperCase() + text.slice(1);
      if (!this.recentSet.has(text)) break;
    }
    this.remember(text);
    return { text, ...(topic !== undefined ? { topic } : {}), ...(ask !== undefined ? { ask } : {}) };
  }

  /**
   * A stock answer for the reply policy: addresses the topic by construction and states only the product's
   * own facts (`product.price` is the room's shelf price). Templates whose text `acceptable` rejects (banned
   * terms) are skipped; when none is left the generic thanks is returned, acceptable or not.
   */
  answer(
    key: string | undefined,
    lang: CommentLang,
    product: CommentProductContext,
    acceptable: (text: string) => boolean = () => true,
  ): string {
    const templates = this.answerPool(key, lang, product);
    if (templates.length > 0) {
      const start = this.words.int(templates.length);
      for (let k = 0; k < templates.length; k++) {
        const body = this.fill(
          templates[(start + k) % templates.length]!,
          lang,
          product,
          key === 'link' ? 'link' : 'answer',
        );
        if (body === undefined) continue;
        const text = this.address(lang) + body;
        if (acceptable(text)) return text;
      }
    }
    return this.words.pick(NO_TOPIC_ANSWERS[lang]);
  }

  /** One answer template filled for a product, or undefined when the product lacks a fact it needs. */
  fillAnswer(template: string, product: CommentProductContext): string | undefined {
    const isLink = LINK_ANSWERS.zh.includes(template) || LINK_ANSWERS.en.includes(template);
    const lang: CommentLang = /[\u3400-\u9fff]/.test(template) ? 'zh' : 'en';
    return this.fill(template, lang, product, isLink ? 'link' : 'answer');
  }

  // ---------------------------------------------------------------- pools

  private eligible(
    key: string,
    templates: readonly string[],
    product: CommentProductContext,
    mode: Mode,
  ): readonly string[] {
    const cacheKey = `${product.position}|${key}`;
    let pool = this.pools.get(cacheKey);
    if (!pool) {
      pool = templates.filter((t) => this.fits(t, product, mode));
      this.pools.set(cacheKey, pool);
    }
    return pool;
  }

  /** The category's own templates CATEGORY_SHARE of the time when both it and the generic pool have some. */
  private either(own: readonly string[], generic: readonly string[]): readonly string[] {
    if (own.length === 0) return generic;
    if (generic.length === 0) return own;
    return this.words.next() < CATEGORY_SHARE ? own : generic;
  }

  private questionPool(topic: string, lang: CommentLang, product: CommentProductContext): readonly string[] {
    const own = CATEGORY_QUESTIONS[this.scope]?.[topic]?.[lang] ?? [];
    const generic = TOPIC_PHRASES[topic];
    const genericTemplates = generic ? (lang === 'zh' ? generic.questionsZh : generic.questionsEn) : [];
    return this.either(
      this.eligible(`q:${topic}:${lang}`, own, product, 'comment'),
      this.eligible(`qg:${topic}:${lang}`, genericTemplates, product, 'comment'),
    );
  }

  private answerPool(
    key: string | undefined,
    lang: CommentLang,
    product: CommentProductContext,
  ): readonly string[] {
    if (key === undefined) return [];
    if (key === 'link') return this.eligible(`a:link:${lang}`, LINK_ANSWERS[lang], product, 'link');
    const own = CATEGORY_ANSWERS[this.scope]?.[key]?.[lang] ?? [];
    const generic = TOPIC_PHRASES[key];
    const genericTemplates = generic ? (lang === 'zh' ? generic.answersZh : generic.answersEn) : [];
    return this.either(
      this.eligible(`a:${key}:${lang}`, own, product, 'answer'),
      this.eligible(`ag:${key}:${lang}`, genericTemplates, product, 'answer'),
    );
  }

  private chatPool(kind: ChatKind, lang: CommentLang, product: CommentProductContext): readonly string[] {
    const own = this.scope === 'generic' ? [] : (CHAT[this.scope]?.[kind]?.[lang] ?? []);
    return this.either(
      this.eligible(`c:${kind}:${lang}`, own, product, 'comment'),
      this.eligible(`cg:${kind}:${lang}`, CHAT.generic?.[kind]?.[lang] ?? [], product, 'comment'),
    );
  }

  /** An objection or complaint: the category's own CATEGORY_SHARE of the time, else a generic one. */
  private pickTopical(
    table: Partial<Record<Scope, readonly TopicTemplates[]>>,
    lang: CommentLang,
    product: CommentProductContext,
  ): { topic: string; templates: readonly string[] } {
    const own = this.scope === 'generic' ? [] : (table[this.scope] ?? []);
    const generic = table.generic ?? [];
    const ofEntry = (entry: TopicTemplates, scope: string) =>
      this.eligible(`t:${scope}:${entry.topic}:${lang}:${entry.zh[0]}`, entry[lang], product, 'comment');
    const usable = (entries: readonly TopicTemplates[], scope: string) =>
      entries.filter((entry) => ofEntry(entry, scope).length > 0);
    const mine = usable(own, this.scope);
    const common = usable(generic, 'generic');
    const useOwn = mine.length > 0 && (common.length === 0 || this.rng.next() < CATEGORY_SHARE);
    const entries = useOwn ? mine : common;
    if (entries.length === 0)
      return { topic: 'price', templates: [lang === 'zh' ? '太贵了' : 'too expensive'] };
    const entry = this.rng.pick(entries);
    return { topic: entry.topic, templates: ofEntry(entry, useOwn ? this.scope : 'generic') };
  }

  // ---------------------------------------------------------------- filling

  private withOpener(text: string, lang: CommentLang): string {
    if (NO_WORDS.test(text) || [...text].length <= 4 || /^(主播|请问|问)/.test(text)) return text;
    const own = this.scope === 'generic' ? [] : (OPENERS[this.scope]?.[lang] ?? []);
    const openers = [...(OPENERS.generic?.[lang] ?? []), ...own];
    return openers.length > 0 ? this.words.pick(openers) + text : text;
  }

  /** A particle, a mark or an emoji — never a second particle after 吗/呢/吧…, nor a mark after a mark. */
  private withSuffix(text: string, lang: CommentLang, group: SuffixGroup): string {
    if (NO_WORDS.test(text)) return text;
    const set = SUFFIXES[lang][group];
    const u = this.words.next();
    const endsMark = MARK_END.test(text);
    const endsParticle = PARTICLE_END.test(text);
    if (u < 0.55) return text;
    if (u < 0.8) return endsMark ? text : text + this.words.pick(set.marks);
    if (u < 0.9) {
      if (endsMark || endsParticle || set.particles.length === 0) return text;
      return text + this.words.pick(set.particles as readonly string[]);
    }
    return text + this.words.pick(set.emoji);
  }

  private address(lang: CommentLang): string {
    const own = this.scope === 'generic' ? [] : (ADDRESS[this.scope]?.[lang] ?? []);
    return this.words.pick([...(ADDRESS.generic?.[lang] ?? ['']), ...own]);
  }

  /** Whether every slot of a template can be filled for the product (answers take no viewer-side numbers). */
  private fits(template: string, product: CommentProductContext, mode: Mode): boolean {
    for (const match of template.matchAll(/\{([!:\w]+)\}/g)) {
      const slot = match[1]!;
      if (slot.startsWith('if:')) {
        if (!this.guard(slot.slice(3), product)) return false;
        continue;
      }
      if (mode !== 'comment' && (slot === 'hw' || slot === 'n' || slot === 'k')) return false;
      if (!this.has(slot, product)) return false;
    }
    const variantSlots = template.split('{v}').length - 1;
    return (
      variantSlots <= Math.max(1, product.variants.length) &&
      (variantSlots === 0 || product.variants.length > 0)
    );
  }

  private guard(tag: string, product: CommentProductContext): boolean {
    if (tag.startsWith('!')) return !this.guard(tag.slice(1), product);
    if (tag === 'lead') return product.leadOnly;
    if (tag === 'order') return !product.leadOnly;
    if (tag === 'cheap') return product.price < 1000;
    return product.tags.includes(tag);
  }

  private has(slot: string, product: CommentProductContext): boolean {
    const f = product.facts;
    switch (slot) {
      case 'short':
        return product.shortName !== undefined;
      case 'point':
        return product.sellingPoints.length > 0;
      case 'range':
        return f.rangeKm !== undefined;
      case 'down':
        return f.downPaymentPct !== undefined;
      case 'warranty':
        return f.warrantyYears !== undefined;
      case 'origin':
        return f.origin !== undefined;
      case 'shelf':
        return f.shelfLifeDays !== undefined;
      case 'size':
      case 'sizes':
        return (f.sizes?.length ?? 0) > 0;
      case 'shade':
      case 'shades':
        return (f.shades?.length ?? 0) > 0;
      case 'material':
        return f.material !== undefined;
      case 'weight':
        return f.weight !== undefined;
      case 'spec':
        return f.spec !== undefined;
      case 'taste':
        return f.taste !== undefined;
      case 'ship':
        return f.shipsWithinHours !== undefined;
      default:
        return true;
    }
  }

  /** How a viewer (or the host) refers to the product: mostly not by its full name. */
  private reference(
    lang: CommentLang,
    product: CommentProductContext,
    droppable: boolean,
    mode: Mode,
  ): string {
    const zh = lang === 'zh';
    const refs: Array<[string, number]> = zh
      ? [
          ['这个', 3],
          ['这款', 2],
          [product.name, mode === 'answer' ? 3 : 1],
        ]
      : [
          ['this', 2],
          ['this one', 2],
          [product.name, mode === 'answer' ? 3 : 1],
        ];
    if (product.shortName !== undefined) refs.push([zh ? product.shortName : `the ${product.shortName}`, 3]);
    if (mode === 'comment') {
      refs.push([zh ? `${product.position}号链接` : `link ${product.position}`, 1.5]);
      refs.push([zh ? `${product.position}号` : `#${product.position}`, 1]);
    } else if (mode === 'answer') {
      refs.push([zh ? `${product.position}号链接` : `link ${product.position}`, 0.5]);
    }
    if (droppable) refs.push(['', zh ? 3 : 0]);
    let u = this.words.next() * refs.reduce((sum, [, w]) => sum + w, 0);
    for (const [ref, w] of refs) if ((u -= w) < 0) return ref;
    return refs[0]![0];
  }

  private fill(
    template: string,
    lang: CommentLang,
    product: CommentProductContext,
    mode: Mode,
  ): string | undefined {
    if (!this.fits(template, product, mode)) return undefined;
    const zh = lang === 'zh';
    const list = (items: readonly string[]) => items.join(zh ? '、' : ', ');
    const money = (x: number) => (zh && x >= 10000 ? `${fmt(x / 10000)}万` : fmt(x));
    const usedVariants: string[] = [];
    let lastValue = '';
    let lastEnd = -1;
    const text = template.replace(/\{([!:\w]+)\}/g, (match: string, slot: string, offset: number) => {
      let value = this.slotValue(slot, lang, product, mode, usedVariants, list, money);
      // Two slots back to back (a name ending in a digit, a spec starting with one) get a space between.
      if (offset === lastEnd && /[\dA-Za-z]$/.test(lastValue) && /^[\dA-Za-z]/.test(value))
        value = ` ${value}`;
      if (value !== '') lastValue = value;
      lastEnd = offset + match.length;
      return value;
    });
    return text.replace(/^[，, ]+/, '').replace(/\s{2,}/g, ' ');
  }

  private slotValue(
    slot: string,
    lang: CommentLang,
    product: CommentProductContext,
    mode: Mode,
    usedVariants: string[],
    list: (items: readonly string[]) => string,
    money: (x: number) => string,
  ): string {
    const rng = this.words;
    const f = product.facts;
    switch (slot) {
      case 'p':
      case 'P':
        return this.reference(lang, product, slot === 'p', mode);
      case 'v': {
        const left = product.variants.filter((v) => !usedVariants.includes(v));
        const v = rng.pick(left.length > 0 ? left : product.variants);
        usedVariants.push(v);
        return v;
      }
      case 'short':
        return product.shortName ?? '';
      case 'point':
        return rng.pick(product.sellingPoints);
      case 'pos':
        return String(product.position);
      case 'price':
        return money(product.price);
      case 'list':
        return money(product.listPrice);
      case 'range':
        return String(f.rangeKm);
      case 'down':
        return String(f.downPaymentPct);
      case 'warranty':
        return String(f.warrantyYears);
      case 'origin':
        return f.origin ?? '';
      case 'shelf':
        return String(f.shelfLifeDays);
      case 'size':
        return rng.pick(f.sizes ?? ['']);
      case 'sizes':
        return list(f.sizes ?? []);
      case 'shade':
        return rng.pick(f.shades ?? ['']);
      case 'shades':
        return list(f.shades ?? []);
      case 'material':
        return f.material ?? '';
      case 'weight':
        return f.weight ?? '';
      case 'spec':
        return f.spec ?? '';
      case 'taste':
        return f.taste ?? '';
      case 'ship':
        return String(f.shipsWithinHours);
      case 'hw':
        return rng.pick(HEIGHT_WEIGHT[lang]);
      case 'city':
        return rng.pick(CITIES[lang]);
      case 'n':
        return String(2 + rng.int(4));
      case 'k':
        return String(1 + rng.int(product.productCount));
      default:
        return '';
    }
  }

  private remember(text: string): void {
    this.recent.push(text);
    this.recentSet.add(text);
    if (this.recent.length > MEMORY) this.recentSet.delete(this.recent.shift() as string);
  }
}
