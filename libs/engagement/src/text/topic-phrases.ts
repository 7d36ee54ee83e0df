/**
 * How simulated viewers ask about each topic and the stock answers the reply policy gives, in words any
 * category may use (category-specific ones are in phrasebook.ts and are added for that category only). Slots
 * as in phrasebook.ts; an answer states only the product's own numbers. Keys are the room's topics
 * (@livelab/session).
 */
export interface TopicPhrases {
  questionsZh: readonly string[];
  questionsEn: readonly string[];
  answersZh: readonly string[];
  answersEn: readonly string[];
}

export const TOPIC_PHRASES: Readonly<Record<string, TopicPhrases>> = {
  price: {
    questionsZh: [
      '{p}多少钱',
      '{p}现在什么价',
      '{p}今天有优惠吗',
      '{p}到手价多少',
      '{p}能再便宜点吗',
      '{if:cheap}{p}几块',
      '{v}多少钱',
      '{p}和平时比便宜多少',
      '{p}划线价是真的吗',
      '{p}领券后多少',
      '{price}是到手价吗',
      '{p}还能优惠吗',
    ],
    questionsEn: [
      'how much is {P}?',
      'what is the price of {P} today?',
      'any discount on {P}?',
      'is {price} the final price?',
      'price for {P}?',
      'how much after the coupon?',
    ],
    answersZh: [
      '{P}今天直播间到手价{price}元，划线价{list}',
      '{P}直播间专属价{price}，领券再减',
      '{P}现在拍就是活动价{price}元',
      '{P}平时卖{list}元，今天直播间{price}元',
      '直播间价格{price}，下播就恢复原价',
    ],
    answersEn: [
      '{P} is ¥{price} today, live-room price',
      '{P} has a live discount right now: ¥{price}, normally ¥{list}',
      'live price ¥{price}, claim the coupon for more off',
    ],
  },
  size: {
    questionsZh: ['{p}多大', '{p}尺寸多少', '{p}有几个规格', '{v}是多大的'],
    questionsEn: ['what size is {P}?', 'how big is {P}?', 'which size should I get?'],
    answersZh: ['{P}尺寸：{spec}', '规格有{v}等，尺寸看详情页', '{P}有{sizes}几个尺码'],
    answersEn: ['{P} size: {spec}', 'sizes: {sizes}, the chart is in the link'],
  },
  colour: {
    questionsZh: ['{p}有几个颜色', '能看看{v}吗', '{v}还有吗', '{v}好看吗'],
    questionsEn: ['what colours does {P} come in?', 'can you show the {v} one?'],
    answersZh: ['{P}有{v}等几个颜色', '颜色都在链接里，{v}卖得多', '{v}色很耐看，都在链接里'],
    answersEn: ['{P} comes in {v} and more colours', 'colour options are all in the link'],
  },
  material: {
    questionsZh: ['{p}质量怎么样', '{p}是什么材质', '{p}耐用吗', '{p}做工怎么样'],
    questionsEn: ['how is the quality of {P}?', 'what is {P} made of?'],
    answersZh: ['{P}材质是{material}', '{P}质量有保障，七天无理由', '材质是{material}，做工扎实'],
    answersEn: ['{P} material: {material}', 'quality is solid, free returns within a week'],
  },
  shipping: {
    questionsZh: [
      '什么时候发货',
      '{city}几天能到',
      '包邮吗',
      '发什么快递',
      '{p}今天拍明天能发吗',
      '偏远地区包邮吗',
      '{city}包邮吗',
      '能发顺丰吗',
      '拍了多久发货',
    ],
    questionsEn: ['when will it ship?', 'how long to {city}?', 'is shipping free?', 'do you ship to {city}?'],
    answersZh: [
      '{ship}小时内发货，全国包邮，{city}一般两三天到',
      '{P}{ship}小时内发货，默认中通，可以备注顺丰',
      '拍下{ship}小时内发货，包邮到家',
      '全国包邮，下单尽快发货',
    ],
    answersEn: ['ships within {ship} hours, free delivery', 'free shipping, a few days to {city}'],
  },
  warranty: {
    questionsZh: ['可以退换吗', '{p}有质保吗', '不合适能退吗', '有运费险吗', '{p}保修多久', '售后怎么样'],
    questionsEn: ['can I return it?', 'is there a warranty on {P}?', 'free returns?'],
    answersZh: [
      '七天无理由退换，送运费险',
      '{P}质保{warranty}年，有问题直接找客服',
      '不满意随时退，运费险包来回',
    ],
    answersEn: ['free returns within a week, return shipping covered', '{warranty}-year warranty on {P}'],
  },
  stock: {
    questionsZh: ['{p}还有货吗', '{v}没了吗', '什么时候补货', '{p}还能拍吗', '怎么显示没货了', '{v}还有吗'],
    questionsEn: ['is {P} still in stock?', 'when will you restock?', 'sold out already?'],
    answersZh: ['{P}还有少量库存，抓紧拍', '马上给大家加库存，稍等一下', '{v}在补货，先拍其他的'],
    answersEn: ['a few {P} left, grab them now', 'restocking in a minute, hold on'],
  },
  coupon: {
    questionsZh: ['券在哪里领', '优惠券怎么用', '领了券怎么没减', '还有券吗', '新人券能用吗', '券能叠加吗'],
    questionsEn: ['where do I get the coupon?', 'how do I use the coupon?', 'coupon not applied?'],
    answersZh: ['点左上角领券，下单自动抵扣', '券领了直接拍，结算时自动减', '领完券直接下单，满额自动减'],
    answersEn: [
      'tap the coupon at top left, it applies at checkout',
      'claim the coupon, then buy, discount is automatic',
    ],
  },
  usage: {
    questionsZh: ['{p}怎么用', '{p}用起来麻烦吗', '{p}有说明书吗'],
    questionsEn: ['how do I use {P}?', 'is {P} easy to use?'],
    answersZh: ['{P}用法很简单，详情页有步骤图', '用法：{spec}'],
    answersEn: ['easy to use, the steps are on the product page', 'how to use: {spec}'],
  },
  skin: {
    questionsZh: ['敏感肌能用{p}吗', '油皮适合{p}吗', '干皮能用吗'],
    questionsEn: ['is {P} ok for sensitive skin?', 'good for oily skin?'],
    answersZh: ['{P}成分温和，敏感肌也能用', '各种肤质都能用，先试用小样'],
    answersEn: ['{P} is gentle, fine for sensitive skin'],
  },
  origin: {
    questionsZh: ['{p}是哪里产的', '{p}是产地直发吗', '是正宗的吗'],
    questionsEn: ['where is {P} from?', 'direct from the farm?'],
    answersZh: ['{P}产地{origin}，产地直发', '正宗{origin}原产'],
    answersEn: ['{P} is grown in {origin}', 'origin: {origin}'],
  },
  freshness: {
    questionsZh: ['{p}能放几天', '路上会不会坏', '{p}是新鲜的吗'],
    questionsEn: ['will it spoil in transit?', 'how long does {P} keep?'],
    answersZh: ['{P}保质期{shelf}天，坏了包赔', '新鲜发货，收到有坏的包赔'],
    answersEn: [
      'shelf life {shelf} days, anything spoiled is refunded',
      'fresh stock, spoiled items refunded',
    ],
  },
  testDrive: {
    questionsZh: ['{city}能试驾吗', '怎么预约试驾'],
    questionsEn: ['can I test drive {P} in {city}?', 'how do I book a test drive?'],
    answersZh: ['点小风车留资，{city}门店顾问联系你约试驾', '预约试驾免费，留电话就行'],
    answersEn: [
      'tap the form to book, our {city} dealer will call',
      'test drives are free, just leave your number',
    ],
  },
  finance: {
    questionsZh: ['有免息分期吗', '能置换吗'],
    questionsEn: ['any 0% financing?', 'trade-in possible?'],
    answersZh: ['首付{down}%起，两年免息', '金融方案很多，留资后专属顾问对接分期'],
    answersEn: [
      '{down}% down payment, interest-free for two years',
      'trade-in bonus available, leave your number for a loan quote',
    ],
  },
  range: {
    questionsZh: ['{p}续航多少', '充电要多久'],
    questionsEn: ['what is the real range of {P}?', 'how long to charge?'],
    answersZh: ['{P}续航{range}公里', '续航{range}公里，{spec}'],
    answersEn: ['{range} km range', '{range} km range; {spec}'],
  },
};
