/**
 * Metric definitions shown in tooltips, the dashboard and the review (see reference/metrics.md).
 * Rates are fractions (0.0312 = 3.12%), money is CNY rounded to cents, durations are seconds.
 */

export type MetricUnit = 'count' | 'ratio' | 'seconds' | 'cny';

export interface MetricDefinition {
  key: MetricKey;
  zh: string;
  en: string;
  unit: MetricUnit;
  definition: { zh: string; en: string };
}

export const METRIC_KEYS = [
  'uv',
  'pv',
  'peakOnline',
  'avgWatchSec',
  'effectiveViews',
  'interactionRate',
  'followRate',
  'productExposure',
  'productClicks',
  'productCtr',
  'ctor',
  'conversion',
  'orders',
  'buyers',
  'gmv',
  'gpm',
  'uvValue',
  'aov',
  'leads',
  'leadRate',
  'refunds',
  'refundAmount',
  'grossProfit',
  'promotionCost',
  'leadValue',
] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

const def = (
  key: MetricKey,
  zh: string,
  en: string,
  unit: MetricUnit,
  zhDef: string,
  enDef: string,
): MetricDefinition => ({ key, zh, en, unit, definition: { zh: zhDef, en: enDef } });

export const METRIC_DEFINITIONS: Readonly<Record<MetricKey, MetricDefinition>> = {
  uv: def(
    'uv',
    '观看人数',
    'Unique viewers (UV)',
    'count',
    '进入直播间的去重人数',
    'Distinct viewers who entered',
  ),
  pv: def(
    'pv',
    '场观',
    'Entries (PV)',
    'count',
    '进入直播间人次，重复进入计多次',
    'Room entries, revisits counted',
  ),
  peakOnline: def(
    'peakOnline',
    '最高在线',
    'Peak online',
    'count',
    '场次内同时在线人数最大值',
    'Max of online viewers',
  ),
  avgWatchSec: def(
    'avgWatchSec',
    '人均观看时长',
    'Average watch time',
    'seconds',
    '总观看秒数 / 观看人数',
    'Total watch seconds / UV',
  ),
  effectiveViews: def(
    'effectiveViews',
    '有效观看',
    'Effective views',
    'count',
    '停留不少于10秒的观看次数',
    'Stays of at least 10 s',
  ),
  interactionRate: def(
    'interactionRate',
    '互动率',
    'Interaction rate',
    'ratio',
    '评论、点赞、分享或关注的去重人数 / 观看人数',
    'Distinct viewers who commented, liked, shared or followed / UV',
  ),
  followRate: def(
    'followRate',
    '转粉率',
    'Follow rate',
    'ratio',
    '新增关注 / 观看人数',
    'New followers / UV',
  ),
  productExposure: def(
    'productExposure',
    '商品曝光人数',
    'Product exposure viewers',
    'count',
    '看到商品卡（讲解卡或打开购物袋）的去重人数',
    'Distinct viewers who saw a product card (pinned card or opened the bag)',
  ),
  productClicks: def(
    'productClicks',
    '商品点击人数',
    'Product clickers',
    'count',
    '点击商品的去重人数',
    'Distinct viewers who clicked a product',
  ),
  productCtr: def(
    'productCtr',
    '商品点击率',
    'Product click rate (CTR)',
    'ratio',
    '商品点击人数 / 商品曝光人数',
    'Product clickers / product-exposure viewers',
  ),
  ctor: def(
    'ctor',
    '点击成交转化率',
    'Click-to-order rate (CTOR)',
    'ratio',
    '成交人数 / 商品点击人数',
    'Paying buyers / product clickers',
  ),
  conversion: def(
    'conversion',
    '成交转化率',
    'Entry-to-deal conversion',
    'ratio',
    '成交人数 / 观看人数',
    'Paying buyers / UV',
  ),
  orders: def('orders', '成交订单数', 'Paid orders', 'count', '已支付订单数', 'Paid orders'),
  buyers: def('buyers', '成交人数', 'Buyers', 'count', '已支付的去重买家数', 'Distinct paying buyers'),
  gmv: def(
    'gmv',
    '成交金额',
    'GMV',
    'cny',
    '场次内已支付订单金额之和（退款单列）',
    'Sum of paid order amounts during the session (refunds shown separately)',
  ),
  gpm: def(
    'gpm',
    '千次观看成交金额',
    'GPM',
    'cny',
    'GMV × 1000 / 场观（PV）。部分工具除以UV，LiveLab 用 PV',
    'GMV × 1000 / entries (PV). Some tools divide by UV; LiveLab uses PV',
  ),
  uvValue: def('uvValue', 'UV价值', 'UV value', 'cny', '成交金额 / 观看人数', 'GMV / UV'),
  aov: def('aov', '客单价', 'Average order value', 'cny', '成交金额 / 成交人数', 'GMV / buyers'),
  leads: def(
    'leads',
    '留资数',
    'Leads',
    'count',
    '留下购车意向信息（预约试驾等）的人数',
    'Purchase-intent leads captured (test-drive bookings)',
  ),
  leadRate: def('leadRate', '留资率', 'Lead rate', 'ratio', '留资人数 / 观看人数', 'Leads / UV'),
  refunds: def(
    'refunds',
    '退款订单数',
    'Refunded orders',
    'count',
    '场次内退款订单数',
    'Orders refunded in the session',
  ),
  refundAmount: def(
    'refundAmount',
    '退款金额',
    'Refund amount',
    'cny',
    '场次内退款金额，不从GMV中扣除',
    'Amount refunded in the session, not deducted from GMV',
  ),
  grossProfit: def(
    'grossProfit',
    '毛利',
    'Gross profit',
    'cny',
    '成交金额 − 商品成本 − 退款 − 福袋奖品成本（券后实付计）',
    'Paid amounts (after coupons) − cost of goods − refunds − giveaway prizes',
  ),
  promotionCost: def(
    'promotionCost',
    '营销成本',
    'Promotion cost',
    'cny',
    '优惠券抵扣 + 秒杀让利（相对货架价）+ 福袋奖品成本',
    'Coupon discounts + flash-sale markdowns (against the shelf price) + giveaway prizes',
  ),
  leadValue: def(
    'leadValue',
    '线索价值',
    'Lead value',
    'cny',
    '每条留资按场景线索价值计；直播间承诺低于目录价的，按成交比例扣除让利',
    'Each lead at the scenario’s lead value, less the discount promised below the catalogue price on the share that buys',
  ),
};
