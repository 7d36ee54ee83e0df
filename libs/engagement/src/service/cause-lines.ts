/**
 * How the simulated customer voices each objection and complaint cause, per category scope (slots as in
 * lines.ts). Every line names its cause in the words causes.ts reads it by, so a trainee who reads closely can
 * tell the type and the cause (service.spec.ts checks every line of every built-in scenario). The category
 * lines borrow the audience's own objections and complaints (text/phrasebook.ts) and the products' facts.
 */
import type { Scoped } from './lines';
import type { ComplaintCause, ComplaintType, ObjectionCause } from './types';

export const OBJECTION_LINES: Readonly<Record<ObjectionCause, Scoped>> = {
  'cheaper-elsewhere': {
    generic: {
      zh: ['我看别家{short}才卖{cheaper}，你们这{price}贵了啊', '旗舰店的{short}好像更便宜，你们怎么还贵些'],
      en: [
        'I saw the {short} for {cheaper} at another store, yours is {price}',
        'the same {short} is cheaper on Amazon',
      ],
    },
    automotive: {
      zh: ['别家店{car}落地比你们便宜一万多'],
      en: ['another dealer quoted me less for the {car}'],
    },
  },
  'over-budget': {
    generic: {
      zh: ['{price}超出我预算了，有点贵', '{short}是挺好的，就是太贵了，舍不得'],
      en: ['{price} is over my budget to be honest', 'love the {short} but it is a bit pricey for me'],
    },
    automotive: { zh: ['{price}超出我预算了，首付压力有点大'], en: ['{price} is over my budget for a car'] },
  },
  'past-bad-experience': {
    generic: {
      zh: ['上次买的{short}用了没多久就坏了，有点怕'],
      en: ['my last {short} from a live shop broke in a week'],
    },
    apparel: {
      zh: ['上次买的{short}一洗就变形了，这次的行吗'],
      en: ['my last {short} fell apart after one wash'],
    },
    beauty: {
      zh: ['之前买的{short}包装漏了一半，有点怕'],
      en: ['my last {short} arrived and broke in a day'],
    },
    'agri-food': {
      zh: ['上次买的{short}烂了一半，这次会不会也这样'],
      en: ['my last order of {short} arrived spoiled'],
    },
    automotive: {
      zh: ['之前开的车没两年电池就不行了，{car}的电池靠得住吗'],
      en: ['my last car broke after two years, is the {car} better?'],
    },
    home: {
      zh: ['上次买的{short}一个月就坏了'],
      en: [
        'the last {short} I bought broke in a month',
        'my last one died after two weeks, worried about this {short}',
      ],
    },
  },
  'looks-cheap': {
    generic: {
      zh: ['{short}看着质量一般啊，做工怎么样'],
      en: ['the {short} looks a bit flimsy in the video', 'honestly the {short} looks cheap, will it last?'],
    },
    apparel: { zh: ['{short}看着有点薄，会不会起球'], en: ['the {short} looks kind of cheap on camera'] },
    beauty: { zh: ['{short}包装看着挺廉价的，质量怎么样'], en: ['the {short} packaging looks cheap'] },
    'agri-food': {
      zh: ['{short}看着个头不大，质量怎么样啊'],
      en: ['the {short} looks a bit cheap, will it last?'],
    },
    automotive: { zh: ['{car}内饰看着塑料感挺重的'], en: ['the {car} interior looks plasticky'] },
    home: { zh: ['{short}看着塑料感很重'], en: ['the {short} looks plasticky, will it break in a week?'] },
  },
  'not-suitable': {
    generic: { zh: ['{short}我不确定适不适合我'], en: ['not sure the {short} is really for me'] },
    apparel: { zh: ['我{hw}，怕{short}穿不了'], en: ['not sure the {short} fits me, I am {hw}'] },
    beauty: {
      zh: ['我是敏感肌，{short}不知道适不适合我'],
      en: ['I have sensitive skin, not sure the {short} suits me'],
    },
    'agri-food': { zh: ['家里就我一个人，{short}{weight}吃不完吧', '家里就我一个人，{short}怕吃不完'] },
    automotive: { zh: ['我平时就市区通勤，{car}的{point}好像用不上'] },
    home: { zh: ['家里地方小，{short}放不下吧'], en: ['my flat is tiny, not sure I need a {short}'] },
  },
  'already-have': {
    generic: {
      zh: ['家里已经有一个{short}了，还要再买吗'],
      en: ['I already have a {short} at home', 'already got one, not sure I need another {short}'],
    },
    apparel: { zh: ['我衣柜里已经有好几件{short}了'] },
    beauty: { zh: ['我已经有{short}了，还没用完'] },
    automotive: { zh: ['家里已经有一辆车了，再买{car}有点犹豫'] },
  },
  authenticity: {
    generic: {
      zh: ['{short}是正品吗？别是假货'],
      en: ['is the {short} authentic? I have been burned by fakes', 'is this the genuine {short}?'],
    },
    apparel: { zh: ['说是{material}，是真的吗？别是贴牌的'] },
    beauty: { zh: ['直播间的{short}是正品吗？怕买到假货'] },
    'agri-food': { zh: ['这{short}是正宗{origin}的吗？别是贴牌的'] },
    automotive: { zh: ['{car}续航{range}公里是真的吗？别是虚标'] },
  },
  'unknown-shop': {
    generic: {
      zh: ['没听过你们这个牌子，{short}靠谱吗', '你们是新店吧？{short}评价好少'],
      en: [
        'never heard of this brand, is the {short} any good?',
        'new store, barely any reviews on the {short}',
      ],
    },
  },
  'wait-for-sale': {
    generic: {
      zh: ['等双十一再买{short}吧，说不定更便宜', '{short}过几天会不会降价？我等等再说'],
      en: [
        'I will wait for Black Friday, the {short} might be cheaper then',
        'the {short} price might drop next week, I can wait',
      ],
    },
    'agri-food': { zh: ['等年货节再买{short}吧，到时候应该有活动'] },
    automotive: { zh: ['等车展活动再买吧，{car}到时候应该有优惠'] },
  },
  'think-it-over': {
    generic: {
      zh: ['我再考虑考虑吧，{short}不急', '{short}得问问我老公，我再想想'],
      en: [
        'let me think about it, the {short} is not urgent',
        'I need to check with my partner first about the {short}',
      ],
    },
    automotive: { zh: ['买{car}这么大的事，得和家里人商量一下'] },
  },
  'returns-hassle': {
    generic: {
      zh: ['买了{short}不喜欢能退吗？怕退货麻烦'],
      en: [
        'returns are always a pain, what if the {short} does not work for me?',
        'can I return the {short} if I do not like it?',
      ],
    },
    apparel: { zh: ['{short}不合适能退吗？退换会不会很麻烦'] },
    'agri-food': { zh: ['{short}不好吃能退吗？怕退不了'] },
  },
  'no-after-sale': {
    generic: {
      zh: ['{short}坏了找谁？之前买的东西售后都不管'],
      en: [
        'if the {short} breaks, who do I contact?',
        'last time a seller never replied after I paid, what about the {short}?',
      ],
    },
    'agri-food': { zh: ['{short}收到坏的找谁？之前客服都不回'] },
    automotive: { zh: ['上次预约试驾都没人理，买了{car}售后会不会也这样'] },
  },
};

export const COMPLAINT_LINES: Readonly<Record<ComplaintCause, Scoped>> = {
  damaged: {
    generic: { zh: ['收到的{short}是坏的，怎么回事'], en: ['my {short} arrived broken'] },
    apparel: { zh: ['收到的{short}有个破洞'] },
    beauty: { zh: ['收到的{short}包装都压破了，漏了一半'] },
    'agri-food': { zh: ['收到的{short}坏了好几个，你们怎么发的货'], en: ['half my {short} arrived rotten'] },
    automotive: { zh: ['提车发现{car}车漆有划痕'] },
    home: {
      zh: ['{short}收到就坏了'],
      en: ['the {short} arrived cracked', 'the lid of my {short} was cracked when it arrived'],
    },
  },
  defect: {
    generic: { zh: ['{short}用了没几天就坏了，什么质量'], en: ['my {short} stopped working after a week'] },
    apparel: { zh: ['{short}穿了一次就开线了'], en: ['my {short} pilled after one wear'] },
    beauty: { zh: ['{short}用了两天就有问题了，质量太差'] },
    'agri-food': { zh: ['{short}放了两天就坏了一大半'] },
    automotive: { zh: ['{car}开了一个月就有异响'] },
    home: {
      zh: ['{short}用了一周就不工作了'],
      en: ['my {short} stopped working after a week', 'the {short} fell apart after two uses'],
    },
  },
  late: {
    generic: {
      zh: ['拍了三天了{short}还没发货', '{short}的物流三天没动了'],
      en: [
        'ordered the {short} last week, still not shipped',
        'tracking for my {short} has not moved for days',
      ],
    },
    automotive: { zh: ['说好的月底交付{car}，又延期了'], en: ['my {car} delivery date keeps slipping'] },
  },
  lost: {
    generic: {
      zh: ['物流显示签收了，我根本没收到{short}', '{short}的快递送错地址了'],
      en: ['tracking says delivered but I never got my {short}', 'my {short} went to the wrong address'],
    },
  },
  rude: {
    generic: {
      zh: ['问了客服{short}的事，态度特别差', '客服说爱买不买，这什么态度'],
      en: [
        'your agent was really rude to me about the {short}',
        'asked about the {short} and got a snarky attitude',
      ],
    },
  },
  'no-reply': {
    generic: {
      zh: ['问了好几次{short}的问题，客服一直不回', '{short}出了问题，客服电话打不通'],
      en: ['messaged about my {short} three times, no reply', 'nobody answers about my {short}'],
    },
  },
  mismatch: {
    generic: {
      zh: ['收到的{short}和描述不符'],
      en: [
        'the {short} does not look like the picture at all',
        'my {short} is different from the photo in the listing',
      ],
    },
    apparel: { zh: ['收到的{short}颜色和图片不一样，色差太大了'] },
    beauty: { zh: ['{short}的颜色和直播间看的差太多了'] },
    'agri-food': { zh: ['收到的{short}个头比直播里小多了，货不对板'] },
    automotive: { zh: ['到店看的{car}配置和直播说的不一样'] },
  },
  'false-claim': {
    generic: {
      zh: ['直播里说{short}{point}，结果根本不是这样', '{short}根本不像直播里说的那样，骗人'],
      en: [
        'you said the {short} was {point}, it is not. That is misleading',
        'the {short} is nothing like what you claimed, false advertising',
      ],
    },
    automotive: { zh: ['说{car}续航{range}公里，实际才跑一半，虚假宣传'] },
  },
  'refund-stuck': {
    generic: {
      zh: ['申请退款五天了还没处理，{short}我都寄回去了', '{short}退款一直在审核中'],
      en: [
        'requested a refund for the {short} days ago, still nothing',
        'my {short} refund is still pending',
      ],
    },
    automotive: { zh: ['{car}的定金申请退款一周了还没到账'] },
  },
  'warranty-refused': {
    generic: {
      zh: ['{short}坏了申请保修，你们说不在保修范围', '{short}想换个规格，客服说不给换'],
      en: [
        'the {short} broke and my warranty claim was rejected',
        'asked to exchange the {short}, request denied',
      ],
    },
    apparel: { zh: ['{short}想换个码，客服说不给换'] },
  },
};

/** What the customer hands over when the trainee verifies (核实): the order and the proof of the complaint. */
export const COMPLAINT_DETAILS: Readonly<Record<ComplaintType, { zh: string; en: string }>> = {
  quality: {
    zh: '订单号{orderNo}，坏的地方我都拍照了，发你看',
    en: 'order {orderNo}, photos of the damage are attached',
  },
  logistics: {
    zh: '订单号{orderNo}，收货地址是{city}的，你们查查物流',
    en: 'order {orderNo}, shipping to {city}, please check',
  },
  service: { zh: '订单号{orderNo}，聊天记录我截图了', en: 'order {orderNo}, I have screenshots of the chat' },
  description: {
    zh: '订单号{orderNo}，实物照片发你了，你自己对比',
    en: 'order {orderNo}, here are photos of what I got',
  },
  'after-sale': {
    zh: '订单号{orderNo}，申请记录截图发你了',
    en: 'order {orderNo}, screenshots of my request attached',
  },
};
