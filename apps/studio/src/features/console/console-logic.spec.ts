import type { SessionEvent } from '@livelab/contracts';
import { describe, expect, it } from 'vitest';
import { labelPx, layoutMarkers, NARROWEST_PLOT_PX } from './components/trend-chart';
import { markerLines } from './markers';
import { scriptPosition, titleWithLink } from './script-position';
import { visibleWindow } from './virtual-window';

describe('visibleWindow', () => {
  it('renders only the rows in view, however many are held', () => {
    expect(visibleWindow(50_000, 0, 600, 30, 6)).toEqual({ first: 0, last: 26 });
    const scrolled = visibleWindow(50_000, 30_000, 600, 30, 6);
    expect(scrolled).toEqual({ first: 994, last: 1026 });
    expect(scrolled.last - scrolled.first).toBeLessThan(40);
  });

  it('stays inside the list at its ends and for an empty list', () => {
    expect(visibleWindow(10, 0, 600, 30, 6)).toEqual({ first: 0, last: 10 });
    expect(visibleWindow(0, 0, 600, 30, 6)).toEqual({ first: 0, last: 0 });
    expect(visibleWindow(100, 2_910, 600, 30, 6)).toEqual({ first: 91, last: 100 });
  });
});

describe('markerLines', () => {
  const event = (seq: number, tMs: number, type: string): SessionEvent =>
    ({ seq, tMs, type, actor: 'host', payload: {} }) as SessionEvent;

  it('marks pins, coupons, flash sales and violations with translatable keys, skipping other events', () => {
    const lines = markerLines([
      event(1, 0, 'session.live'),
      event(2, 4_000, 'host.pin'),
      event(3, 9_500, 'comment'),
      event(4, 12_000, 'host.coupon'),
      event(5, 30_000, 'host.flashSale'),
      event(6, 31_000, 'compliance.violation'),
    ]);
    expect(lines.map((l) => [l.sec, l.key])).toEqual([
      [4, 'host_pin'],
      [12, 'host_coupon'],
      [30, 'host_flashSale'],
      [31, 'compliance_violation'],
    ]);
    expect(new Set(lines.map((l) => l.color)).size).toBe(4);
  });
});

describe('scriptPosition', () => {
  const script = [
    { startSec: 180, durationSec: 600, title: '1号链接', cue: '讲面料' },
    { startSec: 0, durationSec: 180, title: '开场', cue: '欢迎' },
    { startSec: 900, durationSec: 300, title: '返场', cue: '回顾' },
  ];

  it('finds the running segment, its time left and the next one', () => {
    expect(scriptPosition(script, 0)).toMatchObject({
      current: { title: '开场' },
      next: { title: '1号链接' },
      leftSec: 180,
      progress: 0,
    });
    expect(scriptPosition(script, 480)).toMatchObject({
      current: { title: '1号链接' },
      next: { title: '返场' },
      leftSec: 300,
      progress: 0.5,
    });
  });

  it('has no current segment in a gap or after the end', () => {
    expect(scriptPosition(script, 800)).toMatchObject({ current: null, next: { title: '返场' } });
    expect(scriptPosition(script, 1300)).toMatchObject({ current: null, next: null });
  });
});

describe('titleWithLink', () => {
  const products = [
    { id: 'cardigan', link: 1 },
    { id: 'tee', link: 2 },
  ];
  it("says the product's link number as the bag stands after it was sorted", () => {
    expect(titleWithLink({ title: '1号链接 纯棉T恤', productId: 'tee' }, products)).toBe('2号链接 纯棉T恤');
    expect(titleWithLink({ title: 'Link 1 cotton tee', productId: 'tee' }, products)).toBe(
      'Link 2 cotton tee',
    );
  });
  it('leaves a title alone that names no link or belongs to no product', () => {
    expect(titleWithLink({ title: '开场暖场' }, products)).toBe('开场暖场');
    expect(titleWithLink({ title: '讲讲1号链接', productId: 'tee' }, products)).toBe('讲讲1号链接');
    expect(titleWithLink({ title: '3号链接 外套', productId: 'coat' }, products)).toBe('3号链接 外套');
  });
});

describe('layoutMarkers', () => {
  const line = (sec: number, name: string) => ({ sec, name, color: '#fff' });
  const shown = (marks: ReturnType<typeof layoutMarkers>) =>
    marks.filter((m) => m.label.show).map((m) => [m.xAxis, m.name, m.label.align]);

  it('runs a label left of its line near the end of the plot, where the value axis is', () => {
    expect(shown(layoutMarkers([line(10, '讲解'), line(290, '秒杀')], 300))).toEqual([
      [10, '讲解', 'left'],
      [290, '秒杀', 'right'],
    ]);
  });

  it('joins a marker to the label before it when they would meet, keeping every line', () => {
    const marks = layoutMarkers(
      [line(10, '讲解'), line(11, '发券'), line(12, '福袋'), line(13, '讲解')],
      300,
    );
    expect(marks).toHaveLength(4);
    expect(shown(marks)).toEqual([[10, '讲解·发券…', 'left']]);
  });

  it('never lets two labels, or a label and the plot’s ends, meet on the narrowest plot', () => {
    // A marker every 7 s over 5 minutes, of every kind: far more than fit.
    const names = ['讲解', '发券', '秒杀', '福袋', '违规', '处罚'];
    const lines = Array.from({ length: 43 }, (_, i) => line(i * 7, names[i % names.length]!));
    const spans = layoutMarkers(lines, 300)
      .filter((m) => m.label.show)
      .map((m) => {
        const width = (labelPx(m.name) / NARROWEST_PLOT_PX) * 300;
        return m.label.align === 'left' ? [m.xAxis, m.xAxis + width] : [m.xAxis - width, m.xAxis];
      });
    expect(spans.length).toBeGreaterThanOrEqual(3);
    for (const [i, [from, to]] of spans.entries()) {
      expect(from).toBeGreaterThanOrEqual(0);
      expect(to).toBeLessThanOrEqual(300);
      if (i > 0) expect(from).toBeGreaterThanOrEqual(spans[i - 1]![1]!);
    }
  });
});
