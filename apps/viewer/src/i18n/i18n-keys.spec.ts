import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { collectSources, missingKeys } from '@livelab/web';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

const SRC = path.join(import.meta.dirname, '..');

/** The app's sources, read from disk. */
const sources = (dir: string) =>
  collectSources(dir, {
    list: (d) =>
      readdirSync(d, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() })),
    read: (file) => readFileSync(file, 'utf8'),
    join: path.join,
  });

describe('the phone room in two languages', () => {
  it('has every string its components ask for in zh-CN and in en', () => {
    const found = sources(SRC);
    expect(found.length).toBeGreaterThan(20);
    expect(missingKeys(found, { 'zh-CN': zhCN, en })).toEqual([]);
  });
});
