/**
 * A short video's storyboard (分镜脚本) and what the feed simulation reads from it: length, hook strength,
 * captions, cover and relevance to the scenario's audience. Every score is a deterministic, documented rule
 * over the script's own text and the scenario's catalogue (no model, no randomness).
 */
import { DEFAULT_ALLOWED_WORDS, DEFAULT_BANNED_WORDS } from '@livelab/session';
import { z } from 'zod';
import type { Scenario, ScenarioProduct } from '../scenario/scenario';

export const shortVideoShotSchema = z.object({
  durationSec: z.number().positive().max(180),
  /** What the shot shows (画面). */
  visual: z.string().min(1).max(120),
  /** On-screen text (字幕/花字) of the shot. */
  caption: z.string().max(60).optional(),
});

export const shortVideoScriptSchema = z.object({
  title: z.string().max(60),
  /** The first line a scroller sees or hears (黄金3秒). */
  hookLine: z.string().max(40),
  shots: z.array(shortVideoShotSchema).min(1).max(20),
  /** The one selling point the video demonstrates. */
  sellingPoint: z.string().max(60),
  callToAction: z.string().max(40),
  /** The scenario product the video sells, if any. */
  productId: z.string().min(1).optional(),
  /** The video's length. */
  durationSec: z.number().min(5).max(180),
});

export type ShortVideoShot = z.output<typeof shortVideoShotSchema>;
export type ShortVideoScript = z.output<typeof shortVideoScriptSchema>;

/** What the feed simulation needs of a video; every score in 0..1. */
export interface VideoFeatures {
  durationSec: number;
  /** How well the hook line stops a scroll in the first seconds. */
  hook: number;
  /** Burned-in subtitles and on-screen text (for sound-off viewers). */
  caption: number;
  /** The cover (shown in profile grids and search, barely in the full-screen feed). */
  cover: number;
  /** How well the video fits the scenario's audience: its product and selling point. */
  relevance: number;
}

export interface VideoExtras {
  /** Burned-in subtitles of the voice-over. */
  hasCaptions: boolean;
  /** A cover's quality, 0..1, as an instructor or a cover check rated it (default 0.5: unknown). */
  coverScore?: number;
}

/**
 * Hook rules (each documented in CALIBRATION.md, "Short-video feed"). A non-empty line earns `base`; it earns
 * `product` when it names the product (its name, English name or short name), `sellingPoint` when it names one
 * of the product's selling points, `number` for a number or a price (digits, ¥/$, or a Chinese numeral with a
 * counter: 3个, 两件, 十秒), `question` for a question or a pain point (还在…, 别再…, 踩雷, tired of…), and `readable`
 * when it can be read in about 2 s: ≤ 10 characters (CJK letters and digits; silent reading runs at roughly 250
 * characters or 230 words a minute, IReST) or ≤ 8 English words. 广告法 absolute terms (the scenario's banned
 * words, default `DEFAULT_BANNED_WORDS`: 最, 第一, 顶级…) are removed before the cues are looked for, so they add
 * nothing (第一 is not a number); they still count towards the length.
 */
export const HOOK_RULES = {
  base: 0.15,
  product: 0.2,
  sellingPoint: 0.2,
  number: 0.15,
  question: 0.15,
  readable: 0.15,
  readableChars: 10,
  readableWords: 8,
} as const;

/**
 * Relevance rules: `base` for any video of the account (its followers watch a little of everything); `product`
 * when `productId` is one of the scenario's products (`namedProduct` instead when there is no productId but the
 * title or hook names a scenario product); `sellingPoint` when the script's selling point is one of that
 * product's (zh or en, either containing the other, case and spaces ignored; `anySellingPoint` when the product
 * is not known but the point belongs to some product of the scenario). A product of another scenario earns
 * only `base`.
 */
export const RELEVANCE_RULES = {
  base: 0.15,
  product: 0.5,
  namedProduct: 0.35,
  sellingPoint: 0.35,
  anySellingPoint: 0.2,
} as const;

/** Captions: subtitles 0.6 plus 0.4 × the share of shots with on-screen text; none: 0.4 × that share. */
export const CAPTION_RULES = { subtitles: 0.6, perShotText: 0.4 } as const;

const QUESTION =
  /[?？]|吗|怎么|为什么|为啥|如何|哪|多少|是不是|\b(why|how|what|which|who|do you|does it|is it|can you)\b/i;
const PAIN =
  /还在|别再|不要再|踩雷|避坑|后悔|头疼|烦|尴尬|总是|老是|白买|智商税|翻车|\b(stop|tired of|struggl|never again|mistake|hate|annoying|ruin|wast)/i;
const NUMBER = /\d|[¥$￥]|[一二两三四五六七八九十百千万半][个件块元斤天秒分步招次款折倍包瓶盒]/;
const CJK = /[\u3400-\u9fff]/;

const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, '');
const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);
const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The text with the scenario's absolute terms blanked out (allowed words such as 最近 kept). */
function withoutAbsoluteTerms(
  text: string,
  scenario: Pick<Scenario, 'bannedWords' | 'allowedWords'>,
): string {
  const allowed = scenario.allowedWords ?? DEFAULT_ALLOWED_WORDS;
  const banned = [...(scenario.bannedWords ?? DEFAULT_BANNED_WORDS)].sort((a, b) => b.length - a.length);
  let out = text.toLowerCase();
  // Private-use characters hold the allowed words' places (no digits: they must not read as a number).
  allowed.forEach((word, i) => (out = out.split(word.toLowerCase()).join(String.fromCharCode(0xe000 + i))));
  for (const term of banned) out = out.split(term.toLowerCase()).join(' ');
  allowed.forEach((word, i) => (out = out.split(String.fromCharCode(0xe000 + i)).join(word.toLowerCase())));
  return out;
}

const namesOf = (p: ScenarioProduct): string[] => [p.name, p.nameEn, ...(p.shortName ? [p.shortName] : [])];
const pointsOf = (p: ScenarioProduct): string[] => [...p.sellingPoints, ...p.sellingPointsEn];
const mentions = (text: string, words: readonly string[]): boolean =>
  words.some((w) => norm(w).length > 0 && norm(text).includes(norm(w)));
const samePoint = (a: string, b: string): boolean => {
  const x = norm(a);
  const y = norm(b);
  return x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x));
};

/** Hook strength of `line` for a video about `product` (or any product of the scenario when unknown). */
export function hookStrength(line: string, scenario: Scenario, product?: ScenarioProduct): number {
  if (line.trim().length === 0) return 0;
  const text = withoutAbsoluteTerms(line, scenario);
  const products = product ? [product] : scenario.products;
  let score = HOOK_RULES.base;
  if (products.some((p) => mentions(text, namesOf(p)))) score += HOOK_RULES.product;
  if (products.some((p) => mentions(text, pointsOf(p)))) score += HOOK_RULES.sellingPoint;
  if (NUMBER.test(text)) score += HOOK_RULES.number;
  if (QUESTION.test(text) || PAIN.test(text)) score += HOOK_RULES.question;
  const readable = CJK.test(line)
    ? (line.match(/[\p{L}\p{N}]/gu) ?? []).length <= HOOK_RULES.readableChars
    : line.trim().split(/\s+/).length <= HOOK_RULES.readableWords;
  if (readable) score += HOOK_RULES.readable;
  return round3(clamp01(score));
}

/** The scenario product a script is about: its `productId` if the scenario has it. */
export const scriptProductOf = (script: ShortVideoScript, scenario: Scenario): ScenarioProduct | undefined =>
  script.productId === undefined ? undefined : scenario.products.find((p) => p.id === script.productId);

/** How well the script fits the scenario's audience (RELEVANCE_RULES). */
export function relevanceOf(script: ShortVideoScript, scenario: Scenario): number {
  const product = scriptProductOf(script, scenario);
  let score = RELEVANCE_RULES.base;
  if (product) {
    score += RELEVANCE_RULES.product;
    if (pointsOf(product).some((p) => samePoint(p, script.sellingPoint)))
      score += RELEVANCE_RULES.sellingPoint;
  } else if (script.productId === undefined) {
    const text = `${script.title} ${script.hookLine}`;
    if (scenario.products.some((p) => mentions(text, namesOf(p)))) score += RELEVANCE_RULES.namedProduct;
    if (scenario.products.some((p) => pointsOf(p).some((q) => samePoint(q, script.sellingPoint))))
      score += RELEVANCE_RULES.anySellingPoint;
  }
  return round3(clamp01(score));
}

/** The features `simulateFeed` runs on. */
export function videoFeatures(
  script: ShortVideoScript,
  scenario: Scenario,
  extras: VideoExtras,
): VideoFeatures {
  const product = scriptProductOf(script, scenario);
  const withText =
    script.shots.filter((s) => (s.caption ?? '').trim().length > 0).length / script.shots.length;
  const caption = (extras.hasCaptions ? CAPTION_RULES.subtitles : 0) + CAPTION_RULES.perShotText * withText;
  return {
    durationSec: script.durationSec,
    hook: hookStrength(script.hookLine, scenario, product),
    caption: round3(clamp01(caption)),
    cover: round3(clamp01(extras.coverScore ?? 0.5)),
    relevance: relevanceOf(script, scenario),
  };
}
