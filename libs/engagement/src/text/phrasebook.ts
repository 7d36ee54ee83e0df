/**
 * What simulated viewers say and the reply policy's stock answers, per category scope. A room draws from the
 * generic scope plus its own category's, never from another category's (no 主播穿上看看 in a car launch).
 *
 * Slots (see `CommentGenerator.fill`):
 * - product: `{p}` a short reference that may be dropped (这个, 这款, the short name, 3号链接…), `{P}` one that
 *   is never dropped, `{v}` a variant, `{short}` the short name, `{point}` a selling point, `{pos}` the bag
 *   position (index + 1);
 * - the product's own facts: `{price}`, `{list}`, `{range}`, `{down}`, `{warranty}`, `{origin}`, `{shelf}`,
 *   `{size}`/`{sizes}`, `{shade}`/`{shades}`, `{material}`, `{weight}`, `{spec}`, `{taste}`, `{ship}` — a
 *   template needing a fact the product lacks is not used;
 * - viewer-side: `{hw}` height/weight, `{city}`, `{n}` a small count, `{k}` some link number. Answers may not
 *   use viewer-side numbers (`{hw}`, `{n}`, `{k}`): every number an answer states is the product's.
 * - guards (print nothing): `{if:tag}` / `{if:!tag}` on the product's `facts.tags`, plus `lead`, `order`
 *   (lead-only or not) and `cheap` (under ¥1,000).
 */

export type Scope = 'generic' | 'apparel' | 'beauty' | 'agri-food' | 'automotive' | 'home';

export interface Phrases {
  zh: readonly string[];
  en: readonly string[];
}

export interface TopicTemplates extends Phrases {
  topic: string;
}

/** The category scope of a scenario's `category` (aliases included); anything else only gets the generic one. */
export function scopeOf(category: string): Scope {
  const key = category.trim().toLowerCase();
  const aliases: Record<string, Scope> = {
    apparel: 'apparel',
    fashion: 'apparel',
    clothing: 'apparel',
    服装: 'apparel',
    女装: 'apparel',
    beauty: 'beauty',
    cosmetics: 'beauty',
    美妆: 'beauty',
    'agri-food': 'agri-food',
    agri: 'agri-food',
    food: 'agri-food',
    农产品: 'agri-food',
    automotive: 'automotive',
    auto: 'automotive',
    car: 'automotive',
    汽车: 'automotive',
    home: 'home',
    household: 'home',
    家居: 'home',
  };
  return aliases[key] ?? 'generic';
}

// ------------------------------------------------------------------ questions by topic, per category

/** Category-specific questions per topic (added to the generic ones of topic-phrases.ts). */
export const CATEGORY_QUESTIONS: Partial<Record<Scope, Readonly<Record<string, Phrases>>>> = {
  apparel: {
    size: {
      zh: [
        '{hw}穿什么码',
        '{hw}能穿吗',
        '{hw}拍M还是L',
        '{p}偏大还是偏小',
        '{p}有大码吗',
        '{p}码数准吗',
        '{if:pants}腰围二尺二拍哪个码',
        '{if:pants}{hw}裤长够吗',
        '{if:outer}里面能穿卫衣吗',
        '{hw}{v}拍什么码',
        '胯宽穿{p}显胖吗',
        '{p}是修身的还是宽松的',
      ],
      en: ['what size for {hw}?', 'does {P} run small?', 'is there a plus size?'],
    },
    colour: {
      zh: [
        '{v}显黑吗',
        '{v}和{v}哪个好看',
        '能看看{v}吗',
        '{v}还有吗',
        '{p}有几个颜色',
        '黄皮穿{v}可以吗',
        '{v}会不会很挑人',
        '{v}好搭衣服吗',
      ],
      en: ['what colours does {P} come in?', 'can you show the {v} one?'],
    },
    material: {
      zh: [
        '{p}什么面料',
        '{p}起球吗',
        '{if:top}{p}是纯棉的吗',
        '{p}会掉色吗',
        '{p}透不透',
        '{p}扎不扎人',
        '{p}洗了会缩水吗',
        '{p}厚不厚',
        '{if:outer}{p}保暖吗',
        '{if:down}{p}会钻绒吗',
      ],
      en: ['what fabric is {P}?', 'does {P} pill?', 'is it 100% cotton?'],
    },
    warranty: {
      zh: ['{p}不合适能退吗', '穿了不合身能换码吗', '有运费险吗'],
      en: ['can I exchange the size?'],
    },
  },
  beauty: {
    colour: {
      zh: [
        '{if:makeup}{p}有几个色号',
        '{if:makeup}黄皮适合哪个色号',
        '{if:makeup}{v}显白吗',
        '{if:makeup}{v}和{v}哪个日常',
        '{if:makeup}能试一下{v}吗',
        '{if:makeup}{v}薄涂什么效果',
        '{if:makeup}素颜能涂{v}吗',
        '{if:makeup}{v}会不会很艳',
      ],
      en: ['{if:makeup}which shade suits warm skin?', '{if:makeup}can you swatch {v}?'],
    },
    usage: {
      zh: [
        '{if:skincare}{p}怎么用',
        '{if:skincare}{p}早晚都能用吗',
        '{if:skincare}{p}一次用多少',
        '{if:skincare}孕妇能用{p}吗',
        '{if:skincare}{p}用完要冲掉吗',
        '{if:mask}{p}一周敷几次',
        '{if:sun}{p}要卸妆吗',
        '{if:sun}{p}能当妆前乳吗',
        '{if:makeup}{p}持久吗',
        '{if:makeup}{p}沾杯吗',
        '{if:makeup}{p}要先打底吗',
        '{if:makeup}吃饭会掉吗',
        '{if:makeup}{p}拔干吗',
      ],
      en: ['{if:skincare}how do I use {P}?', '{if:makeup}does {P} transfer?', '{if:makeup}is it long-wear?'],
    },
    skin: {
      zh: [
        '敏感肌能用{p}吗',
        '油皮适合{p}吗',
        '{p}闷痘吗',
        '干皮用{p}会不会拔干',
        '混油皮能用吗',
        '烂脸期能用吗',
        '{p}刺激吗',
        '痘痘肌能用{p}吗',
        '{p}油不油',
      ],
      en: ['is {P} ok for sensitive skin?', 'good for oily skin?', 'will {P} break me out?'],
    },
    warranty: {
      zh: ['{p}是正品吗', '{p}拆封了能退吗', '过敏了能退吗'],
      en: ['is {P} authentic?'],
    },
  },
  'agri-food': {
    origin: {
      zh: [
        '{p}是哪里产的',
        '{p}是产地直发吗',
        '{p}是正宗的吗',
        '{p}是农户自己种的吗',
        '{p}是今年的吗',
        '主播是在果园吗',
        '{if:grain}是不是真五常',
        '{if:fruit}是正宗赣南的吗',
        '{if:honey}是真蜂蜜吗',
      ],
      en: ['where is {P} grown?', 'direct from the farm?'],
    },
    freshness: {
      zh: [
        '{p}能放几天',
        '路上会不会坏',
        '坏果怎么办',
        '{p}是新鲜的吗',
        '{p}保质期多久',
        '{if:fruit}{p}甜不甜',
        '{if:fruit}{p}酸不酸',
        '{if:fruit}是打蜡的吗',
        '{if:grain}{p}是新米吗',
        '{if:grain}{p}煮饭香吗',
        '{if:honey}{p}结晶了正常吗',
        '{if:veg}{p}是糯的还是粉的',
        '{if:nut}{p}好剥吗',
        '{if:nut}{p}有没有哈喇味',
      ],
      en: ['is {P} sweet?', 'will it spoil in transit?', 'how long does {P} keep?'],
    },
    warranty: {
      zh: ['坏了包赔吗', '{p}收到坏的怎么办', '不好吃能退吗'],
      en: ['refund if it arrives spoiled?'],
    },
  },
  automotive: {
    price: {
      zh: [
        '{if:lead}{p}落地多少',
        '{if:lead}{p}裸车价多少',
        '{if:lead}{p}能优惠多少',
        '{if:lead}{p}有没有现金优惠',
        '{if:voucher}定金券怎么用',
        '{if:voucher}99真的能抵3000吗',
        '{if:accessory}{p}里面有什么',
      ],
      en: ['{if:lead}what is the on-road price?', '{if:lead}any cash discount on {P}?'],
    },
    testDrive: {
      zh: [
        '{city}能试驾吗',
        '怎么预约试驾',
        '{p}哪里能看车',
        '周末能到店吗',
        '试驾要钱吗',
        '{city}有门店吗',
        '{if:lead}{v}有现车吗',
        '{if:lead}{p}什么时候能提车',
        '能上门试驾吗',
      ],
      en: ['can I test drive {P} in {city}?', 'how do I book a test drive?'],
    },
    finance: {
      zh: [
        '{if:lead}{p}首付多少',
        '有免息分期吗',
        '{if:lead}月供多少',
        '能置换吗',
        '贷款利息多少',
        '{if:voucher}定金能退吗',
        '{if:lead}老车置换有补贴吗',
        '{if:voucher}定金券能和置换补贴一起用吗',
      ],
      en: ['what is the down payment on {P}?', 'any 0% financing?', 'trade-in possible?'],
    },
    range: {
      zh: [
        '{p}续航多少',
        '冬天续航掉多少',
        '{p}充电要多久',
        '电池质保几年',
        '{p}实际能跑多少',
        '高速续航怎么样',
        '家里能装充电桩吗',
        '{if:lead}{p}是什么电池',
      ],
      en: ['what is the real range of {P}?', 'how long to charge?', 'battery warranty?'],
    },
    warranty: {
      zh: ['{if:voucher}{p}不买车能退吗', '{p}保修多久', '售后网点多吗'],
      en: ['how long is the warranty?'],
    },
  },
  home: {
    usage: {
      zh: ['{p}怎么用', '{p}好清理吗', '{if:appliance}{p}充一次电能用多久', '{if:lamp}{p}能调亮度吗'],
      en: [
        'how do I use {P}?',
        'is {P} easy to clean?',
        '{if:appliance}how long does the battery last?',
        '{if:appliance}does it charge with usb-c?',
        '{if:lamp}can you dim it?',
        '{if:lamp}is it good for reading at night?',
        '{if:blender}can it crush ice?',
        '{if:blender}is it loud?',
        '{if:pan}does it work on induction?',
        '{if:pan}is it oven safe?',
        '{if:diffuser}does it turn off by itself?',
        'can you show how it works?',
      ],
    },
    material: {
      zh: ['{p}是什么材质', '{p}有没有异味'],
      en: [
        'what is {P} made of?',
        'is it plastic?',
        'does it smell when new?',
        '{if:blender}is it bpa free?',
        '{if:pan}is the coating safe?',
        '{if:pan}will the coating peel?',
        'how is the build quality?',
        '{if:storage}does it hold its shape?',
      ],
    },
    size: {
      zh: ['{p}多大', '{p}尺寸多少'],
      en: [
        'how big is {P}?',
        'what are the dimensions?',
        '{if:storage}will it fit under my bed?',
        '{if:storage}which size fits a shelf?',
        '{if:diffuser}how big is the tank?',
        'is it small enough for a dorm?',
      ],
    },
    colour: {
      zh: ['{p}有几个颜色', '{v}好看吗'],
      en: [
        'what colours does {P} come in?',
        'can I see the {v} one?',
        'is the {v} one in stock?',
        '{if:lamp}is the light warm or cold?',
        '{if:lamp}how many light colours?',
      ],
    },
    warranty: {
      zh: ['{p}保修多久'],
      en: [
        'is there a warranty?',
        'what if it breaks?',
        'can I return {P} if I do not like it?',
        'free returns?',
      ],
    },
  },
};

/** "Which link is it?" — answered with the product's real bag position. */
export const LINK_QUESTIONS: Phrases = {
  zh: [
    '几号链接',
    '{p}是几号链接',
    '{v}几号链接',
    '链接是几号',
    '{short}在几号',
    '在哪个链接',
    '{p}在小黄车第几个',
  ],
  en: ['which link is {P}?', 'what number is it in the basket?', 'which link?', 'link number for {P}?'],
};

export const LINK_ANSWERS: Phrases = {
  zh: ['{pos}号链接', '在{pos}号链接，直接点就行', '小黄车{pos}号就是', '{P}是{pos}号链接'],
  en: ['it is link {pos} in the basket', 'link {pos}, tap the basket', '{P} is number {pos} in the basket'],
};

// ------------------------------------------------------------------ stock answers, per category

/**
 * The reply policy's answers per topic and category (the generic ones are in topic-phrases.ts). Every one
 * contains a keyword of its topic (so it addresses it) and only the product's own numbers.
 */
export const CATEGORY_ANSWERS: Partial<Record<Scope, Readonly<Record<string, Phrases>>>> = {
  apparel: {
    size: {
      zh: [
        '{P}有{sizes}，{spec}',
        '尺码按详情页尺码表拍，{spec}',
        '{spec}，拿不准的报身高体重给客服',
        '{P}{spec}，码数齐全',
      ],
      en: ['sizes {sizes}; {spec}', 'check the size chart: {spec}'],
    },
    colour: {
      zh: ['{P}有{v}等几个颜色，都不挑皮肤', '{v}色很好搭，黄皮也能穿', '颜色都在链接里，{v}这两天卖得多'],
      en: ['{P} comes in {v} and more colours', 'colour options are all in the link'],
    },
    material: {
      zh: [
        '{P}面料是{material}，{point}',
        '{P}面料是{material}，不起球不掉色',
        '材质是{material}，吊牌给大家看了',
        '{material}面料，{point}',
      ],
      en: ['{P} fabric: {material}', 'fabric: {material}'],
    },
    warranty: {
      zh: ['七天无理由退换，送运费险', '尺码不合适随时换，运费险包来回', '{P}支持七天无理由，放心拍'],
      en: ['free returns within a week, return shipping covered'],
    },
  },
  beauty: {
    colour: {
      zh: [
        '{P}有{shades}，黄皮选{shade}很显白',
        '色号都在链接里，{shade}日常通勤都能用',
        '{shade}这个色薄涂很温柔，厚涂有气场',
      ],
      en: ['shade colours: {shades}; {shade} flatters warm undertones'],
    },
    usage: {
      zh: [
        '{if:skincare}{P}洁面后取适量，早晚都能用',
        '{if:skincare}{P}用在水乳之后，轻拍吸收',
        '{if:mask}{P}一周用两三次，敷十五分钟',
        '{if:sun}出门前二十分钟用{P}，记得补涂',
        '{if:makeup}先用唇膏打底再涂{P}，更持久',
        '{if:makeup}{P}{point}，吃饭后补涂一下就行',
      ],
      en: [
        '{if:skincare}use {P} after cleansing, morning and night',
        '{if:makeup}apply a balm first, {P} lasts longer',
      ],
    },
    skin: {
      zh: [
        '{P}成分是{material}，敏感肌也能用',
        '油皮用{P}很清爽，不闷痘',
        '干皮搭配面霜用{P}不拔干',
        '{P}主打{point}，肤质不同的先试用小样',
      ],
      en: ['{P} is fine for sensitive skin: {material}', 'oily skin is fine with {P}, non-comedogenic'],
    },
    warranty: {
      zh: [
        '正品保障，假一赔十，未拆封七天无理由',
        '{P}品牌直供，过敏可以联系客服退',
        '未拆封都能退，售后找客服',
      ],
      en: ['authentic, unopened items can be returned within a week'],
    },
  },
  'agri-food': {
    origin: {
      zh: [
        '{P}产地{origin}，现摘现发',
        '我们就在{origin}基地，农户自家种的',
        '正宗{origin}原产，{point}',
        '{origin}产地直发，{point}',
      ],
      en: ['grown in {origin}, shipped from the farm'],
    },
    freshness: {
      zh: [
        '{P}{taste}，保质期{shelf}天',
        '{P}现发的，常温能放{shelf}天，坏果包赔',
        '保质期{shelf}天，收到有坏的拍照包赔',
        '{P}{taste}，新鲜发货',
        '{P}{point}，不新鲜包退',
      ],
      en: ['{P}: {taste}, shelf life {shelf} days', 'fresh from the farm, spoiled items refunded'],
    },
    warranty: {
      zh: ['坏果包赔，拍照联系客服就退', '收到有坏的直接退，售后不用寄回', '不满意七天无理由退'],
      en: ['anything spoiled is refunded, just send a photo'],
    },
  },
  automotive: {
    price: {
      zh: [
        '{if:lead}{P}官方指导价{list}，直播间限时{price}',
        '{if:lead}{P}直播间价格{price}，留资顾问再给你算优惠',
        '{if:voucher}{spec}，直播间{price}元一张',
        '{if:accessory}{P}直播间{price}元，包含{spec}',
      ],
      en: ['{if:lead}{P} list price {list}, {price} in this live'],
    },
    testDrive: {
      zh: [
        '点小风车留资，{city}门店顾问联系你约试驾',
        '预约试驾免费，留个电话就行',
        '{if:lead}{P}全国门店都能试驾，留资安排',
        '{if:lead}{v}有现车，留资后门店约试驾',
        '{if:voucher}拍了定金券，门店顾问约你试驾',
      ],
      en: ['tap the form to book a test drive, our {city} dealer will call'],
    },
    finance: {
      zh: [
        '{if:lead}{P}首付{down}%起，两年免息',
        '{if:lead}首付{down}%起，月供留资后顾问给你算',
        '置换有补贴，留资顾问给你算月供',
        '{if:voucher}{spec}，可以和置换补贴叠加',
        '金融方案很多，留资后专属顾问对接首付和分期',
      ],
      en: ['{if:lead}{down}% down payment, interest-free for two years'],
    },
    range: {
      zh: [
        '{if:lead}{P}CLTC续航{range}公里，{spec}',
        '{if:lead}{P}续航{range}公里，电池质保{warranty}年',
        '{if:lead}{spec}，日常通勤一周充电一次',
        '{if:lead}CLTC续航{range}公里，冬天大概打八折',
      ],
      en: ['{if:lead}{range} km CLTC range; {spec}'],
    },
    warranty: {
      zh: [
        '{if:voucher}{spec}，没提车随时退',
        '{if:lead}整车质保{warranty}年，售后全国联保',
        '{if:accessory}{P}七天无理由退换',
      ],
      en: ['{if:lead}{warranty}-year warranty, nationwide service'],
    },
    shipping: {
      zh: ['{if:accessory}{P}{ship}小时内发货，包邮'],
      en: ['{if:accessory}ships within {ship} hours, free delivery'],
    },
  },
  home: {
    usage: {
      zh: ['{P}{spec}，用法很简单'],
      en: [
        'super easy to use: {spec}',
        'to use {P}: {spec}',
        '{if:blender}to use it, add fruit and water, press twice, done in seconds',
        '{if:lamp}to use it, tap the touch panel to switch modes: {spec}',
        '{if:pan}use it on any hob: {spec}',
        '{if:diffuser}to use it, fill with water, add a few drops of oil: {spec}',
      ],
    },
    material: {
      zh: ['{P}材质是{material}，没有异味'],
      en: [
        '{P} is made of {material}, solid quality',
        'material: {material}',
        'great quality: {material}, no smell',
      ],
    },
    size: {
      zh: ['{P}尺寸：{spec}'],
      en: ['size: {spec}', '{P} size: {spec}', '{if:storage}sizes {sizes}: {spec}'],
    },
    colour: {
      zh: ['{P}有{v}等颜色'],
      en: ['{P} comes in {v} and more colours', 'colour options are in the link, {v} is popular'],
    },
    warranty: {
      zh: ['{P}保修{warranty}年'],
      en: [
        '{warranty}-year warranty on {P}, and free returns',
        'warranty is {warranty} year(s), just message us',
      ],
    },
  },
};

// ------------------------------------------------------------------ objections and complaints

export const OBJECTIONS: Partial<Record<Scope, readonly TopicTemplates[]>> = {
  generic: [
    {
      topic: 'price',
      zh: [
        '太贵了吧',
        '这价格不值',
        '比旗舰店还贵？',
        '再便宜点就拍了',
        '等大促再买',
        '别家好像更便宜',
        '{price}有点贵',
      ],
      en: ['too expensive', '{P} is cheaper elsewhere', 'not worth that price', 'I will wait for a sale'],
    },
  ],
  apparel: [
    {
      topic: 'material',
      zh: ['看着质量一般', '上次买的一洗就变形', '看着有点薄', '会不会起球啊', '{p}看着挺廉价的'],
      en: ['looks cheap', 'quality seems meh'],
    },
    { topic: 'size', zh: ['上次买的码数不准', '尺码表不靠谱吧'], en: ['sizes never fit'] },
  ],
  beauty: [
    {
      topic: 'warranty',
      zh: ['{p}会不会是假货', '直播间的是正品吗', '怕买到临期的'],
      en: ['is it even authentic?'],
    },
    { topic: 'skin', zh: ['上次用了过敏', '我敏感肌不敢用', '怕烂脸'], en: ['I broke out last time'] },
  ],
  'agri-food': [
    {
      topic: 'freshness',
      zh: ['上次买的烂了一半', '怕路上坏了', '会不会是冷库货'],
      en: ['last order arrived spoiled'],
    },
    { topic: 'origin', zh: ['不是正宗的吧', '怕是贴牌的'], en: ['is it really from the farm?'] },
  ],
  automotive: [
    {
      topic: 'range',
      zh: ['续航肯定虚标', '冬天续航打对折吧', '充电太麻烦了'],
      en: ['range figures are always inflated'],
    },
    { topic: 'finance', zh: ['贷款都是坑', '免息肯定有手续费'], en: ['0% financing always has hidden fees'] },
    {
      topic: 'testDrive',
      zh: ['上次预约试驾没人理', '门店态度不好'],
      en: ['the dealer never called me back'],
    },
  ],
  home: [
    {
      topic: 'material',
      zh: ['看着塑料感很重'],
      en: ['looks a bit plasticky', 'will it break in a week?', 'feels cheap to be honest'],
    },
    {
      topic: 'warranty',
      zh: ['坏了找谁'],
      en: ['last gadget I bought here broke in a month', 'returns are always a pain'],
    },
  ],
};

export const COMPLAINTS: Partial<Record<Scope, readonly TopicTemplates[]>> = {
  generic: [
    {
      topic: 'warranty',
      zh: ['申请退款好几天了没处理', '客服一直不回消息', '售后电话打不通', '退款一直在审核中'],
      en: ['refund requested days ago, no answer', 'customer service never replies'],
    },
  ],
  apparel: [
    {
      topic: 'shipping',
      zh: ['上周拍的到现在还没发货', '物流三天没动了', '快递到{city}就不动了', '催了好几次都没发'],
      en: ['my order from last week still has not shipped'],
    },
    {
      topic: 'warranty',
      zh: ['收到的颜色不对', '发错码了，客服不理人', '收到的线头好多', '穿了一次就开线了'],
      en: ['received the wrong size'],
    },
  ],
  beauty: [
    {
      topic: 'warranty',
      zh: ['收到的口红断了', '面膜少发了一盒', '用了过敏申请退款没人理', '收到的快过期了'],
      en: ['my lipstick arrived broken'],
    },
    { topic: 'shipping', zh: ['拍了三天还没发货', '物流一直没更新'], en: ['still not shipped'] },
  ],
  'agri-food': [
    {
      topic: 'freshness',
      zh: ['收到的橙子坏了好几个', '上次的红薯发芽了', '收到就有烂的'],
      en: ['half my order arrived rotten'],
    },
    {
      topic: 'shipping',
      zh: ['拍了一周还没发', '物流到{city}就停了', '快递压坏了'],
      en: ['my box is stuck in transit'],
    },
  ],
  automotive: [
    {
      topic: 'testDrive',
      zh: ['预约试驾三天了没人联系', '留了电话门店一直不回电', '{city}门店说没有试驾车', '到店试驾还要排队'],
      en: ['booked a test drive, nobody called'],
    },
    {
      topic: 'warranty',
      zh: ['定金申请退款一周了', '说好的月底交付又延期了', '提车等了两个月', '定金券用不了，客服推来推去'],
      en: ['my delivery date keeps slipping'],
    },
  ],
  home: [
    {
      topic: 'shipping',
      zh: ['拍了还没发货'],
      en: [
        'ordered last week, still not shipped',
        'tracking has not moved for days',
        'my package went to the wrong address',
      ],
    },
    {
      topic: 'warranty',
      zh: ['收到就坏了'],
      en: [
        'mine arrived broken',
        'the lid was cracked when it arrived',
        'asked for a refund, no reply yet',
        'stopped working after a week',
      ],
    },
  ],
};

// ------------------------------------------------------------------ everything else a viewer says

export type ChatKind = 'greeting' | 'praise' | 'request' | 'purchase' | 'spam' | 'abuse';

export const CHAT: Partial<Record<Scope, Partial<Record<ChatKind, Phrases>>>> = {
  generic: {
    greeting: {
      zh: [
        '来了来了',
        '来了',
        '主播好',
        '晚上好呀',
        '{city}的来报道',
        '{city}的来了',
        '又来啦',
        '第一次来',
        '刚下班来看看',
        '路过进来看看',
        '刷到了进来看看',
        '打卡',
        '每天必来',
        '哈喽哈喽',
        '主播晚上好',
        '[比心]',
        '[玫瑰][玫瑰]',
        '👋',
        '来啦来啦',
        '老粉来了',
        '从{city}赶来',
        '点赞了',
        '关注了',
      ],
      en: [
        'hi everyone',
        'hello from {city}',
        'just joined',
        'first time here',
        'hey hey',
        'hiii',
        '👋👋',
        'back again',
        'just got off work',
        'what did I miss?',
        'good evening from {city}',
        'love this channel',
      ],
    },
    praise: {
      zh: [
        '666',
        '6666',
        '👍👍',
        '🔥🔥🔥',
        '[比心]',
        '[赞][赞]',
        '❤️❤️❤️',
        '主播讲得好清楚',
        '性价比可以',
        '爱了爱了',
        '这个价可以啊',
        '{if:cheap}已经回购{n}次了',
        '{if:cheap}上次买的很好用',
        '主播好耐心',
        '支持主播',
        '冲冲冲',
        '这个可以',
        '真不错',
        '讲得很实在',
        '{point}这点喜欢',
      ],
      en: [
        'love it',
        'great explanation',
        'bought one before, really good',
        'this is a steal',
        '🔥🔥🔥',
        '👍👍',
        'amazing deal',
        'you explain so well',
        'need this',
        'obsessed',
        'so good',
        'adding to cart',
        'love the {point}',
      ],
    },
    request: {
      zh: [
        '求链接',
        '{p}上链接',
        '扣1',
        '1111',
        '扣1扣1',
        '想要',
        '想要想要',
        '蹲一个',
        '蹲{P}',
        '拉近一点',
        '再讲讲{p}',
        '把{P}放近点看看',
        '{p}怎么拍',
        '能再上点库存吗',
        '怎么还不上链接',
        '{k}号链接讲一下',
        '讲讲{k}号',
        '看看{v}',
        '想要{v}',
        '能便宜点吗',
        '给个特写',
        '等{P}',
      ],
      en: [
        'link please',
        'drop the link!',
        'want one',
        'me me me',
        'closer look please',
        'can you show {P} again?',
        'show link {k} please',
        'I want the {v} one',
        'waiting for {P}',
        '+1',
        'add to cart how?',
      ],
    },
    purchase: {
      zh: [
        '已拍',
        '已拍{n}件',
        '拍了{v}',
        '抢到了',
        '已下单',
        '拍了拍了',
        '冲了',
        '下单了',
        '已拍，坐等发货',
        '拍了两单',
        '抢到了开心',
        '付款了',
      ],
      en: [
        'just bought it',
        'ordered!',
        'got one!',
        'bought {n}',
        'done, ordered the {v} one',
        'checked out!',
        'in my cart, paid',
      ],
    },
    spam: {
      zh: [
        '加V看更多优惠',
        '兼职日结{n}百',
        '关注我送福利',
        '低价代购私聊',
        '点我头像有惊喜',
        '互关互赞',
        '看我主页',
      ],
      en: ['follow me for free gifts', 'dm for cheap deals', 'earn money from home, check my bio'],
    },
    abuse: {
      zh: ['主播什么玩意', '骗子直播间', '垃圾东西', '托儿太多了', '智商税', '别买，都是套路'],
      en: ['scam room', 'total garbage', 'this host is a joke', 'all bots in here'],
    },
  },
  apparel: {
    greeting: { zh: ['来看新款了', '姐妹们晚上好', '等秋冬上新好久了'], en: ['here for the new drop'] },
    praise: {
      zh: [
        '{v}这个好看',
        '主播穿着好显瘦',
        '上身效果绝了',
        '这个版型好看',
        '{v}好温柔',
        '这件好搭',
        '身材好穿啥都好看',
      ],
      en: ['the {v} one looks great', 'looks so good on you'],
    },
    request: {
      zh: [
        '主播穿上看看',
        '转过来看看背面',
        '看看{v}上身',
        '坐下来看看',
        '主播多高多重',
        '走两步看看',
        '换{v}看看',
        '{v}和{v}对比一下',
      ],
      en: ['can you try it on?', 'show the back please'],
    },
  },
  beauty: {
    greeting: { zh: ['来囤货了', '姐妹们晚上好', '等了好久的护肤专场'], en: ['here to stock up'] },
    praise: {
      zh: [
        '{if:makeup}{v}好显白',
        '{if:makeup}这个色号绝了',
        '{if:skincare}用了皮肤好多了',
        '主播皮肤好好',
        '已经空瓶了',
        '{if:skincare}质地好水润',
      ],
      en: ['{if:makeup}that shade is gorgeous', 'your skin is glowing'],
    },
    request: {
      zh: [
        '{if:makeup}试一下{v}',
        '{if:makeup}上嘴看看',
        '{if:makeup}手臂上试个色',
        '{if:skincare}挤出来看看质地',
        '{if:skincare}看看成分表',
        '{if:skincare}上脸试一下',
        '看看生产日期',
      ],
      en: ['{if:makeup}swatch {v} please', '{if:skincare}show the texture'],
    },
  },
  'agri-food': {
    greeting: {
      zh: ['老乡好', '来支持助农', '看到果园了', '{city}的来助农'],
      en: ['here to support the farmers'],
    },
    praise: {
      zh: [
        '去年买过，很好吃',
        '看着就新鲜',
        '支持助农',
        '农户不容易，支持',
        '{if:fruit}看着就甜',
        '{if:grain}米看着好香',
      ],
      en: ['bought last year, delicious'],
    },
    request: {
      zh: [
        '{if:fruit}切开看看',
        '{if:fruit}剥一个尝尝',
        '{if:grain}煮一锅看看',
        '{if:honey}拉个丝看看',
        '{if:nut}捏一个看看',
        '看看果园',
        '称一下看看够不够斤',
      ],
      en: ['{if:fruit}cut one open please'],
    },
  },
  automotive: {
    greeting: { zh: ['来看新车', '蹲新车发布', '老车主来支持'], en: ['here for the launch'] },
    praise: {
      zh: [
        '{if:lead}这车颜值可以',
        '{if:lead}{v}好看',
        '内饰好高级',
        '这个价格很有诚意',
        '{if:lead}{point}厉害',
      ],
      en: ['{if:lead}the {v} one looks sharp'],
    },
    request: {
      zh: [
        '{if:lead}看看内饰',
        '{if:lead}打开后备箱看看',
        '{if:lead}坐后排看看空间',
        '{if:lead}看看{v}实车',
        '{if:lead}看看中控屏',
        '{if:lead}开一下大灯',
        '讲讲金融政策',
      ],
      en: ['{if:lead}show the interior please', '{if:lead}open the trunk'],
    },
  },
  home: {
    greeting: { zh: ['来看家居好物'], en: ['here for the home deals', 'need stuff for my new apartment'] },
    praise: {
      zh: ['好实用'],
      en: [
        'so practical',
        'my flat needs this',
        '{if:lamp}the light looks so cosy',
        '{if:storage}my closet needs this',
        '{if:blender}smoothies every morning!',
        'clean design',
        'the {v} one is cute',
        'such a good deal for {price}',
      ],
    },
    request: {
      zh: ['演示一下'],
      en: [
        'can you do a demo?',
        '{if:blender}blend something!',
        '{if:lamp}turn off the room lights and show it',
        '{if:storage}fold it flat please',
        '{if:pan}fry an egg!',
        'show it next to something for scale',
        'show the {v} one',
      ],
    },
  },
};

export const RESTOCK: Phrases = {
  zh: [
    '{p}补货！',
    '没抢到，求加库存',
    '{p}什么时候补货',
    '再上点库存吧',
    '手慢了，求补',
    '又没了？',
    '求补货求补货',
    '{v}没了，补一下',
  ],
  en: ['restock please!', 'missed it, add more stock', 'sold out already??', 'restock the {v} one pls'],
};

export const GIVEAWAY_ENTRY: Phrases = {
  zh: [
    '抽我抽我',
    '福袋来了',
    '求中奖',
    '{city}的求福袋',
    '参与一下',
    '中一次吧',
    '福袋福袋',
    '保佑中奖',
    '来了来了抽我',
    '[祈祷][祈祷]',
  ],
  en: ['pick me!', 'giveaway!', 'good luck everyone', 'never win these lol', 'me please 🙏'],
};

export const UNANSWERED: Phrases = {
  zh: [
    '问了半天没人回',
    '主播看看评论区',
    '怎么不回答问题',
    '又不回复',
    '刚才问的没人理',
    '主播看看我',
    '问了三遍了',
  ],
  en: ['nobody answers questions here', 'host, read the comments please', 'still waiting for an answer'],
};

// ------------------------------------------------------------------ openers, suffixes, the host's address

/** Short openers before a question or a request (a viewer addressing the host or the room). */
export const OPENERS: Partial<Record<Scope, Phrases>> = {
  generic: {
    zh: ['主播', '主播，', '请问', '问一下，', '想问下', '主播主播', '哈喽，', '问问'],
    en: ['hey, ', 'quick question: ', 'hi! ', 'um ', 'ok so '],
  },
  apparel: { zh: ['姐妹们', '宝子们'], en: [] },
  beauty: { zh: ['姐妹们', '宝子们'], en: [] },
  'agri-food': { zh: ['老乡', '家人们'], en: [] },
  automotive: { zh: ['兄弟们', '顾问'], en: [] },
};

/** How the host addresses the asker before a stock answer. */
export const ADDRESS: Partial<Record<Scope, Phrases>> = {
  generic: { zh: ['', '', '家人们，', '亲，'], en: ['', '', 'great question! ', 'hey! '] },
  apparel: { zh: ['宝宝，', '姐妹，'], en: [] },
  beauty: { zh: ['宝宝，', '姐妹，'], en: [] },
  'agri-food': { zh: ['老乡，'], en: [] },
  automotive: { zh: ['这位朋友，', '朋友，'], en: [] },
  home: { zh: [], en: ['love that question: '] },
};

export const SUFFIXES = {
  zh: {
    question: { particles: ['呀', '呢'], marks: ['？', '?', '？？'], emoji: ['[疑问]', '🤔'] },
    statement: {
      particles: ['呀'],
      marks: ['！', '～', '!!'],
      emoji: ['[爱心]', '[赞]', '😂', '👍', '🔥', '[比心]', '哈哈', '哈哈哈'],
    },
    negative: { particles: ['啊'], marks: ['！', '。', '...'], emoji: ['😅', '[撇嘴]', '[捂脸]'] },
  },
  en: {
    question: { particles: [], marks: ['?', '??'], emoji: [' 🤔'] },
    statement: { particles: [], marks: ['!', '!!'], emoji: [' 🔥', ' :)', ' lol', ' 😍'] },
    negative: { particles: [], marks: ['!', '...'], emoji: [' 😒', ' smh'] },
  },
} as const;
