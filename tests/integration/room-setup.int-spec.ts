import type { LiveScriptSegment, SessionEvent } from '@livelab/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-process';
import { startApi } from '../support/api-process';
import { ApiClient, waitFor } from '../support/room-client';

/** Room set-up over REST: an instructor's own scenario, and the live script kept with the room and logged. */
describe('room set-up: custom scenarios and the live script', () => {
  let api: ApiProcess;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    client = new ApiClient(api.baseUrl);
  });
  afterAll(async () => {
    await api?.stop();
  });

  const tea = {
    name: '春茶专场',
    category: 'agri-food',
    durationMin: 30,
    products: [
      { id: 'longjing', name: '明前龙井 250g', price: 168, listPrice: 268, stock: 80 },
      { id: 'biluochun', name: '碧螺春 200g', price: 98, listPrice: 158, stock: 120 },
    ],
    targets: { gmv: 8000, conversion: 0.03 },
  };

  it('saves a valid scenario that rooms then run like a built-in, and refuses bad ones with reasons', async () => {
    const teacher = await client.instructor();
    const anonymous = await client.request('POST', '/api/scenarios', tea);
    expect(anonymous.status).toBe(401);

    const created = await client.ok<{ id: string; nameEn: string; targets: { gmv: number } }>(
      'POST',
      '/api/scenarios',
      tea,
      teacher.token,
    );
    expect(created.id).toMatch(/^custom-/);
    expect(created.nameEn).toBe('春茶专场');
    expect(created.targets.gmv).toBe(8000);
    const listed = await client.ok<Array<{ id: string; builtin: boolean; productCount: number }>>(
      'GET',
      '/api/scenarios',
    );
    expect(listed.find((s) => s.id === created.id)).toMatchObject({ builtin: false, productCount: 2 });

    const banned = await client.request<{ errors: Array<{ path: string; message: string }> }>(
      'POST',
      '/api/scenarios',
      { ...tea, products: [{ ...tea.products[0], name: '全网最好的龙井' }] },
      teacher.token,
    );
    expect(banned.status).toBe(400);
    expect(banned.body.errors[0]).toMatchObject({ path: 'products.0.name' });
    expect(banned.body.errors[0]!.message).toContain('最好');

    // Selling points end up on the generated script's cue cards: refused on save, not by every room later.
    const sellingPoint = await client.request<{ errors: Array<{ path: string; message: string }> }>(
      'POST',
      '/api/scenarios',
      { ...tea, products: [tea.products[0], { ...tea.products[1], sellingPoints: ['回甘', '全网最低价'] }] },
      teacher.token,
    );
    expect(sellingPoint.status).toBe(400);
    expect(sellingPoint.body.errors).toEqual([
      { path: 'products.1.sellingPoints.1', message: expect.stringContaining('最低') },
    ]);

    const negative = await client.request<{ errors: Array<{ path: string }> }>(
      'POST',
      '/api/scenarios',
      { ...tea, products: [{ ...tea.products[0], price: -1 }] },
      teacher.token,
    );
    expect(negative.status).toBe(400);
    expect(negative.body.errors.map((e) => e.path)).toContain('products.0.price');

    const again = await client.request('POST', '/api/scenarios', { ...tea, id: created.id }, teacher.token);
    expect(again.status).toBe(409);

    // A room from it: default script from its products, kept with the room and logged at go-live.
    const room = await client.createRoom(teacher.token, {
      name: '春茶第一场',
      scenarioId: created.id,
      seed: 7,
      speed: 20,
    });
    const detail = await client.ok<{ script: LiveScriptSegment[]; products: Array<{ id: string }> }>(
      'GET',
      `/api/rooms/${room.id}`,
      undefined,
      teacher.token,
    );
    expect(detail.products.map((p) => p.id).sort()).toEqual(['biluochun', 'longjing']);
    expect(detail.script.filter((s) => s.productId).map((s) => s.productId)).toEqual([
      'longjing',
      'biluochun',
    ]);
    const last = detail.script.at(-1)!;
    expect(last.startSec + last.durationSec).toBeLessThanOrEqual(30 * 60);

    const hostJoin = await client.join(room.staffCode!, '小李', 'host');
    const badScript = await client.request<{ errors: Array<{ path: string; message: string }> }>(
      'PUT',
      `/api/rooms/${room.id}/script`,
      { script: [{ startSec: 0, durationSec: 60, title: '开场', cue: '史上最低价' }] },
      hostJoin.token,
    );
    expect(badScript.status).toBe(400);
    expect(badScript.body.errors[0]).toMatchObject({ path: 'script.0.cue' });

    // The console's socket starts the room's runtime before go-live; edits made after that still count.
    const host = await client.connect(hostJoin.token);
    const script = [
      { startSec: 0, durationSec: 120, title: '开场', cue: '欢迎，点关注' },
      {
        startSec: 120,
        durationSec: 600,
        title: '龙井讲解',
        cue: '明前采摘，直播间价 168',
        productId: 'longjing',
      },
    ];
    const saved = await client.ok<{ script: LiveScriptSegment[] }>(
      'PUT',
      `/api/rooms/${room.id}/script`,
      { script },
      hostJoin.token,
    );
    expect(saved.script).toHaveLength(2);

    try {
      await host.must({ type: 'goLive' });
      // Straight after go-live, before the database has caught up: the logged script is final.
      const refused = await client.request<{ message: string }>(
        'PUT',
        `/api/rooms/${room.id}/script`,
        { script: [{ startSec: 0, durationSec: 60, title: '临时改词', cue: '换个说法' }] },
        hostJoin.token,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain('fixed once the session is live');
      await host.must({ type: 'pin', productId: 'longjing' });
      await waitFor(() => (host.metrics.length > 0 ? true : undefined), 10_000, 'metrics');
      const sessionId = host.state!.sessionId!;
      const events: SessionEvent[] = await client.allEvents(hostJoin.token, sessionId);
      const live = events.find((e) => e.type === 'session.live');
      expect(live?.type === 'session.live' && live.payload.script).toEqual(script);
      const detailAfter = await client.ok<{ script: LiveScriptSegment[] }>(
        'GET',
        `/api/rooms/${room.id}`,
        undefined,
        teacher.token,
      );
      expect(detailAfter.script).toEqual(script);
      expect(live?.payload).toMatchObject({ scenarioId: created.id, seed: 7 });
      expect(events.some((e) => e.type === 'viewer.enter')).toBe(true);
    } finally {
      host.close();
    }
  });
});
