import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { missingKeys } from '@livelab/web';
import { describe, expect, it } from 'vitest';
import '../features/classes/i18n';
import '../features/review/i18n';
import { i18n } from './index';

const SRC = path.join(import.meta.dirname, '..');

function sources(dir: string): Array<{ file: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    if (!/\.tsx?$/.test(entry.name) || /\.spec\.tsx?$/.test(entry.name)) return [];
    return [{ file: path.relative(SRC, file), text: readFileSync(file, 'utf8') }];
  });
}

describe('the studio in two languages', () => {
  it('has every string its components ask for in zh-CN and in en', () => {
    const bundle = (lng: string) => i18n.getResourceBundle(lng, 'translation') as Record<string, unknown>;
    const found = sources(SRC);
    expect(found.length).toBeGreaterThan(50);
    expect(missingKeys(found, { 'zh-CN': bundle('zh-CN'), en: bundle('en') })).toEqual([]);
  });
});
