import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { collectSources, missingKeys } from '@livelab/web';
import { describe, expect, it } from 'vitest';
import '../features/classes/i18n';
import '../features/review/i18n';
import { i18n } from './index';

const SRC = path.join(import.meta.dirname, '..');

/** The app's sources, read from disk. */
const sources = (dir: string) =>
  collectSources(dir, {
    list: (d) =>
      readdirSync(d, { withFileTypes: true }).map((e) => ({ name: e.name, directory: e.isDirectory() })),
    read: (file) => readFileSync(file, 'utf8'),
    join: path.join,
  });

describe('the studio in two languages', () => {
  it('has every string its components ask for in zh-CN and in en', () => {
    const bundle = (lng: string) => i18n.getResourceBundle(lng, 'translation') as Record<string, unknown>;
    const found = sources(SRC);
    expect(found.length).toBeGreaterThan(50);
    expect(missingKeys(found, { 'zh-CN': bundle('zh-CN'), en: bundle('en') })).toEqual([]);
  });
});
