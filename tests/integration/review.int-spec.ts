/**
 * The review of a session run over the real api (socket.io staff and a phone viewer): its figures are
 * checked against a second, naive reading of the raw event log written here from the metric definitions
 * (reference/metrics.md), and the unedited what-if must reproduce the session exactly.
 */
import { randomUUID } from 'node:crypto';
import type {
  RoomSummary,
  SessionEvent,
  SessionReport,
  SessionReview,
  WhatIfResult,
} from '@livelab/contracts';
import { buildReview, parseScenario } from '@livelab/engagement';
import { describe, expect, inject, it } from 'vitest';
import { apiSuite } from '../support/api-suite';
import { apiDatabaseKinds } from '../support/postgres-database';
import { sleep, waitFor } from '../support/room-client';

const targets = apiDatabaseKinds(inject('postgresAvailable'));

type P = Record<string, unknown>;
const payload = (e: SessionEvent) => e.payload as P;
const distinct = (events: SessionEvent[], ...types: string[]) =>
  new Set(events.filter((e) => types.includes(e.type)).map((e) => e.actor));

/** The metric definitions of reference/metrics.md applied to the log, one plain pass per figure. */
function naiveFigures(events: SessionEvent[], productIds: string[]) {
  const uv = distinct(events, 'viewer.enter').size;
  const pv = events.filter((e) => e.type === 'viewer.enter').length;
  let online = 0;
  let peak = 0;
  const inRoom = new Set<string>();
  for (const e of events) {
    if (e.type === 'viewer.enter' && !inRoom.has(e.actor)) {
      inRoom.add(e.actor);
      online++;
    }
    if (e.type === 'viewer.leave' && inRoom.delete(e.actor)) online--;
    peak = Math.max(peak, online);
  }
  const watchMs = events
    .filter((e) => e.type === 'viewer.leave')
    .reduce((s, e) => s + (payload(e)['watchMs'] as number), 0);
  const interacted = distinct(events, 'comment', 'viewer.like', 'viewer.share', 'viewer.follow').size;
  const followers = distinct(events, 'viewer.follow').size;
  const exposed = distinct(events, 'product.exposure').size;
  const clickers = distinct(events, 'product.click').size;
  const created = new Map(
    events.filter((e) => e.type === 'order.created').map((e) => [payload(e)['orderId'], e]),
  );
  const paid = events.filter((e) => e.type === 'order.paid' && created.has(payload(e)['orderId']));
  const orderers = distinct(events, 'order.created').size;
  const spend = new Map<string, number>();
  for (const e of paid)
    spend.set(e.actor, (spend.get(e.actor) ?? 0) + Math.round((payload(e)['amount'] as number) * 100));
  const gmvCents = [...spend.values()].reduce((a, b) => a + b, 0);
  const buyers = spend.size;
  const perProduct = productIds.map((id) => {
    const of = (type: string) =>
      new Set(events.filter((e) => e.type === type && payload(e)['productId'] === id).map((e) => e.actor));
    const paidHere = paid.filter((e) => payload(created.get(payload(e)['orderId'])!)['productId'] === id);
    // Time explained: from each pin of this product to the next pin, its unpin, or the end.
    let explainedMs = 0;
    let since: number | null = null;
    for (const e of events) {
      const pid = payload(e)['productId'];
      if (
        since !== null &&
        (e.type === 'host.pin' || (e.type === 'host.unpin' && (pid === id || pid === null)))
      ) {
        explainedMs += e.tMs - since;
        since = null;
      }
      if (e.type === 'host.pin' && pid === id) since = e.tMs;
    }
    if (since !== null) explainedMs += events.at(-1)!.tMs - since;
    return {
      exposure: of('product.exposure').size,
      clicks: of('product.click').size,
      orders: paidHere.length,
      gmvCents: paidHere.reduce((s, e) => s + Math.round((payload(e)['amount'] as number) * 100), 0),
      explainedSec: Math.round(explainedMs / 1000),
    };
  });
  // Questions and their first reply.
  const asked = new Map(
    events
      .filter((e) => e.type === 'comment' && payload(e)['kind'] === 'question')
      .map((e) => [payload(e)['commentId'], e.tMs]),
  );
  const firstReply = new Map<unknown, number>();
  for (const e of events)
    if (
      e.type === 'comment.reply' &&
      asked.has(payload(e)['replyTo']) &&
      !firstReply.has(payload(e)['replyTo'])
    )
      firstReply.set(payload(e)['replyTo'], (e.tMs - asked.get(payload(e)['replyTo'])!) / 1000);
  const times = [...firstReply.values()].sort((a, b) => a - b);
  const median =
    times.length === 0
      ? null
      : times.length % 2
        ? times[(times.length - 1) / 2]!
        : (times[times.length / 2 - 1]! + times[times.length / 2]!) / 2;
  const p90 = times.length === 0 ? null : times[Math.ceil(0.9 * times.length) - 1]!;
  // 跳失: a visit that ended (the viewer left) within 10 s with no action during it.
  const acting = new Set([
    'comment',
    'viewer.like',
    'viewer.share',
    'viewer.follow',
    'product.click',
    'coupon.claimed',
    'order.created',
    'lead.created',
    'giveaway.entered',
  ]);
  const actedThisVisit = new Map<string, boolean>();
  let bounces = 0;
  for (const e of events) {
    if (e.type === 'viewer.enter') actedThisVisit.set(e.actor, false);
    else if (acting.has(e.type) && actedThisVisit.has(e.actor)) actedThisVisit.set(e.actor, true);
    else if (e.type === 'viewer.leave') {
      const quiet = actedThisVisit.get(e.actor) === false;
      if (quiet && payload(e)['reason'] === 'left' && (payload(e)['watchMs'] as number) < 10_000) bounces++;
      actedThisVisit.delete(e.actor);
    }
  }
  // ABC: buyers ranked by spend, top 20% A, next 30% B, the rest C.
  const ranked = [...spend.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const abc = { A: 0, B: 0, C: 0 };
  ranked.forEach((_, n) =>
    n < Math.ceil(ranked.length * 0.2) ? abc.A++ : n < Math.ceil(ranked.length * 0.5) ? abc.B++ : abc.C++,
  );
  return {
    uv,
    pv,
    bounces,
    peak,
    avgWatchSec: watchMs / 1000 / uv,
    interactionRate: interacted / uv,
    followRate: followers / uv,
    exposed,
    clickers,
    ctr: clickers / exposed,
    orderers,
    buyers,
    orders: paid.length,
    gmv: gmvCents / 100,
    conversion: buyers / uv,
    ctor: buyers / clickers,
    gpm: ((gmvCents / 100) * 1000) / pv,
    uvValue: gmvCents / 100 / uv,
    aov: gmvCents / 100 / buyers,
    perProduct,
    questions: asked.size,
    answered: firstReply.size,
    median,
    p90,
    abc,
    violations: events.filter((e) => e.type === 'compliance.violation').map((e) => e.tMs / 1000),
  };
}

describe.each(targets)('post-stream review of a session run over the api on %s', (kind) => {
  const suite = apiSuite(kind);

  it('shows figures equal to a naive reading of the log, and the unedited what-if reproduces them', async () => {
    const { client, connections } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '复盘测试',
      scenarioId: 'apparel-autumn',
      seed: 5,
      speed: 20,
      viewers: 300,
    });
    const staffJoin = await client.join(room.staffCode!, '小李', 'host');
    const viewerJoin = await client.join(room.joinCode, '同学A');
    const host = await client.connect(staffJoin.token);
    const viewer = await client.connect(viewerJoin.token);
    connections.push(host, viewer);
    const [first, second] = host.state!.products;
    await host.must({ type: 'goLive' });
    await host.must({ type: 'replyPolicy', latencySec: 12, coverage: 0.8 });
    await host.must({ type: 'pin', productId: first!.id });
    await host.must({ type: 'coupon', discount: 10, threshold: 0, quota: 2000, perUser: 1 });
    const couponEvent = await waitFor(
      () => viewer.events.find((e) => e.type === 'host.coupon'),
      5000,
      'coupon',
    );
    const couponId = payload(couponEvent)['couponId'] as string;
    await viewer.must({ type: 'claimCoupon', couponId });
    const question = await viewer.must<{ commentId: string }>({ type: 'comment', text: '这件有M码吗？' });
    const order = await viewer.must<{ orderId: string }>({
      type: 'order',
      productId: first!.id,
      qty: 1,
      couponId,
      idempotencyKey: 'review-test-0001',
    });
    await viewer.must({ type: 'pay', orderId: order.orderId });
    await host.must({ type: 'say', text: '这是全网最低价，买它' });
    await sleep(1500);
    await host.must({ type: 'reply', commentId: question.commentId, text: 'M码有货，160cm穿M' });
    await host.must({ type: 'flashSale', productId: second!.id, price: 49, stock: 15, durationSec: 60 });
    await viewer.must({ type: 'like', count: 3 });
    await sleep(2500);
    await host.must({ type: 'pin', productId: second!.id });
    await sleep(3000);
    await client.ok('POST', `/api/sessions/${room.session!.id}/end`, undefined, staffJoin.token);

    const sessionId = room.session!.id;
    // Once the session is stored as ended, the review is read through database aggregates.
    await waitFor(
      async () => {
        const rooms = await client.ok<RoomSummary[]>('GET', '/api/rooms', undefined, teacher.token);
        return rooms.find((x) => x.id === room.id)?.session?.status === 'ended' ? true : undefined;
      },
      10_000,
      'the session stored as ended',
    );
    const events = await client.allEvents(teacher.token, sessionId);
    const review = await client.ok<SessionReview>(
      'GET',
      `/api/sessions/${sessionId}/review`,
      undefined,
      staffJoin.token,
    );
    const r = review.report;
    const n = naiveFigures(
      events,
      r.products.map((p) => p.id),
    );
    const m = r.metrics;
    expect(n.orders, 'a session with sales').toBeGreaterThan(2);
    expect([m.uv, m.pv, m.peakOnline, m.productExposure, m.productClicks, m.orders, m.buyers]).toEqual([
      n.uv,
      n.pv,
      n.peak,
      n.exposed,
      n.clickers,
      n.orders,
      n.buyers,
    ]);
    expect(m.gmv).toBeCloseTo(n.gmv, 2);
    expect(m.bounces, '跳失').toBe(n.bounces);
    // Each figure as the report rounds it (watch time to 0.1 s, rates to 4 decimals, money to the cent) is
    // within half its rounding unit of the naive value.
    for (const [name, shown, naive, unit] of [
      ['avgWatchSec', m.avgWatchSec, n.avgWatchSec, 0.1],
      ['interactionRate', m.interactionRate, n.interactionRate, 1e-4],
      ['followRate', m.followRate, n.followRate, 1e-4],
      ['productCtr', m.productCtr, n.ctr, 1e-4],
      ['conversion', m.conversion, n.conversion, 1e-4],
      ['ctor', m.ctor, n.ctor, 1e-4],
      ['gpm', m.gpm, n.gpm, 0.01],
      ['uvValue', m.uvValue, n.uvValue, 0.01],
      ['aov', m.aov, n.aov, 0.01],
      ['bounceRate', m.bounceRate, n.bounces / n.pv, 1e-4],
    ] as const)
      expect(Math.abs(shown - naive), name).toBeLessThanOrEqual(unit / 2 + 1e-9);
    expect(r.funnel.slice(1).map((s) => s.count)).toEqual([
      n.uv,
      n.exposed,
      n.clickers,
      n.orderers,
      n.buyers,
    ]);
    r.products.forEach((p, i) => {
      const q = n.perProduct[i]!;
      expect([p.exposure, p.clicks, p.orders, Math.round(p.gmv * 100), p.explainedSec], p.name).toEqual([
        q.exposure,
        q.clicks,
        q.orders,
        q.gmvCents,
        q.explainedSec,
      ]);
    });
    expect(n.perProduct[0]!.explainedSec).toBeGreaterThan(0);
    expect([r.comments.questions, r.comments.answered]).toEqual([n.questions, n.answered]);
    expect(r.comments.medianResponseSec).toBeCloseTo(n.median!, 1);
    expect(r.comments.p90ResponseSec).toBeCloseTo(n.p90!, 1);
    expect(r.violations.map((v) => v.t)).toEqual(n.violations.map((t) => Math.round(t * 10) / 10));
    expect(r.violations.length).toBeGreaterThan(0);
    expect([r.buyersByClass.A.buyers, r.buyersByClass.B.buyers, r.buyersByClass.C.buyers]).toEqual([
      n.abc.A,
      n.abc.B,
      n.abc.C,
    ]);
    // The review's report is the session's own (the one the CLI and the dashboard compute).
    const stored = await client.report(staffJoin.token, sessionId);
    expect(r).toEqual(stored);
    // Timeline: both pins, the coupon, the flash sale and the violation are marked at their log times.
    const pins = events.filter((e) => e.type === 'host.pin').map((e) => e.tMs);
    expect(review.markers.filter((k) => k.kind === 'pin').map((k) => k.tMs)).toEqual(pins);
    expect(review.markers.map((k) => k.kind)).toEqual(
      expect.arrayContaining(['coupon', 'flashSale', 'violation']),
    );

    // …which gives exactly what the whole log gives.
    const definition = await client.ok<unknown>('GET', '/api/scenarios/apparel-autumn');
    const parsed = parseScenario(definition);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(review).toMatchObject(buildReview(parsed.scenario, events));

    const same = await client.ok<WhatIfResult>(
      'POST',
      `/api/sessions/${sessionId}/review/what-if`,
      { edits: [] },
      staffJoin.token,
    );
    expect(same.reproduced).toBe(true);
    expect(same.whatIf).toEqual(r);
    expect(same.diff.every((d) => d.delta === 0)).toBe(true);
    const flash = events.find((e) => e.type === 'host.flashSale')!;
    const noFlash = await client.ok<WhatIfResult>(
      'POST',
      `/api/sessions/${sessionId}/review/what-if`,
      {
        edits: [
          { kind: 'drop', seq: flash.seq },
          { kind: 'answerWithin', sec: 20 },
        ],
      },
      staffJoin.token,
    );
    expect(noFlash.whatIf.products[1]!.exposure).not.toBe(r.products[1]!.exposure);
    expect(noFlash.whatIf.comments.p90ResponseSec!).toBeLessThanOrEqual(20);
    // The phone viewer's own order is in both runs: humans are replayed as they acted.
    expect(noFlash.whatIf.metrics.orders).toBeGreaterThan(0);
  });

  it('exports CSV and shares a read-only link that opens this review only', async () => {
    const { client, connections, api } = suite;
    const teacher = await client.instructor();
    const room = await client.createRoom(teacher.token, {
      name: '导出',
      scenarioId: 'beauty-skincare',
      seed: 3,
      speed: 30,
    });
    const staffJoin = await client.join(room.staffCode!, '小王', 'host');
    const host = await client.connect(staffJoin.token);
    connections.push(host);
    await host.must({ type: 'goLive' });
    await host.must({ type: 'pin', productId: host.state!.products[0]!.id });
    await sleep(2500);
    await client.ok('POST', `/api/sessions/${room.session!.id}/end`, undefined, staffJoin.token);
    const sessionId = room.session!.id;

    // Downloads open with the signed links the review lists; never with a token in the URL (#17).
    const { links } = await client.ok<SessionReview>(
      'GET',
      `/api/sessions/${sessionId}/review`,
      undefined,
      staffJoin.token,
    );
    expect(links!.csv['products']).toMatch(/^\/api\/sessions\/.+\/export\/products\.csv\?sig=\d+\.[\w-]+$/);
    expect(JSON.stringify(links)).not.toContain(staffJoin.token.split('.')[1]!);
    const withToken = await fetch(
      `${api.baseUrl}/api/sessions/${sessionId}/export/products.csv?token=${staffJoin.token}`,
    );
    expect(withToken.status).toBe(401);
    expect(await withToken.text()).toContain('not accepted in URLs');
    const tampered = links!.csv['products']!.replace(sessionId, randomUUID());
    expect((await fetch(`${api.baseUrl}${tampered}`)).status).toBe(401);
    const csv = await fetch(`${api.baseUrl}${links!.csv['products']}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const report = await client.report(staffJoin.token, sessionId);
    expect(rows).toHaveLength(report.products.length + 1);
    expect(rows[1]).toContain(report.products[0]!.name);
    const log = await fetch(`${api.baseUrl}${links!.csv['events']}`);
    const lines = (await log.text()).trim().split('\r\n');
    const events = await client.allEvents(staffJoin.token, sessionId);
    expect(lines).toHaveLength(events.length + 1);

    const share = await client.ok<{ token: string; path: string }>(
      'POST',
      `/api/sessions/${sessionId}/review/share`,
      undefined,
      staffJoin.token,
    );
    expect(share.path).toContain(sessionId);
    const shared = await client.ok<SessionReview>(
      'GET',
      `/api/sessions/${sessionId}/review`,
      undefined,
      share.token,
    );
    expect(shared.report).toEqual(report satisfies SessionReport);
    // Read-only: no new links, no room, no other session, no commands.
    expect(
      (await client.request('POST', `/api/sessions/${sessionId}/review/share`, undefined, share.token))
        .status,
    ).toBe(403);
    expect((await client.request('GET', `/api/rooms/${room.id}`, undefined, share.token)).status).toBe(403);
    expect(
      (await client.request('POST', `/api/sessions/${sessionId}/end`, undefined, share.token)).status,
    ).toBe(403);
    // …and no what-if re-runs: they replay the whole log on the thread the live rooms run on.
    expect(
      (await client.request('POST', `/api/sessions/${sessionId}/review/what-if`, { edits: [] }, share.token))
        .status,
    ).toBe(403);
    const viewerJoin = await client.join(room.joinCode, '路人');
    expect(
      (await client.request('GET', `/api/sessions/${sessionId}/review`, undefined, viewerJoin.token)).status,
    ).toBe(403);
    // No recording without a publisher.
    expect(
      (await client.request('GET', `/api/sessions/${sessionId}/recording`, undefined, share.token)).status,
    ).toBe(404);
  });
});
