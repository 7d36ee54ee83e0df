/**
 * A grade item and how its evidence is written: in the case's language, naming transcript turns as #n and
 * quoting the start of what was said there.
 */
import type { CsLanguage, Label } from './types';

export interface CsGradeItem {
  key: string;
  zh: string;
  en: string;
  points: number;
  max: number;
  /** In the case's language; names the turns (#n = transcript index). */
  evidence: string;
  /** The same evidence in Chinese and in English, for a page in either language. */
  evidenceZh?: string;
  evidenceEn?: string;
  /** Transcript indices the item is about: where a step was taken, what cost points, what revealed a type. */
  turns: number[];
}

export const t = (lang: CsLanguage, zh: string, en: string): string => (lang === 'zh' ? zh : en);
export const refs = (reads: readonly { index: number }[]): string =>
  reads.map((r) => `#${r.index}`).join(', ');
export const quote = (lang: CsLanguage, index: number, text: string): string => {
  const short = [...text].length > 24 ? `${[...text].slice(0, 24).join('')}…` : text;
  return lang === 'zh' ? `#${index}「${short}」` : `#${index} "${short}"`;
};
export const item = (
  key: string,
  label: Label,
  points: number,
  max: number,
  evidence: string,
  turns: number[],
): CsGradeItem => ({ key, zh: label.zh, en: label.en, points, max, evidence, turns });
