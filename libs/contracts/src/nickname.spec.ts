import { describe, expect, it } from 'vitest';
import { viewerNickname } from './nickname';

describe('viewerNickname', () => {
  it('gives a simulated viewer the same nickname every time', () => {
    expect(viewerNickname('bot:123')).toBe(viewerNickname('bot:123'));
    expect(viewerNickname('bot:123', 'en')).toBe(viewerNickname('bot:123', 'en'));
  });

  it('gives varied nicknames in the language of the room', () => {
    const zh = Array.from({ length: 1000 }, (_, i) => viewerNickname(`bot:${i}`, 'zh'));
    const en = Array.from({ length: 1000 }, (_, i) => viewerNickname(`bot:${i}`, 'en'));
    expect(new Set(zh).size).toBeGreaterThan(600);
    expect(new Set(en).size).toBeGreaterThan(600);
    expect(zh.some((n) => n.startsWith('观众'))).toBe(false);
    expect(zh.filter((n) => /[\u4e00-\u9fff]/.test(n)).length).toBeGreaterThan(800);
    expect(en.every((n) => !/[\u4e00-\u9fff]/.test(n))).toBe(true);
  });

  it("keeps a human's own name", () => {
    expect(viewerNickname('user:abc')).toBe('abc');
    expect(viewerNickname('user:abc', 'zh', '小王')).toBe('小王');
    expect(viewerNickname('host')).toBe('host');
  });
});
