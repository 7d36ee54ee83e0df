import type { SessionEvent } from '@livelab/contracts';
import { describe, expect, it } from 'vitest';
import { CatchUpFeed } from './catch-up-feed';

const say = (seq: number) =>
  ({ seq, tMs: seq * 100, type: 'host.say', actor: 'host', payload: { text: `#${seq}` } }) as SessionEvent;
const seqs = (batches: SessionEvent[][]) => batches.map((batch) => batch.map((e) => e.seq));

describe('CatchUpFeed', () => {
  it('handles the catch-up before pushes that arrived during it, each seq once and in order', () => {
    const delivered: SessionEvent[][] = [];
    const feed = new CatchUpFeed(10, (events) => delivered.push(events));
    // A push overtakes the catch-up answer: it waits rather than hide the older events behind it.
    feed.push([say(14), say(15)]);
    expect(delivered).toEqual([]);
    feed.caughtUp([say(11), say(12), say(13), say(14)]);
    expect(seqs(delivered)).toEqual([[11, 12, 13, 14], [15]]);
    // After that, pushes go straight through; anything at or below the highest handled is a repeat.
    feed.push([say(15), say(16)]);
    feed.push([say(9), say(16)]);
    expect(seqs(delivered)).toEqual([[11, 12, 13, 14], [15], [16]]);
    expect(feed.lastSeq).toBe(16);
  });

  it('skips the events at or below where it starts', () => {
    const delivered: SessionEvent[][] = [];
    const feed = new CatchUpFeed(12, (events) => delivered.push(events));
    feed.caughtUp([say(11), say(12), say(13)]);
    expect(seqs(delivered)).toEqual([[13]]);
  });
});
