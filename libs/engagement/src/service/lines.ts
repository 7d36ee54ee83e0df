/**
 * What the simulated customer says, per category scope, in the case's language, with slots filled from the
 * product's own data (the way text/comments.ts words the live audience): `{short}` the short name (`{car}` the
 * same, for lines only a car can take), `{name}`,
 * `{price}` and `{cheaper}` (another shop's price, 15% under), `{point}` a selling point, `{variant}`, `{size}`,
 * `{hw}` height/weight, `{material}`, `{origin}`, `{weight}`, `{range}`, `{city}`, `{orderNo}`. A line needing a
 * fact the product lacks is not used; the category's own lines come before the generic ones.
 */
import type { Rng } from '../rng';
import { createRng } from '../rng';
import type { Scope } from '../text/phrasebook';
import { scopeOf } from '../text/phrasebook';
import type { CsCase, CsLanguage } from './types';

export interface Lines {
  zh?: readonly string[];
  en?: readonly string[];
}
/** Lines per category scope; the generic ones serve every category. */
export type Scoped = { generic: Lines } & Partial<Record<Scope, Lines>>;
export type Slots = Readonly<Record<string, string | undefined>>;

const HEIGHT_WEIGHT = {
  zh: ['160 100斤', '165/110', '158 95斤', '168 115斤'],
  en: ['5\'4" 120 lbs', '165cm 55kg'],
};
/** The stream of `createRng(seed, …)` that words a case's slots; the case and the turns use others. */
const SLOT_STREAM = 0x5107;

const round2 = (x: number): string => String(Math.round(x * 100) / 100);

/** A price as a customer types it: 59元, 16.98万, ¥29.9. */
export const money = (x: number, language: CsLanguage): string =>
  language === 'en' ? `¥${round2(x)}` : x >= 10000 ? `${round2(x / 10000)}万` : `${round2(x)}元`;

/** The slot values of a case (its product's facts in the case's language, its persona, its order). */
export function slotsOf(csCase: CsCase): Slots {
  const { product: p, language } = csCase;
  const en = language === 'en';
  const rng = createRng(csCase.seed, SLOT_STREAM);
  const facts = p.facts ?? {};
  const points = en ? p.sellingPointsEn : p.sellingPoints;
  const apparel = scopeOf(csCase.category) === 'apparel';
  return {
    short: p.shortName ?? (en ? p.nameEn : p.name),
    car: p.facts?.tags?.includes('car') ? (p.shortName ?? (en ? p.nameEn : p.name)) : undefined,
    name: en ? p.nameEn : p.name,
    price: money(p.price, language),
    cheaper: money(p.price * 0.85, language),
    point: points.length > 0 ? rng.pick(points) : undefined,
    variant: csCase.variant,
    size: facts.sizes && facts.sizes.length > 0 ? rng.pick(facts.sizes) : undefined,
    hw: apparel ? rng.pick(HEIGHT_WEIGHT[language]) : undefined,
    material: facts.material,
    origin: facts.origin,
    weight: facts.weight,
    range: facts.rangeKm !== undefined ? String(facts.rangeKm) : undefined,
    city: csCase.persona.city,
    orderNo: csCase.complaint?.orderNo,
  };
}

/** `template` with its slots filled, or null when a slot has no value for this case. */
export function fill(template: string, slots: Slots): string | null {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = slots[key];
    if (value === undefined) missing = true;
    return value ?? '';
  });
  return missing ? null : text;
}

/** The filled lines of `scoped` a case can say: its category's own if any fill, else the generic ones. */
export function candidates(scoped: Scoped, slots: Slots, scope: Scope, language: CsLanguage): string[] {
  const filled = (lines: Lines | undefined) =>
    (lines?.[language] ?? []).map((t) => fill(t, slots)).filter((t): t is string => t !== null);
  const own = scope === 'generic' ? [] : filled(scoped[scope]);
  return own.length > 0 ? own : filled(scoped.generic);
}

/** One line of `scoped` for the case, not `avoid` when another is left (a customer does not repeat itself). */
export function pickLine(
  scoped: Scoped,
  slots: Slots,
  scope: Scope,
  language: CsLanguage,
  rng: Rng,
  avoid?: string,
): string {
  const all = candidates(scoped, slots, scope, language);
  const fresh = all.filter((t) => t !== avoid);
  const pool = fresh.length > 0 ? fresh : all;
  if (pool.length === 0) throw new Error(`no customer line fits (${language}, ${scope})`);
  return rng.pick(pool);
}

const both = (zh: readonly string[], en: readonly string[]): Scoped => ({ generic: { zh, en } });

/** The customer's turns that do not voice an objection or a complaint, by what the conversation needs next. */
export const LINES = {
  opening: {
    generic: {
      zh: ['在吗？想问问{short}', '你好，{short}还有货吗'],
      en: ['hi, I am looking at the {short}', 'hello! is the {short} still available?'],
    },
    apparel: { zh: ['在吗？想看看{short}，{variant}还有吗'] },
    beauty: { zh: ['你好，想了解一下{short}'] },
    'agri-food': { zh: ['{short}是{origin}的吗？想买点'] },
    automotive: { zh: ['你好，想了解一下{short}'] },
    home: { en: ['hi! is the {short} still available?', 'hey, quick question about the {short}'] },
  },
  needs: {
    generic: { zh: ['自己用，主要看性价比'], en: ['it is for myself, mainly want good value'] },
    apparel: { zh: ['我{hw}，平时上班穿'] },
    beauty: { zh: ['我是混油皮，有点敏感，秋冬容易干'] },
    'agri-food': { zh: ['家里三口人，想给爸妈买点尝尝'] },
    automotive: { zh: ['平时上下班通勤，周末带孩子出去玩，{car}合适吗'] },
    home: { en: ['I just moved into a small flat, want something simple'] },
  },
  askRecommend: both(
    ['有什么推荐的吗？', '你觉得哪个适合我？'],
    ['what would you recommend?', 'which one would suit me?'],
  ),
  bargain: {
    generic: {
      zh: ['{price}能再便宜点吗？', '能便宜点吗？有券吗'],
      en: ['can you do a better price than {price}?', 'any discount? it is a bit more than I wanted'],
    },
    automotive: { zh: ['{car}{price}，落地价能再优惠点吗？'] },
  },
  confirmOrder: {
    generic: {
      zh: [
        '好吧，那我拍了{variant}，地址还是{city}那个，你帮我核对一下',
        '好，那我下单了，收货地址在{city}，帮我看看对不对',
      ],
      en: [
        'ok, ordered the {variant} one, shipping to {city}, can you double-check?',
        'ok, placing the order now, it goes to {city}, is everything right?',
      ],
    },
    apparel: { zh: ['行，拍了{variant}{size}码，地址是{city}的，你帮我看看对不对'] },
    automotive: { zh: ['行，我先拍{car}的定金券，帮我确认一下{city}的门店'] },
  },
  askAfterSale: {
    generic: {
      zh: ['好的，那什么时候发货？收到有问题怎么办？'],
      en: ['great, when will it ship? and what if something is wrong?'],
    },
    automotive: { zh: ['好的，{car}之后谁联系我约试驾？'] },
  },
  wrapUp: both(['好的，没别的问题了', '明白了，谢谢'], ['perfect, that is all', 'got it, thanks']),
  bye: both(['好的，再见～', '谢谢，拜拜'], ['thanks, bye!', 'great, bye']),
  annoyed: both(
    ['你这什么态度……', '怎么这么说话'],
    ['wow, ok. that is not very helpful.', 'no need to be like that'],
  ),
  leave: both(
    ['算了，不买了', '算了，我去别家看看'],
    ['forget it, I will shop elsewhere.', 'never mind, bye.'],
  ),
  nudge: both(['还在吗？', '所以呢？'], ['hello?', 'so?']),
  timeout: both(['我先去忙了，回头再说'], ['I have to go, maybe later']),
  soften: both(
    ['这样啊，那我就放心了', '哦，原来是这样，那还行'],
    ['oh ok, that makes me feel better', 'ah, that helps'],
  ),
  ready: both(['可以，那我拍一个', '行，那就拍了'], ['ok, I will take one', 'fine, ordering now']),
  orderNow: both(['那我现在拍吗？'], ['so should I order now?']),
  demandApology: both(
    ['你们就这个态度？连句道歉都没有', '出了问题先道个歉不行吗'],
    ['not even a sorry?', 'you could at least apologise'],
  ),
  noApologyRemedy: both(
    ['先别急着打发我，道歉呢？'],
    ['do not just throw a fix at me, where is the apology?'],
  ),
  askRemedy: both(
    ['那你们打算怎么处理？', '这事怎么解决？'],
    ['so what are you going to do about it?', 'how will you fix this?'],
  ),
  acceptRemedy: both(
    ['行吧，那就这么办，尽快', '这样还行，什么时候能弄好？'],
    ['ok, that works. how soon?', 'fine, please be quick'],
  ),
  askFollowUp: both(['处理好了会通知我吗？'], ['will you let me know when it is done?']),
  ackFollowUp: both(['好，我等你们消息'], ['ok, I will wait to hear from you']),
  escalate: both(
    ['你这什么态度？我要投诉你！', '我要去平台投诉'],
    ['that is rude. I am reporting this.', 'I am escalating this to the platform'],
  ),
  stillAngry: both(
    ['你到底有没有在听？', '问题还没解决呢'],
    ['are you even reading my messages?', 'this is still not solved'],
  ),
  byeResolved: both(['好，谢谢', '行，再见'], ['thanks, bye', 'ok, bye']),
  byeUnresolved: both(['问题都没解决就再见？我要给差评'], ['so nothing is fixed. leaving a bad review.']),
} as const satisfies Record<string, Scoped>;
export type LineKey = keyof typeof LINES;

/** Manner openers: how a chatty or careful customer starts (a direct one just says it). */
export const MANNER_OPENERS = {
  direct: { zh: '', en: '' },
  chatty: { zh: '哈喽～', en: 'hiii ' },
  careful: { zh: '你好，', en: 'Hello, ' },
} as const;
