import type { CommentKind } from '@livelab/contracts';
import { detectTopics } from './topics';

/**
 * What kind of comment a human wrote, so that their questions enter the same unanswered queue, response
 * times and complaint handling as the simulated viewers'. Keyword rules, zh-CN and en; order matters: a
 * complaint phrased as a question is still a complaint.
 */
const RULES: Array<[CommentKind, RegExp]> = [
  ['abuse', /傻|垃圾主播|骗子|滚|idiot|stupid|scam(mer)?\b/i],
  ['spam', /加微信|加v|私聊我|兼职|刷单|免费领|https?:\/\/|www\./i],
  [
    'complaint',
    /退款|退货|投诉|差评|发错|没收到|还没发货|不发货|坏了|破损|refund|complain|wrong item|never arrived|not arrived|broken/i,
  ],
  ['objection', /太贵|贵了|别家|更便宜|不值|质量不行|智商税|too expensive|cheaper|not worth|overpriced/i],
  ['purchase', /已拍|拍了|下单了|已下单|买了|抢到了|付款了|bought|ordered|just paid/i],
  ['request', /看看|试穿|试一下|展示|讲讲|再讲|能不能.*(看|试|讲)|show (me|us)|try (it )?on|can you show/i],
  [
    'question',
    /[?？]|吗|多少|怎么|什么|哪|几|能不能|可以.*吗|有没有|how|what|when|which|does|is there|can i/i,
  ],
  ['greeting', /^(来了|你好|大家好|主播好|晚上好|早上好|hi|hello|hey)/i],
  ['praise', /好看|喜欢|漂亮|不错|太美|好用|支持|爱了|love|nice|beautiful|great|awesome/i],
];

export interface CommentClassification {
  kind: CommentKind;
  /** The first topic the text mentions (price, size, shipping…), for questions and objections. */
  topic?: string;
}

export function classifyComment(text: string): CommentClassification {
  const kind = RULES.find(([, pattern]) => pattern.test(text))?.[0] ?? 'chat';
  const topic = detectTopics(text)[0];
  return topic !== undefined &&
    (kind === 'question' || kind === 'objection' || kind === 'complaint' || kind === 'request')
    ? { kind, topic }
    : { kind };
}
