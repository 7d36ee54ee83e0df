import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { missingKeys } from '@livelab/web';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const SRC = path.join(import.meta.dirname, '..');

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    if (!/\.tsx?$/.test(entry.name) || /\.spec\.tsx?$/.test(entry.name)) return [];
    return [{ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }];
  });
}

describe('the phone room in two languages', () => {
  it('has every string its components ask for in zh-CN and in en', () => {
    const found = sources(SRC);
    expect(found.length).toBeGreaterThan(20);
    expect(missingKeys(found, { 'zh-CN': zhCN, en })).toEqual([]);
  });
});
