/**
 * The customer-service practice engine: scripted dialogues against the simulated customer, graded. The seven
 * pre-sale steps, an objection read by type and cause, a complaint handled by the procedure, courtesy, timing,
 * determinism, and an English room. Every case here is fixed by its seed, so the expected values are concrete.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SCENARIOS,
  agriScenario,
  apparelScenario,
  beautyScenario,
  homeEnScenario,
} from '../scenario/builtin';
import { classifyComplaint, classifyObjection, classifyReply } from './classify';
import { causeLines, createCsCase } from './cs-case';
import { replyTo, startConversation } from './customer';
import { gradeCsDialogue } from './grade';
import type { CsCase, CsState } from './types';
import { COMPLAINT_TYPES, OBJECTION_TYPES, STEPS_OF } from './types';

/** Play `replies` against the case's customer, one every `gapMs` (a reply at `lateAt` comes 75 s late). */
function play(csCase: CsCase, replies: readonly string[], gapMs = 20_000): CsState {
  let state = startConversation(csCase);
  let at = 0;
  for (const text of replies) {
    at = (state.transcript.at(-1)?.atMs ?? at) + gapMs;
    state = replyTo(state, text, at);
  }
  return state;
}
const points = (grade: ReturnType<typeof gradeCsDialogue>, key: string) =>
  grade.items.find((i) => i.key === key)!;
const CJK = /[\u4e00-\u9fff]/;

const cardigan = createCsCase(apparelScenario, { kind: 'presale', seed: 3, productId: 'knit-cardigan' });
const PRESALE = {
  greetAsk: '您好，欢迎光临！请问您平时穿什么码，主要什么场合穿？',
  recommend: '给您推荐这款开衫，软糯不起球，很适合上班穿。',
  bargain: '亲，现在是直播间活动价129元，领券再减10元，还包邮。',
  verify: '好的，帮您核对一下：燕麦色M码，收货地址是杭州，对吗？',
  followUp: '48小时内发货，默认中通快递，发货后会通知您物流单号，支持七天无理由退换货，有问题随时联系我们。',
  farewell: '感谢您的支持，链接在小黄车2号，祝您购物愉快，再见！',
};
const presaleScript = (skip?: keyof typeof PRESALE) =>
  (Object.keys(PRESALE) as Array<keyof typeof PRESALE>).filter((k) => k !== skip).map((k) => PRESALE[k]);

describe('pre-sale: the seven steps', () => {
  it('(a) a dialogue covering all seven steps earns every step item and full marks', () => {
    const state = play(cardigan, presaleScript());
    expect(state.done).toBe(true);
    expect(state.outcome).toBe('bought');
    expect(state.transcript).toHaveLength(13);
    // The customer bargains after the recommendation and asks to check the order after the price answer.
    expect(state.transcript[4]!.text).toMatch(/便宜|券/);
    expect(state.transcript[6]!.text).toMatch(/对不对|核对/);
    const grade = gradeCsDialogue(cardigan, state.transcript);
    expect(grade.missingSteps).toEqual([]);
    for (const step of STEPS_OF.presale) expect(points(grade, step).points).toBe(10);
    expect(points(grade, 'verify').turns).toEqual([7]);
    expect(points(grade, 'verify').evidence).toContain('#7');
    expect(points(grade, 'farewell').turns).toEqual([11]);
    expect(points(grade, 'keywords').points).toBe(12);
    expect(grade).toMatchObject({ score: 100, max: 100 });
  });

  it('(b) without the verify turn, verify is missing and exactly its 10 points are lost', () => {
    const full = gradeCsDialogue(cardigan, play(cardigan, presaleScript()).transcript);
    const state = play(cardigan, presaleScript('verify'));
    const grade = gradeCsDialogue(cardigan, state.transcript);
    expect(grade.missingSteps).toEqual(['verify']);
    expect(points(grade, 'verify')).toMatchObject({ points: 0, max: 10, turns: [] });
    expect(points(grade, 'verify').evidence).toContain('#1, #3, #5, #7, #9');
    expect(grade.score).toBe(full.score - 10);
    for (const i of grade.items.filter((x) => x.key !== 'verify'))
      expect(i.points).toBe(points(full, i.key).points);
  });

  it('a farewell before any recommendation does not count', () => {
    const transcript = [
      { from: 'customer' as const, text: cardigan.opening, atMs: 0 },
      { from: 'trainee' as const, text: '您好，再见！', atMs: 10_000 },
      { from: 'customer' as const, text: '？', atMs: 15_000 },
      { from: 'trainee' as const, text: '给您推荐这款开衫，很适合您。', atMs: 20_000 },
    ];
    const farewell = points(gradeCsDialogue(cardigan, transcript), 'farewell');
    expect(farewell).toMatchObject({ points: 0, turns: [1] });
    expect(farewell.evidence).toContain('#3');
  });

  it('a reply later than 60 s loses its share of the timeliness points', () => {
    let state = startConversation(cardigan);
    presaleScript().forEach((text, i) => {
      const last = state.transcript.at(-1)!.atMs;
      state = replyTo(state, text, last + (i === 2 ? 75_000 : 20_000));
    });
    const timely = points(gradeCsDialogue(cardigan, state.transcript), 'timeliness');
    expect(timely).toMatchObject({ points: 7, max: 8, turns: [5] });
    expect(timely.evidence).toContain('#5');
  });

  it('ends at the 12th trainee turn, and a finished conversation takes no more turns', () => {
    const state = play(
      cardigan,
      Array.from({ length: 14 }, () => '您好'),
    );
    expect(state).toMatchObject({ done: true, outcome: 'timeout', traineeTurns: 12 });
    expect(state.transcript).toHaveLength(25);
    expect(replyTo(state, '您好', 1e9)).toBe(state);
  });
});

describe('courtesy', () => {
  it('flags rude wording and not polite wording that contains the same characters', () => {
    for (const rude of ['爱买不买', '你自己看', '不知道。', '烦死了', '我也不知道啊', 'take it or leave it'])
      expect(classifyReply(rude).rude, rude).toBe(true);
    for (const fine of [
      '麻烦您稍等一下',
      '不知道您平时穿什么码？',
      '烦请您核对地址',
      'I do not know if it fits, may I ask your size?',
    ])
      expect(classifyReply(fine).rude, fine).toBe(false);
    expect(classifyReply('麻烦您稍等一下').polite).toBe(true);
  });

  it('(e) rude wording loses the politeness points and annoys the customer', () => {
    const script = presaleScript();
    script[2] = '爱买不买，价格就是这样，你自己看详情页。';
    const state = play(cardigan, script);
    expect(state.transcript[6]!.text).toMatch(/态度|这么说话/);
    const grade = gradeCsDialogue(cardigan, state.transcript);
    expect(points(grade, 'politeness')).toMatchObject({ points: 0, max: 10, turns: [5] });
    expect(points(grade, 'politeness').evidence).toContain('爱买不买');
    expect(grade.score).toBe(90);
  });
});

describe('objections', () => {
  const serum = createCsCase(beautyScenario, {
    kind: 'objection',
    seed: 5,
    productId: 'repair-serum',
    objectionType: 'price',
  });
  const script = [
    '亲，我理解您的顾虑，请问您主要是觉得哪方面贵呢？',
    '亲，这款精华现在直播间到手价239元，领券再减20元，还送小样，性价比很高。链接在小黄车2号。',
    '您看这样可以吗？还有其他顾虑吗？',
    '感谢您的支持，祝您生活愉快，再见！',
  ];

  it('(c) the customer voices the case’s type and cause; a wrong type loses the identification points', () => {
    expect(serum.objection).toEqual({ type: 'price', cause: 'cheaper-elsewhere' });
    const state = play(serum, script);
    expect(classifyObjection(state.transcript[0]!.text)).toEqual(serum.objection);
    // Asked why, the customer explains the same cause in other words.
    expect(state.transcript[2]!.text).not.toBe(state.transcript[0]!.text);
    expect(classifyObjection(state.transcript[2]!.text)).toEqual(serum.objection);
    expect(state.outcome).toBe('bought');
    const right = gradeCsDialogue(serum, state.transcript, {
      objectionType: '价格异议',
      cause: '别家更便宜',
    });
    expect(points(right, 'objectionType')).toMatchObject({ points: 15, turns: [0, 2] });
    expect(points(right, 'objectionCause').points).toBe(10);
    expect(right.missingSteps).toEqual([]);
    const wrong = gradeCsDialogue(serum, state.transcript, {
      objectionType: 'quality',
      cause: 'cheaper-elsewhere',
    });
    expect(points(wrong, 'objectionType').points).toBe(0);
    expect(points(wrong, 'objectionType').evidence).toContain('#0');
    expect(wrong.score).toBe(right.score - 15);
    expect(gradeCsDialogue(serum, state.transcript).score).toBe(right.score - 25);

    // A Chinese case read on an English page: every item's evidence in English too, outside what was quoted.
    for (const item of wrong.items) {
      expect(item.evidenceZh).toBe(item.evidence);
      const outsideQuotes = item.evidenceEn!.replace(/"[^"]*"/g, '').replace(/trainee said: \S+/, '');
      expect(CJK.test(outsideQuotes), item.evidenceEn).toBe(false);
    }
    expect(points(wrong, 'objectionType').evidenceEn).toMatch(
      /^customer #0 ".+": price; trainee said: quality ✗$/,
    );
  });

  it('a customer whose objection is ignored leaves', () => {
    const state = play(serum, ['嗯嗯', '好的']);
    expect(state).toMatchObject({ done: true, outcome: 'left', traineeTurns: 2 });
  });

  it('every built-in case voices its objection and complaint in words the classifier reads right', () => {
    let checked = 0;
    for (const scenario of BUILTIN_SCENARIOS)
      for (const product of scenario.products)
        for (let seed = 1; seed <= 6; seed++) {
          for (const objectionType of OBJECTION_TYPES) {
            const c = createCsCase(scenario, {
              kind: 'objection',
              seed,
              productId: product.id,
              objectionType,
            });
            for (const line of causeLines(c)) expect(classifyObjection(line), line).toEqual(c.objection);
            expect(CJK.test(c.opening)).toBe(scenario.language === 'zh');
            checked++;
          }
          for (const complaintType of COMPLAINT_TYPES) {
            const c = createCsCase(scenario, {
              kind: 'complaint',
              seed,
              productId: product.id,
              complaintType,
            });
            const { type, cause } = c.complaint!;
            for (const line of causeLines(c)) expect(classifyComplaint(line), line).toEqual({ type, cause });
            checked++;
          }
        }
    expect(checked).toBe(24 * 6 * 11);
  });
});

describe('complaints', () => {
  const oranges = createCsCase(agriScenario, {
    kind: 'complaint',
    seed: 4,
    productId: 'navel-orange',
    complaintType: 'quality',
  });
  const steps = {
    apologise: '非常抱歉给您添麻烦了！',
    verify: '麻烦您提供一下订单号和坏果的照片，我马上核实。',
    remedy: '我们为您补发5斤橙子，坏果部分全额退款，运费我们承担。',
    followUp: '补发后我会第一时间把快递单号发给您，收到后有问题随时联系我们，七天无理由退换，售后有保障。',
    farewell: '再次感谢您的理解，祝您生活愉快，再见！',
  };
  const identification = { complaintType: '商品质量', cause: 'damaged' };

  it('(d) apology, verification, remedy and follow-up earn the procedure; without the apology it is missing', () => {
    expect(oranges.complaint).toMatchObject({ type: 'quality', cause: 'damaged' });
    expect(classifyComplaint(oranges.opening)).toEqual({ type: 'quality', cause: 'damaged' });
    const handled = play(oranges, Object.values(steps));
    expect(handled).toMatchObject({ outcome: 'resolved', anger: 0 });
    expect(handled.transcript[4]!.text).toContain(oranges.complaint!.orderNo);
    const full = gradeCsDialogue(oranges, handled.transcript, identification);
    for (const step of STEPS_OF.complaint)
      expect(points(full, step).points, step).toBe(points(full, step).max);
    expect(full.score).toBe(100);

    const { apologise: _, ...rest } = steps;
    const unapologetic = play(oranges, Object.values(rest));
    expect(unapologetic.outcome).toBe('unresolved');
    expect(unapologetic.transcript[4]!.text).toMatch(/道歉/);
    const grade = gradeCsDialogue(oranges, unapologetic.transcript, identification);
    expect(grade.missingSteps).toEqual(['apologise']);
    expect(points(grade, 'apologise')).toMatchObject({ points: 0, max: 12 });
    for (const step of ['verify', 'remedy', 'followUp'])
      expect(points(grade, step).points).toBe(points(full, step).max);
    expect(grade.score).toBe(88);
  });

  it('a follow-up promise before any remedy does not count', () => {
    const state = play(oranges, [
      steps.apologise,
      '有问题随时联系我们，我会跟进的。',
      steps.verify,
      steps.remedy,
    ]);
    const followUp = points(gradeCsDialogue(oranges, state.transcript), 'followUp');
    expect(followUp).toMatchObject({ points: 0, turns: [3] });
    expect(followUp.evidence).toContain('#7');
  });
});

describe('determinism and language', () => {
  it('(f) the same seed gives the same case and the same customer lines', () => {
    for (const kind of ['presale', 'objection', 'complaint'] as const) {
      const a = createCsCase(beautyScenario, { kind, seed: 42 });
      expect(createCsCase(beautyScenario, { kind, seed: 42 })).toEqual(a);
      expect(play(a, presaleScript()).transcript).toEqual(
        play(createCsCase(beautyScenario, { kind, seed: 42 }), presaleScript()).transcript,
      );
    }
    const openings = new Set(
      [1, 2, 3, 4, 5].map((seed) => createCsCase(agriScenario, { kind: 'objection', seed }).opening),
    );
    expect(openings.size).toBeGreaterThan(1);
  });

  it('(g) an English room’s customer speaks English and English replies are classified and graded', () => {
    const blender = createCsCase(homeEnScenario, { kind: 'presale', seed: 2, productId: 'portable-blender' });
    const state = play(blender, [
      'Hi, welcome! May I ask what you will use it for?',
      'Happy to help! I would recommend the blender: one-tap blending and USB-C charging, perfect for a small flat.',
      'Great question! It is ¥29.9 today, and you can claim a coupon for ¥5 off with free shipping.',
      'Thank you! Let me confirm: Pink blender, shipping to your address, is that correct?',
      'It ships within 48 hours and I will send you the tracking number; free returns within 30 days, please message us with any problem.',
      'The link is in the cart, thanks for shopping with us, have a great day, bye!',
    ]);
    for (const turn of state.transcript.filter((t) => t.from === 'customer'))
      expect(CJK.test(turn.text), turn.text).toBe(false);
    expect(state.transcript[2]!.text).toContain('small flat');
    expect(state.transcript.filter((t) => t.from === 'trainee').map((t) => t.steps)).toEqual([
      ['greet', 'ask'],
      ['recommend'],
      ['bargain'],
      ['verify'],
      ['followUp'],
      ['farewell'],
    ]);
    const grade = gradeCsDialogue(blender, state.transcript);
    expect(grade).toMatchObject({ score: 100, missingSteps: [] });
    expect(points(grade, 'keywords').evidence).toBe(
      'link #11 "link"; courier #9 "tracking"; return policy #9 "free returns"',
    );
    const objection = createCsCase(homeEnScenario, { kind: 'objection', seed: 9 });
    expect(classifyObjection(objection.opening)).toEqual(objection.objection);
    expect(
      classifyReply('I am so sorry, could you send a photo? We will send a replacement and follow up.').steps,
    ).toEqual(['verify', 'followUp', 'apologise', 'remedy']);
  });
});
