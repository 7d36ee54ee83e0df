/**
 * The rubric on a session as it happened: each point granted or taken at the moment that earned it (the
 * review seeks the replay there), and inputs without effect earning nothing.
 */
import { describe, expect, it } from 'vitest';
import type { HostAction, NewSessionEvent } from '@livelab/contracts';
import type { Principal } from '@livelab/session';
import { RoomMachine } from '../room/room-machine';
import { commandOf, runSession } from '../run-session';
import { apparelScenario } from '../scenario/builtin';
import { shelvesOf, withShelves } from '../scenario/scenario';
import { strategyById } from '../calibrate/strategies';
import { competentActions } from '../scenario/host-scripts';
import { buildReport } from './metrics-accumulator';
import { RubricTally } from './rubric-tally';

const host: Principal = { actor: 'host', name: '主播', role: 'host' };
const tee = apparelScenario.products[0]!;
const MINUTES = 10;

const item = (report: ReturnType<typeof buildReport>, key: string) =>
  report.scoreBreakdown.find((i) => i.key === key)!;

describe('the rubric from evidence', () => {
  it('grants and takes points for what happened, each at its moment', () => {
    const machine = new RoomMachine({
      scenario: apparelScenario,
      seed: 2,
      scale: 2,
      durationSec: MINUTES * 60,
    });
    const events: NewSessionEvent[] = [...machine.goLive(host, 0)];
    const run = (command: HostAction, t: number) =>
      events.push(...machine.execute(host, commandOf(command), t * 1000).events);
    let answeredAt = -1;
    let hiddenAt = -1;
    for (let t = 0; t < MINUTES * 60; t++) {
      if (t === 5) run({ t, type: 'say', text: '欢迎来到直播间，今天秋冬上新福利多' }, t);
      if (t === 10) run({ t, type: 'pin', productId: tee.id }, t);
      if (t === 20) run({ t, type: 'say', text: `${tee.name}，纯棉面料，不透，喜欢直接拍` }, t);
      if (t === 200) run({ t, type: 'say', text: '这是全网最低价' }, t);
      events.push(...machine.tick(t * 1000));
      if (answeredAt < 0 && t > 30) {
        // A price question asked in the last 10 s, answered by the host in words that address it.
        const question = events.find(
          (e) =>
            e.type === 'comment' &&
            e.payload.kind === 'question' &&
            e.payload.topic === 'price' &&
            e.tMs >= (t - 10) * 1000,
        );
        if (question?.type === 'comment') {
          run(
            {
              t,
              type: 'reply',
              commentId: question.payload.commentId,
              text: '亲，这款直播间到手价39元，领券再减',
            },
            t,
          );
          answeredAt = t;
        }
      }
      if (hiddenAt < 0 && t > 250) {
        const complaint = events.find((e) => e.type === 'comment' && e.payload.kind === 'complaint');
        if (complaint?.type === 'comment') {
          run({ t, type: 'hide', commentId: complaint.payload.commentId }, t);
          hiddenAt = t;
        }
      }
    }
    events.push(...machine.end('host', MINUTES * 60 * 1000));
    expect(answeredAt).toBeGreaterThan(0);
    expect(hiddenAt).toBeGreaterThan(0);
    const report = buildReport(apparelScenario, events);

    const pitch = item(report, 'productPitch');
    // The product by its name in each language; the selling points as the host said them.
    expect(pitch.marks).toEqual([
      { tMs: 20_000, label: `${tee.nameEn}: 纯棉, 不透`, labelZh: `${tee.name}：纯棉、不透`, good: true },
    ]);
    expect(pitch.points).toBeGreaterThan(0);

    const questions = item(report, 'questions');
    expect(questions.marks).toHaveLength(1);
    expect(questions.marks[0]).toMatchObject({ tMs: answeredAt * 1000, good: true });
    expect(questions.marks[0]!.label).toMatch(/^\d+ s · ✓ · 亲，这款直播间到手价/);
    expect(questions.points).toBeGreaterThan(0);

    const compliance = item(report, 'compliance');
    // The term said, or the rule by its name in each language — never the rule's id (#17).
    expect(compliance.marks.map((m) => [m.tMs, m.label, m.labelZh ?? m.label, m.good])).toEqual([
      [200_000, '全网最低', '全网最低', false],
      [hiddenAt * 1000, 'hid a genuine complaint', '隐藏真实投诉', false],
    ]);
    expect(compliance.points).toBe(compliance.max - 8);

    const opening = item(report, 'opening');
    expect(opening.points).toBe(opening.max);
    expect(opening.marks[0]?.tMs).toBe(5_000);
  });

  it('names the pre-stream checks in both languages, not by their ids', () => {
    const tally = new RubricTally(apparelScenario.products);
    tally.apply({
      tMs: 0,
      actor: 'host',
      type: 'session.pretest',
      payload: {
        passed: false,
        checks: [
          { item: 'resolution', pass: true, value: 720, unit: 'p' },
          { item: 'framerate', pass: false, value: 9, unit: 'fps' },
        ],
      },
    });
    expect(tally.pretest?.marks).toEqual([
      {
        tMs: 0,
        label: 'resolution 720p · frame rate 9fps ✗',
        labelZh: '分辨率 720p · 帧率 9fps ✗',
        good: false,
      },
    ]);
  });

  it('gives a second per pin, token promotions and an auto-reply policy almost nothing', () => {
    const farm = strategyById('score-farming')!.actions(apparelScenario, 30);
    const farmed = buildReport(
      apparelScenario,
      runSession({ scenario: apparelScenario, seed: 3, actions: farm, minutes: 30 }),
    );
    const competent = buildReport(
      apparelScenario,
      runSession({
        scenario: apparelScenario,
        seed: 3,
        actions: competentActions(apparelScenario, 30),
        minutes: 30,
      }),
    );
    expect(item(farmed, 'productPitch').points).toBe(0);
    expect(item(farmed, 'questions').points).toBe(0);
    expect(item(farmed, 'questions').evidence).toMatch(/by the reply policy earn nothing/);
    // The ¥0.01 coupon and the flash sale at full price count for nothing; only the 福袋 drew entrants.
    const promotions = item(farmed, 'promotions');
    expect(promotions.points).toBeLessThanOrEqual(Math.round((promotions.max / 3) * 10) / 10);
    expect(promotions.marks.filter((m) => !m.good)).toHaveLength(2);
    expect(item(farmed, 'interaction').points).toBeLessThan(item(competent, 'interaction').points);
    expect(farmed.score).toBeLessThan(competent.score * 0.6);
  });

  it("counts a flash sale as a markdown against the room's own shelf price, not the catalogue's", () => {
    // The instructor put the tee on the room's shelf at ¥20 below the catalogue; a flash sale ¥10 below the
    // catalogue is then a mark-up, however well it sells, in the live report and in one rebuilt from the log.
    const shelfPrice = tee.price - 20;
    const room = withShelves(
      apparelScenario,
      shelvesOf(apparelScenario).map((shelf) =>
        shelf.id === tee.id ? { ...shelf, priceCents: Math.round(shelfPrice * 100) } : shelf,
      ),
    );
    const reports = [room, apparelScenario].map((reportScenario) => {
      const machine = new RoomMachine({ scenario: room, seed: 4, scale: 2, durationSec: 300 });
      const events: NewSessionEvent[] = [...machine.goLive(host, 0)];
      for (let t = 0; t < 300; t++) {
        if (t === 5)
          events.push(
            ...machine.execute(
              host,
              commandOf({
                t,
                type: 'flashSale',
                productId: tee.id,
                price: tee.price - 10,
                stock: 50,
                durationSec: 120,
                perUser: 5,
              }),
              t * 1000,
            ).events,
          );
        events.push(...machine.tick(t * 1000));
      }
      return buildReport(reportScenario, events);
    });
    for (const report of reports) {
      const flash = item(report, 'promotions').marks.find((mark) =>
        mark.label.includes(`¥${tee.price - 10}`),
      )!;
      expect(flash.good).toBe(false);
    }
  });
});
