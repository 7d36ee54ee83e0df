import { describe, expect, it } from 'vitest';
import { classifyComment } from './classify';

describe('classifyComment', () => {
  it.each([
    ['这件有M码吗？', 'question'],
    ['How much is shipping?', 'question'],
    ['我的快递还没发货，要退款', 'complaint'],
    ['太贵了，别家才99', 'objection'],
    ['已拍，期待', 'purchase'],
    ['主播好！', 'greeting'],
    ['加微信领优惠', 'spam'],
    ['能不能试穿一下看看', 'request'],
    ['颜色好看，爱了', 'praise'],
    ['嗯嗯', 'chat'],
  ])('%s → %s', (text, kind) => {
    expect(classifyComment(text).kind).toBe(kind);
  });

  it('tags a question with the topic it asks about', () => {
    const classified = classifyComment('这个多少钱？');
    expect(classified.kind).toBe('question');
    expect(classified.topic).toBeDefined();
  });
});
