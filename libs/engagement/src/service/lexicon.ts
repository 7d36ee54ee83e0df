/**
 * The words that show what a trainee's reply does, zh and en. Where they come from:
 * - the seven pre-sale steps: the standard's own names (招呼、询问、推荐、议价、核实、道别、跟进) and the stock phrases of
 *   common 客服话术 for each (亲，在的 / 请问您平时穿什么码 / 给您推荐 / 已经是活动价，再送您 / 帮您核对一下地址 /
 *   祝您生活愉快 / 发货后第一时间通知您);
 * - the complaint procedure (道歉、核实、补救、跟进): 给您添麻烦了 / 麻烦提供订单号和照片 / 为您补发或退款 / 会跟进回访;
 * - objection handling: 认同 (我理解您的顾虑), 询问原因, a reply that answers the objection's own type (ANSWERS), and
 *   a check that the doubt is gone (您看这样可以吗);
 * - politeness markers (您、请、谢谢、亲…) and rude wording the standard's 文明用语 rules out (爱买不买, 你自己看, 不知道,
 *   烦…); English lists carry the same phrases as a TikTok Shop-style seller writes them;
 * - the exam keywords provincial 网店客服 exams award points for (链接, the courier, 七天无理由 / 退换货, 售后).
 * Everything is a regular expression over the whole reply; a reply may take several steps at once.
 */
import type { CsKind, CsStep, ObjectionType } from './types';

export interface Words {
  zh: RegExp;
  en: RegExp;
}

export const matches = (words: Words, text: string): boolean => words.zh.test(text) || words.en.test(text);

export const STEP_WORDS: Readonly<Record<Exclude<CsStep, 'answer'>, Words>> = {
  greet: {
    zh: /您好|你好|欢迎(光临|来到|进店|咨询)|^亲[，,！!~～ ]|在的|在呢|很高兴为您服务|有什么可以帮/,
    en: /\b(hi|hello|hey|welcome|good (morning|afternoon|evening))\b|thanks for (reaching out|stopping by|contacting)|how can I help/i,
  },
  ask: {
    zh: /请问|您(平时|一般|主要|是想|想要|需要|打算|喜欢)|(什么|哪)(尺码|码|肤质|颜色|用途|场合|规格|价位|款)|身高|体重|预算|几口人|给谁|自用还是|(顾虑|担心|原因|不满意)的?是(什么|哪)|具体(说说|是哪|是什么)|能(说说|讲讲)|是(什么|哪方面)的?(顾虑|原因|问题)/,
    en: /may I ask|could you tell me|what (are you|do you|size|kind|colou?r|will you|is your|are your|worries|concerns)|which (one|size|colou?r)|how (will|do) you (use|plan)|your budget|tell me more|for yourself or/i,
  },
  recommend: {
    zh: /推荐|建议您|适合您|很适合|可以(试试|考虑|选)|给您挑|性价比/,
    en: /recommend|suggest|perfect for|great for|would suit|go for|try the|best fit/i,
  },
  bargain: {
    zh: /优惠|领券|券|满减|赠品|送您|包邮|到手价|活动价|直播价|价格|已经是|底价|折|划算|让利|少不了|保价/,
    en: /coupon|discount|\bprice\b|\bdeal\b|\boff\b|free shipping|\bgift\b|bonus|best we can|price match/i,
  },
  verify: {
    zh: /核对|核实|确认|地址|收货人|手机号|电话号|订单(号|信息)|拍的是|规格是|尺码是|颜色是|没错吧|是否正确|查(一下|询)|照片|截图|具体情况|了解一下情况/,
    en: /confirm|double-?check|verify|address|order (number|details|#)|is (that|this) (correct|right)|photo|picture|screenshot|look (into|up)|check (your|the|on)|let me check/i,
  },
  farewell: {
    zh: /再见|拜拜|欢迎(您)?(下次|再次)光临|欢迎再来|祝您[^，。！]{0,8}(愉快|开心|顺利)|下次再见|感谢(您的)?(光临|惠顾)/,
    en: /\bbye\b|goodbye|see you|have a (nice|great|good|lovely) (day|evening|one|weekend)|thanks for (shopping|stopping by|visiting)|take care/i,
  },
  followUp: {
    zh: /发货后|发出后|(会|将)(第一时间|及时)?(通知|告知|跟进|回访|联系)您|跟进|回访|随时(联系|找|咨询)|有(任何)?问题[^。！]{0,6}(联系|找|告诉)|收到(货)?后|(快递|物流|运)单号|物流(信息|进度)|帮您(催|盯|跟)|留意(一下)?物流/,
    en: /follow up|keep you (posted|updated)|let you know|(will|'ll) (message|update|contact|check back|get back)|tracking (number|info)|any (problem|issue|question)s?[^.!]{0,20}(message|contact|reach|let)|reach out|check in/i,
  },
  apologise: {
    zh: /抱歉|对不起|不好意思|歉意|给您添麻烦|让您(久等|失望|受累|费心|不愉快)|是我们的(问题|失误|责任)/,
    en: /sorry|apologi[sz]e|apologies|our (mistake|fault|bad)|we messed up/i,
  },
  empathise: {
    zh: /理解|明白您|能体会|您的(顾虑|担心|心情)|换(做|作)是我|我懂|确实(会|让人)/,
    en: /I understand|I see why|I hear you|makes sense|totally get|I get (it|that|why)|understandable|I know how/i,
  },
  remedy: {
    zh: /补发|重新发|重发|退款|退货|换货|换新|赔|补偿|优惠券|红包|返现|退差价|承担[^，。！]{0,4}运费|上门取件|加急|安排(处理|补发|退款|换货|师傅|维修)|为您(处理|申请|安排)|解决方案|方案|维修/,
    en: /refund|replace|replacement|resend|re-?ship|send (you )?a new|compensat|voucher|store credit|return label|cover the (return )?(shipping|postage)|repair|expedite|arrange/i,
  },
};

/** An objection-handling check that the customer's doubt is gone: counts as `verify` in an objection. */
export const RESOLUTION_CHECK: Words = {
  zh: /您看(这样)?(可以|行)吗|还有(什么|其他)(顾虑|疑问|担心)|打消[^，。！]{0,4}顾虑|放心了吗/,
  en: /does (that|this) (help|answer|make sense)|any other (concerns|questions|worries)|(is|would) that (be )?(ok|okay|alright|work)|feel better about/i,
};

/** A reply that answers an objection of each type: the facts and offers that settle it. */
export const ANSWERS: Readonly<Record<ObjectionType, Words>> = {
  price: {
    zh: /优惠|券|赠|送您|包邮|性价比|划算|到手价|活动价|直播价|一分钱一分货|保价|分期|物有所值|用料/,
    en: /coupon|discount|gift|free shipping|value|worth|price match|bundle|deal/i,
  },
  quality: {
    zh: /质检|检测|材质|做工|质保|保修|包换|品控|面料|成分|坏了包赔|坏果包赔|包赔|工艺|测试/,
    en: /quality (check|control)|tested|material|warranty|guarantee|durable|built to|replace it free/i,
  },
  need: {
    zh: /适合您|很适合|推荐您|可以选|尺码|肤质|小份|规格|正好|刚好|按您的/,
    en: /suits you|fits|for your|smaller (size|one)|perfect for|would work for|folds flat/i,
  },
  trust: {
    zh: /正品|授权|官方|旗舰|质检报告|检测报告|溯源|防伪|假一赔|产地直发|证书|地理标志|验货/,
    en: /authentic|official|authori[sz]ed|certificate|genuine|verified|traceable|brand store|reviews/i,
  },
  timing: {
    zh: /今天|现在(下单|拍)|活动(截止|结束|只到)|库存(不多|有限)|保价|错过|限时|最后/,
    en: /today|ends|limited|price protection|won'?t last|last (chance|few)|now/i,
  },
  service: {
    zh: /七天无理由|7天无理由|运费险|退换|售后|质保|保修|随时联系|包退|专属客服|上门取件/,
    en: /free returns|return|warranty|after-?sales|support|contact us|refund/i,
  },
};

/** Polite wording: 文明用语 markers a courteous reply carries. */
export const POLITE: Words = {
  zh: /您|请|谢谢|感谢|亲|麻烦|不好意思|抱歉|辛苦|稍等/,
  en: /please|thank|sorry|happy to|glad to|would you|could you|kindly|appreciate|my pleasure|of course|certainly|absolutely|no problem|welcome|\b(hi|hello)\b|great (question|choice)/i,
};

/**
 * Rude wording: the 服务禁语 of 客服 training (爱买不买, 你自己看, 不知道, 烦…). 不知道 counts alone or after 我 (不知道您…
 * asks politely); 烦 not inside 麻烦 or 烦请; "I don't know" not before if/whether/how/what.
 */
export const RUDE: Words = {
  zh: /爱买不买|你自己看|自己看(去|吧)|(^|[，。！,!\s]|我|也|都)不知道([。！!，,~～]|$|啊|呀|哦)|(?<!麻)烦(?!请)|别问了|问什么问|听不懂|说了(多少|几)遍|关我什么事|不归我管|找(别人|快递|平台)去|事(儿)?真多|买不起就别|随便你|懒得|滚|有病|神经病/,
  en: /take it or leave it|figure it out|read the (description|listing|page)|not my (problem|job|fault)|I (don'?t|do not) know\b(?! (if|whether|how|what))|whatever|stop asking|deal with it|annoying|calm down|your problem|go away|stupid|\bdumb\b/i,
};

/** An exam keyword group: the words that earn it, and which kinds of conversation it is scored in. */
export interface KeywordGroup extends Words {
  key: 'link' | 'courier' | 'returns' | 'warranty';
  label: { zh: string; en: string };
  kinds: readonly CsKind[];
}

export const EXAM_KEYWORDS: readonly KeywordGroup[] = [
  {
    key: 'link',
    label: { zh: '链接', en: 'link' },
    kinds: ['presale', 'objection'],
    zh: /链接|小黄车|购物车/g,
    en: /\blink\b|\bcart\b|\bbasket\b/gi,
  },
  {
    key: 'courier',
    label: { zh: '快递物流', en: 'courier' },
    kinds: ['presale', 'complaint'],
    zh: /快递|物流|顺丰|中通|圆通|申通|韵达|极兔|京东物流|EMS|邮政|交付|提车/g,
    en: /courier|tracking|\bUPS\b|FedEx|USPS|DHL|carrier|delivery/gi,
  },
  {
    key: 'returns',
    label: { zh: '七天无理由 / 退换货', en: 'return policy' },
    kinds: ['presale', 'objection', 'complaint'],
    zh: /七天无理由|7天无理由|退换货|退换|运费险/g,
    en: /free returns|\d+-day returns?|return policy|returns? within/gi,
  },
  {
    key: 'warranty',
    label: { zh: '售后 / 质保', en: 'after-sales / warranty' },
    kinds: ['objection', 'complaint'],
    zh: /售后|质保|保修|正品保障/g,
    en: /warranty|after-?sales|guarantee/gi,
  },
];
