import { describe, expect, it } from 'vitest';
import { findBannedTerms } from './compliance';
import { addressesTopic } from './topics';

describe('findBannedTerms', () => {
  it('flags advertising-law absolute terms once each, longest first', () => {
    expect(findBannedTerms('这是全网最低价，国家级品质')).toEqual(['全网最低', '国家级']);
    expect(findBannedTerms('我们是第一品牌，最好的面料')).toEqual(['最好', '第一']);
  });

  it('does not flag ordinary words that contain 最', () => {
    expect(findBannedTerms('最近天气冷了，最后一轮福利')).toEqual([]);
  });

  it('uses the scenario list when given', () => {
    expect(findBannedTerms('限时秒杀', ['秒杀'], [])).toEqual(['秒杀']);
    expect(findBannedTerms('限时秒杀')).toEqual([]);
  });
});

describe('addressesTopic', () => {
  it('recognises a reply that speaks to the question topic', () => {
    expect(addressesTopic('160 100斤拍M码', 'size')).toBe(true);
    expect(addressesTopic('感谢支持', 'size')).toBe(false);
    expect(addressesTopic('48小时发货，包邮', 'shipping')).toBe(true);
  });
});
