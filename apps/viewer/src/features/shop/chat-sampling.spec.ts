import { describe, expect, it } from 'vitest';
import type { SampledLine } from './chat-sampling';
import { sampleBatch } from './chat-sampling';

const crowd = (text: string): SampledLine => ({ kind: 'comment', text, mine: false, crowd: true });

describe('sampleBatch (the overlay in a busy room)', () => {
  it('keeps a quiet batch as it is', () => {
    const lines = [crowd('来了'), crowd('好看')];
    expect(sampleBatch(lines)).toEqual(lines);
  });

  it('merges repeats, samples the crowd evenly and never drops the viewer, a reply or a classmate', () => {
    const mine: SampledLine = { kind: 'comment', text: '我的评论', mine: true };
    const reply: SampledLine = { kind: 'reply', text: '主播的回复', mine: false };
    const classmate: SampledLine = { kind: 'comment', text: '同学说', mine: false };
    const lines = [
      ...Array.from({ length: 12 }, () => crowd('6666')),
      ...Array.from({ length: 20 }, (_, i) => crowd(`第${i}条`)),
      mine,
      reply,
      classmate,
    ];
    const shown = sampleBatch(lines, 4);
    expect(shown.filter((l) => l.crowd)).toHaveLength(4);
    expect(shown.find((l) => l.text === '6666')).toMatchObject({ times: 12 });
    expect(shown).toContain(mine);
    expect(shown).toContain(reply);
    expect(shown).toContain(classmate);
    // Spread over the batch: the last crowd lines are not the only ones kept.
    expect(shown.filter((l) => l.crowd).map((l) => l.text)).toEqual(['6666', '第4条', '第9条', '第14条']);
  });
});
