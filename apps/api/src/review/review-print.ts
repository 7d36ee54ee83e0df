/**
 * The review's print view: one self-contained HTML page (inline CSS and SVG, no scripts) that headless
 * Chromium prints to A4 PDF. zh-CN first, English beside it, as the studio's default language is.
 */
import type { MetricKey, SessionReview } from '@livelab/contracts';
import {
  formatClock as clock,
  formatMetric,
  formatMoney as money,
  formatPercent as pct,
  METRIC_DEFINITIONS,
  METRIC_KEYS,
} from '@livelab/contracts';
import { TOPICS } from '@livelab/session';

const TOPIC_ZH = new Map(Object.values(TOPICS).map((topic) => [topic.key, topic.zh]));

const esc = (text: unknown): string =>
  String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const MARKER_ZH: Record<string, string> = {
  pin: '讲解',
  coupon: '发券',
  flashSale: '秒杀',
  giveaway: '福袋',
  violation: '违规',
  orderSpike: '成交高峰',
  trafficDrop: '流量下滑',
};

/** Online viewers and cumulative GMV as two polylines, markers as ticks along the bottom. */
function chart(review: SessionReview): string {
  const { online, gmv, stepSec } = review.series;
  const w = 720;
  const h = 180;
  const n = Math.max(2, online.length);
  const maxOnline = Math.max(1, ...online);
  const maxGmv = Math.max(1, ...gmv);
  const x = (i: number) => (i / (n - 1)) * w;
  const line = (values: number[], max: number) =>
    values.map((v, i) => `${x(i).toFixed(1)},${(h - (v / max) * (h - 10)).toFixed(1)}`).join(' ');
  const spanMs = (n - 1) * stepSec * 1000;
  const ticks = review.markers
    .map((m) => {
      const mx = (m.tMs / Math.max(1, spanMs)) * w;
      return `<line x1="${mx.toFixed(1)}" x2="${mx.toFixed(1)}" y1="${h}" y2="${h + 8}" class="mk mk-${m.kind}"/>`;
    })
    .join('');
  return `<svg viewBox="0 -4 ${w} ${h + 26}" width="100%" class="chart">
  <polyline points="${line(online, maxOnline)}" fill="none" stroke="#2f6fed" stroke-width="1.6"/>
  <polyline points="${line(gmv, maxGmv)}" fill="none" stroke="#e8254b" stroke-width="1.6"/>
  <line x1="0" x2="${w}" y1="${h}" y2="${h}" stroke="#999" stroke-width="0.5"/>
  ${ticks}
  <text x="0" y="${h + 22}" class="ax">0:00</text>
  <text x="${w}" y="${h + 22}" class="ax" text-anchor="end">${clock(spanMs)}</text>
  <text x="4" y="10" class="ax" fill="#2f6fed">在线 online (max ${maxOnline})</text>
  <text x="${w - 4}" y="10" class="ax" fill="#e8254b" text-anchor="end">累计成交 GMV ${money(maxGmv)}</text>
</svg>`;
}

export function renderReviewHtml(review: SessionReview): string {
  const r = review.report;
  const targets = new Map(r.targets.map((t) => [t.key, t]));
  const metricRows = METRIC_KEYS.map((key: MetricKey) => {
    const d = METRIC_DEFINITIONS[key];
    const target = targets.get(key);
    const value = r.metrics[key];
    return `<tr><td>${esc(d.zh)}<span class="en"> ${esc(d.en)}</span></td><td class="num">${esc(formatMetric(key, value))}</td><td class="num">${target ? esc(formatMetric(key, target.target)) : '–'}</td><td class="${target ? (target.met ? 'ok' : 'bad') : ''}">${target ? (target.met ? '达成 met' : '未达成 missed') : ''}</td></tr>`;
  }).join('');
  const funnel = r.funnel
    .map(
      (s) =>
        `<tr><td>${esc(s.zh)}<span class="en"> ${esc(s.en)}</span></td><td class="num">${s.count.toLocaleString('en-US')}</td><td class="num">${pct(s.rate)}</td><td><div class="bar" style="width:${Math.max(1, Math.round((s.count / Math.max(1, r.funnel[0]!.count)) * 100))}%"></div></td></tr>`,
    )
    .join('');
  const products = r.products
    .map(
      (p) =>
        `<tr><td>${esc(p.name)}</td><td class="num">${p.exposure}</td><td class="num">${p.clicks}</td><td class="num">${pct(p.ctr)}</td><td class="num">${p.orders}</td><td class="num">${pct(p.ctor)}</td><td class="num">${money(p.gmv)}</td><td class="num">${clock(p.explainedSec * 1000)}</td></tr>`,
    )
    .join('');
  const minutes = r.perMinute
    .map(
      (m) =>
        `<tr><td class="num">${m.minute}</td><td class="num">${m.entries}</td><td class="num">${m.avgOnline}</td><td class="num">${m.peakOnline}</td><td class="num">${m.comments}</td><td class="num">${m.clicks}</td><td class="num">${m.orders}</td><td class="num">${money(m.gmv)}</td></tr>`,
    )
    .join('');
  const c = r.comments;
  const handling = c.handling
    .map(
      (h) =>
        `<tr><td>${h.kind === 'objection' ? '异议' : '投诉'}</td><td>${esc(h.topic ? `${TOPIC_ZH.get(h.topic) ?? h.topic} ${h.topic}` : '–')}</td><td class="num">${h.total}</td><td class="num">${h.addressed}</td><td class="num">${h.answeredOffTopic}</td><td class="num">${h.hidden}</td><td class="num">${h.ignored}</td></tr>`,
    )
    .join('');
  const violations = r.violations.length
    ? r.violations
        .map(
          (v) =>
            `<tr><td class="num">${clock(v.t * 1000)}</td><td>${esc(v.term ?? v.rule)}</td><td>${esc(v.text)}</td></tr>`,
        )
        .join('')
    : '<tr><td colspan="3">无违规 No findings</td></tr>';
  const markers = review.markers
    .map(
      (m) =>
        `<tr><td class="num">${clock(m.tMs)}</td><td>${esc(MARKER_ZH[m.kind] ?? m.kind)}</td><td>${esc(m.label)}</td></tr>`,
    )
    .join('');
  const abc = (['A', 'B', 'C'] as const)
    .map(
      (k) =>
        `<tr><td>${k}</td><td class="num">${r.buyersByClass[k].buyers}</td><td class="num">${money(r.buyersByClass[k].gmv)}</td></tr>`,
    )
    .join('');
  const score = r.scoreBreakdown
    .map(
      (s) =>
        `<tr><td>${esc(s.zh)}</td><td class="num">${s.points} / ${s.max}</td><td>${esc(s.evidenceZh ?? s.evidence)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>直播复盘 ${esc(review.roomName)}</title>
<style>
@page { size: A4; margin: 14mm 12mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif; color: #1b1f29; font-size: 10.5px; margin: 0; }
h1 { font-size: 20px; margin: 0 0 2px; }
h2 { font-size: 13px; margin: 14px 0 6px; border-bottom: 2px solid #e8254b; padding-bottom: 2px; break-after: avoid; }
.sub { color: #555; margin-bottom: 8px; }
.kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 6px; margin: 8px 0; }
.kpi { border: 1px solid #dde1ea; border-radius: 4px; padding: 6px 8px; }
.kpi b { display: block; font-size: 16px; }
table { width: 100%; border-collapse: collapse; margin-bottom: 4px; }
th, td { border-bottom: 1px solid #e6e8ef; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #f3f5f9; font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.en { color: #8a90a0; font-size: 9px; }
.ok { color: #128a4a; } .bad { color: #c8102e; }
.bar { height: 8px; background: #e8254b; border-radius: 2px; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; }
.chart .ax { font-size: 9px; fill: #666; }
.mk { stroke-width: 2; } .mk-pin { stroke: #2f6fed; } .mk-coupon { stroke: #f5a623; } .mk-flashSale { stroke: #e8254b; }
.mk-giveaway { stroke: #8e44ad; } .mk-violation { stroke: #c0392b; } .mk-orderSpike { stroke: #128a4a; } .mk-trafficDrop { stroke: #555; }
section { break-inside: avoid; }
</style></head><body>
<h1>直播复盘 Post-stream review · ${esc(review.roomName)}</h1>
<div class="sub">${esc(r.scenario.name)} · 时长 ${clock(r.durationSec * 1000)} · 种子 seed ${r.seed ?? '–'} · 综合得分 score ${r.score} / 100 · 生成于 ${esc(review.generatedAt)}</div>
<div class="kpis">
<div class="kpi">成交金额 GMV<b data-gmv>${money(r.metrics.gmv)}</b></div>
<div class="kpi">观看人数 UV<b>${r.metrics.uv.toLocaleString('en-US')}</b></div>
<div class="kpi">最高在线 Peak<b>${r.metrics.peakOnline.toLocaleString('en-US')}</b></div>
<div class="kpi">成交转化率 Conversion<b>${pct(r.metrics.conversion)}</b></div>
<div class="kpi">千次观看成交 GPM<b>${money(r.metrics.gpm)}</b></div>
</div>
<section><h2>趋势 Trends</h2>${chart(review)}</section>
<div class="cols">
<section><h2>核心指标 vs 目标 Metrics vs targets</h2><table><tr><th>指标</th><th class="num">实际</th><th class="num">目标</th><th></th></tr>${metricRows}</table></section>
<div>
<section><h2>转化漏斗 Funnel</h2><table><tr><th>步骤</th><th class="num">人数</th><th class="num">转化</th><th style="width:35%"></th></tr>${funnel}</table></section>
<section><h2>客户 ABC 分类 Buyers by ABC class</h2><table><tr><th>类</th><th class="num">买家</th><th class="num">GMV</th></tr>${abc}</table></section>
<section><h2>评论处理 Comment handling</h2><table>
<tr><td>提问 / 已回复 questions / answered</td><td class="num">${c.questions} / ${c.answered} (${pct(c.answeredRate)})</td></tr>
<tr><td>回复时长 中位数 / P90 response median / p90</td><td class="num">${c.medianResponseSec ?? '–'} s / ${c.p90ResponseSec ?? '–'} s</td></tr>
<tr><td>异议 已化解 objections handled</td><td class="num">${c.objectionsHandled} / ${c.objections}</td></tr>
<tr><td>投诉 已处理 complaints handled</td><td class="num">${c.complaintsHandled} / ${c.complaints}</td></tr>
</table></section>
</div></div>
<section><h2>异议与投诉 Objections and complaints, by how they ended</h2><table><tr><th>类型</th><th>话题</th><th class="num">数量</th><th class="num">已化解</th><th class="num">答非所问</th><th class="num">被隐藏</th><th class="num">未回复</th></tr>${handling || '<tr><td colspan="7">–</td></tr>'}</table></section>
<section><h2>商品 Products</h2><table><tr><th>商品</th><th class="num">曝光人数</th><th class="num">点击人数</th><th class="num">点击率</th><th class="num">成交单数</th><th class="num">点击成交率</th><th class="num">成交金额</th><th class="num">讲解时长</th></tr>${products}</table></section>
<section><h2>合规 Compliance findings</h2><table><tr><th class="num">时间</th><th>规则 / 用词</th><th>内容</th></tr>${violations}</table></section>
<section><h2>评分 Score (${r.score} / 100)</h2><table><tr><th>项目</th><th class="num">得分</th><th>依据</th></tr>${score}</table></section>
<section><h2>时间轴 Timeline</h2><table><tr><th class="num">时间</th><th>事件</th><th>内容</th></tr>${markers || '<tr><td colspan="3">–</td></tr>'}</table></section>
<h2>分钟明细 Per minute</h2><table><tr><th class="num">分钟</th><th class="num">进入</th><th class="num">平均在线</th><th class="num">最高在线</th><th class="num">评论</th><th class="num">点击</th><th class="num">成交</th><th class="num">GMV</th></tr>${minutes}</table>
</body></html>`;
}
