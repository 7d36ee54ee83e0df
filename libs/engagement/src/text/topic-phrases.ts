/**
 * How simulated viewers ask about each topic and the stock answers the reply policy gives. Slots: {p} product,
 * {v} variant, {n} number, {h} height, {w} weight, {city} city. Keys are the room's topics (@livelab/session).
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
      '这个{p}几块',
    ],
    questionsEn: ['how much is the {p}', 'what is the price of {p} today', 'any discount on {p}?'],
    answersZh: [
      '{p}今天直播间到手价{n}元，比平时便宜',
      '宝宝们{p}直播间专属价，领券再减',
      '{p}现在拍就是活动价',
    ],
    answersEn: ['{p} is {n} yuan today, live-room price', 'the {p} has a live discount right now'],
  },
  size: {
    questionsZh: [
      '{h}{w}穿什么码',
      '{p}偏大还是偏小',
      '{w}能穿{p}吗',
      '{p}有大码吗',
      '{h}的穿{v}码合适吗',
      '腰围{n}选哪个码',
    ],
    questionsEn: ['what size for {h} {w}?', 'does the {p} run small?', 'is there a plus size {p}?'],
    answersZh: [
      '{p}标准码，{h}{w}拍M，偏胖拍大一码',
      '尺码看详情页尺码表，{w}以下S码',
      '{p}版型宽松，正常码拍就行',
    ],
    answersEn: ['{p} fits true to size, take M for {h}', 'check the size chart, size up if between sizes'],
  },
  colour: {
    questionsZh: ['{p}有几个颜色', '{v}色显黑吗', '{p}{v}好看还是白色好看', '能看看{v}色吗', '{v}色还有吗'],
    questionsEn: ['what colours does the {p} come in?', 'can you show the {v} one?'],
    answersZh: ['{p}有{v}等几个颜色，{v}最百搭', '{v}色不挑皮肤，黄皮也能穿', '颜色都在链接里，{v}色在补货'],
    answersEn: ['{p} comes in {v} and more, {v} suits everyone', 'colour options are all in the link'],
  },
  material: {
    questionsZh: ['{p}什么面料', '{p}起球吗', '{p}是纯棉的吗', '{p}会掉色吗', '{p}质量怎么样', '{p}透不透'],
    questionsEn: ['what fabric is the {p}?', 'does the {p} pill?', 'is it 100% cotton?'],
    answersZh: ['{p}面料是棉混纺，不起球不掉色', '材质标签给大家看，{n}%棉', '{p}质量有保障，七天无理由'],
    answersEn: ['{p} is a cotton blend, no pilling', 'fabric label: {n}% cotton'],
  },
  shipping: {
    questionsZh: [
      '什么时候发货',
      '{city}几天能到',
      '包邮吗',
      '发什么快递',
      '{p}今天拍明天能发吗',
      '偏远地区包邮吗',
    ],
    questionsEn: ['when will it ship?', 'how long to {city}?', 'is shipping free?'],
    answersZh: [
      '48小时内发货，全国包邮，{city}一般两三天到',
      '默认发中通/顺丰，拍下尽快发',
      '今天拍明天发，包邮到家',
    ],
    answersEn: ['ships within 48 hours, free delivery', 'courier is SF/ZTO, 2-3 days to {city}'],
  },
  warranty: {
    questionsZh: ['可以退换吗', '{p}有质保吗', '不合适能退吗', '有运费险吗', '{p}保修多久'],
    questionsEn: ['can I return it?', 'is there a warranty on the {p}?', 'free returns?'],
    answersZh: ['七天无理由退换，送运费险', '{p}质保{n}个月，有问题直接找客服', '不合适随时退，运费险包来回'],
    answersEn: ['7-day free returns with shipping insurance', '{n}-month warranty on the {p}'],
  },
  stock: {
    questionsZh: ['{p}还有货吗', '{v}没了吗', '什么时候补货', '{p}还能拍吗', '怎么显示没货了'],
    questionsEn: ['is the {p} still in stock?', 'when will you restock?', 'sold out already?'],
    answersZh: ['{p}还有少量库存，抓紧拍', '马上给大家加库存，稍等一下', '{v}在补货，先拍其他色'],
    answersEn: ['a few {p} left, grab them now', 'restocking in a minute, hold on'],
  },
  coupon: {
    questionsZh: ['券在哪里领', '优惠券怎么用', '领了券怎么没减', '满多少能用券', '还有券吗'],
    questionsEn: ['where do I get the coupon?', 'how do I use the coupon?', 'coupon not applied?'],
    answersZh: ['点左上角领券，下单自动抵扣', '券领了直接拍，结算时自动减', '满{n}可用，领完直接下单'],
    answersEn: [
      'tap the coupon at top left, it applies at checkout',
      'claim it, then buy, discount is automatic',
    ],
  },
  usage: {
    questionsZh: ['{p}怎么用', '{p}早晚都能用吗', '{p}和精华先用哪个', '{p}一次用多少', '孕妇能用{p}吗'],
    questionsEn: ['how do I use the {p}?', 'morning or night for {p}?', 'safe during pregnancy?'],
    answersZh: ['{p}洁面后取黄豆大小，早晚都能用', '先精华后{p}，轻拍吸收', '{p}成分温和，孕妇建议先问医生'],
    answersEn: ['use {p} after cleansing, morning and night', 'a pea-sized amount of {p} is enough'],
  },
  skin: {
    questionsZh: ['敏感肌能用{p}吗', '油皮适合{p}吗', '{p}闷痘吗', '干皮用{p}会不会拔干', '混油皮推荐哪个'],
    questionsEn: ['is {p} ok for sensitive skin?', 'good for oily skin?', 'will {p} break me out?'],
    answersZh: ['{p}敏感肌也能用，无酒精无香精', '油皮用{p}清爽不闷痘', '干皮搭配面霜用{p}不拔干'],
    answersEn: ['{p} is fine for sensitive skin, fragrance-free', 'oily skin loves the {p}, non-comedogenic'],
  },
  origin: {
    questionsZh: ['{p}是哪里产的', '{p}是产地直发吗', '是正宗的吗', '{p}是农户自己种的吗'],
    questionsEn: ['where is the {p} grown?', 'direct from the farm?'],
    answersZh: ['{p}产地直发，果园现摘现发', '我们就在基地，农户自家种的{p}', '正宗原产地，有地理标志'],
    answersEn: ['{p} ships straight from our farm', 'grown by local farmers, picked to order'],
  },
  freshness: {
    questionsZh: ['{p}甜不甜', '路上会不会坏', '{p}能放几天', '坏果怎么办', '{p}是新鲜的吗'],
    questionsEn: ['is the {p} sweet?', 'will it spoil in transit?', 'how long does {p} keep?'],
    answersZh: ['{p}现摘现发，坏果包赔', '冷链发货，{p}常温能放{n}天', '甜度{n}度以上，不甜包退'],
    answersEn: ['picked to order, spoiled fruit refunded', 'cold-chain shipping, keeps {n} days'],
  },
  testDrive: {
    questionsZh: ['{city}能试驾吗', '怎么预约试驾', '{p}哪里能看车', '周末能到店吗', '试驾要钱吗'],
    questionsEn: ['can I test drive the {p} in {city}?', 'how do I book a test drive?'],
    answersZh: [
      '点小风车留资，{city}门店顾问联系你约试驾',
      '预约试驾免费，留电话就行',
      '全国{n}家门店都能试驾{p}',
    ],
    answersEn: [
      'tap the form to book, our {city} dealer will call',
      'test drives are free, just leave your number',
    ],
  },
  finance: {
    questionsZh: ['{p}首付多少', '有0息分期吗', '月供多少', '能置换吗', '贷款利息多少'],
    questionsEn: ['what is the down payment on the {p}?', 'any 0% financing?', 'trade-in possible?'],
    answersZh: [
      '{p}首付{n}%起，两年0息',
      '置换补贴{n}元，留资顾问给你算月供',
      '金融方案很多，留资后专属顾问对接',
    ],
    answersEn: ['{n}% down, 0% APR for 24 months', 'trade-in bonus available, leave your number for a quote'],
  },
  range: {
    questionsZh: ['{p}续航多少', '冬天续航掉多少', '充电要多久', '电池质保几年'],
    questionsEn: ['what is the real range of the {p}?', 'how long to charge?', 'battery warranty?'],
    answersZh: ['{p}CLTC续航{n}公里，冬天打八折', '快充30分钟到80%，电池终身质保', '日常通勤一周一充'],
    answersEn: ['{n} km CLTC range, about 80% in winter', '30 minutes fast charge to 80%'],
  },
};
