/**
 * Directions the audience must follow whatever the seed: these are what a trainee learns from.
 * Each property aggregates a few consecutive seeds so a single lucky room cannot flip it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HostAction } from '@livelab/contracts';
import { buildReport } from '../report/metrics-accumulator';
import { runSession } from '../run-session';
import { apparelScenario, beautyScenario } from '../scenario/builtin';
import { competentActions } from '../scenario/host-scripts';
import type { Scenario } from '../scenario/scenario';
import type { Principal } from '@livelab/session';
import { RoomMachine } from '../room/room-machine';
import { commandOf } from '../run-session';

const HOST: Principal = { actor: 'host', name: 'host', role: 'host' };

const MINUTES = 20;
const FC = { numRuns: 3, seed: 7 };

function aggregate(scenario: Scenario, seed: number, actions: HostAction[]) {
  let uv = 0;
  let buyers = 0;
  let watch = 0;
  for (let s = seed; s < seed + 3; s++) {
    const m = buildReport(scenario, runSession({ scenario, seed: s, actions, minutes: MINUTES })).metrics;
    uv += m.uv;
    buyers += m.buyers;
    watch += m.avgWatchSec * m.uv;
  }
  return { conversion: buyers / uv, avgWatchSec: watch / uv };
}

const withPolicy = (actions: HostAction[], patch: Partial<Extract<HostAction, { type: 'replyPolicy' }>>) =>
  actions.map((a) => (a.type === 'replyPolicy' ? { ...a, ...patch } : a));

describe('audience directions', () => {
  const competent = competentActions(apparelScenario, MINUTES);

  it('answering questions raises retention and conversion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const answered = aggregate(apparelScenario, seed, competent);
        const ignored = aggregate(apparelScenario, seed, withPolicy(competent, { coverage: 0 }));
        expect(answered.avgWatchSec).toBeGreaterThan(ignored.avgWatchSec);
        expect(answered.conversion).toBeGreaterThan(ignored.conversion);
      }),
      FC,
    );
  });

  it('a coupon raises conversion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const noCoupon = competentActions(beautyScenario, MINUTES).filter((a) => a.type !== 'coupon');
        const coupon: HostAction = {
          t: 60,
          type: 'coupon',
          discount: 30,
          threshold: 0,
          perUser: 1,
          condition: 'none',
          minWatchSec: 0,
        };
        const withCoupon = [...noCoupon, coupon].sort((a, b) => a.t - b.t);
        expect(aggregate(beautyScenario, seed, withCoupon).conversion).toBeGreaterThan(
          aggregate(beautyScenario, seed, noCoupon).conversion,
        );
      }),
      FC,
    );
  });

  it('a flash sale never sells more than its stock', () => {
    fc.assert(
      fc.property(
        fc.record({
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          stock: fc.integer({ min: 1, max: 40 }),
          priceShare: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
          durationSec: fc.integer({ min: 20, max: 240 }),
          perUser: fc.integer({ min: 1, max: 3 }),
        }),
        ({ seed, stock, priceShare, durationSec, perUser }) => {
          const product = apparelScenario.products[0]!;
          const actions: HostAction[] = [
            { t: 0, type: 'pin', productId: product.id },
            {
              t: 30,
              type: 'flashSale',
              productId: product.id,
              price: Math.max(1, Math.round(product.price * priceShare)),
              stock,
              durationSec,
              perUser,
            },
          ];
          const events = runSession({ scenario: apparelScenario, seed, actions, minutes: 6, scale: 4 });
          let units = 0;
          for (const e of events) {
            if (e.type === 'order.created' && e.payload.flashSaleId !== undefined) {
              units += e.payload.qty;
              expect(e.payload.qty).toBeLessThanOrEqual(perUser);
            }
          }
          expect(units).toBeLessThanOrEqual(stock);
          const ended = events.find((e) => e.type === 'flashSale.ended');
          expect(ended?.type === 'flashSale.ended' && ended.payload.sold).toBe(units);
        },
      ),
      { numRuns: 12, seed: 11 },
    );
  });

  it('ignoring complaints lowers intent and conversion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const intentAfter = (kinds: HostAction[]) => {
          let intent = 0;
          for (let s = seed; s < seed + 3; s++) {
            const room = new RoomMachine({ scenario: apparelScenario, seed: s });
            room.goLive(HOST, 0);
            let next = 0;
            for (let t = 0; t < MINUTES * 60; t++) {
              while (next < kinds.length && kinds[next]!.t <= t)
                room.execute(HOST, commandOf(kinds[next++]!), t * 1000);
              room.tick(t * 1000);
            }
            intent += room.audienceSnapshot().meanIntent;
          }
          return intent;
        };
        const handled = competent;
        const ignored = withPolicy(competent, { kinds: ['question', 'objection'] });
        expect(intentAfter(handled)).toBeGreaterThan(intentAfter(ignored));
        expect(aggregate(apparelScenario, seed, handled).conversion).toBeGreaterThan(
          aggregate(apparelScenario, seed, ignored).conversion,
        );
      }),
      FC,
    );
  });
});
