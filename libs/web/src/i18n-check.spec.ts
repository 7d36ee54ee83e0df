import { describe, expect, it } from 'vitest';
import { missingKeys } from './i18n-check';

describe('missingKeys', () => {
  const zh = {
    room: { title: '直播间', count_one: '{{count}} 人', count_other: '{{count}} 人' },
    tag: { a: '甲', b: '乙' },
  };
  const en = {
    room: { title: 'Room', count_one: '{{count}} viewer', count_other: '{{count}} viewers' },
    tag: { a: 'A' },
  };

  it('names a key a language lacks, a plural through its forms, and a dynamic group whose keys differ', () => {
    const text = [
      "t('room.title')",
      "t('room.count', { count })",
      "t('room.subtitle')",
      'setTitle(t(`tag.${kind}`))',
      "format('room.unknown')",
    ].join('\n');
    expect(missingKeys([{ file: 'x.tsx', text }], { 'zh-CN': zh, en })).toEqual([
      { file: 'x.tsx', key: 'room.subtitle', problem: 'no zh-CN string' },
      { file: 'x.tsx', key: 'room.subtitle', problem: 'no en string' },
      { file: 'x.tsx', key: 'tag.*', problem: 'the languages have different keys' },
    ]);
  });
});
