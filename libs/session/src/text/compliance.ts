/**
 * Advertising Law art. 9(3) absolute terms (极限词) in host speech. The list is per scenario
 * (some platforms add 秒杀); a bare 最 is banned but common words that merely contain it are allowed.
 */
export const DEFAULT_BANNED_WORDS: readonly string[] = [
  '国家级',
  '最高级',
  '最佳',
  '最好',
  '最低价',
  '最便宜',
  '最',
  '第一',
  'NO.1',
  '顶级',
  '独家',
  '唯一',
  '首个',
  '首选',
  '全网最低',
  '史无前例',
  '万能',
  '绝对',
  '100%有效',
  'best ever',
  'number one',
  'cheapest',
  'guaranteed cure',
];

export const DEFAULT_ALLOWED_WORDS: readonly string[] = ['最近', '最后', '最终', '最少要', '最多能'];

export interface ComplianceHit {
  term: string;
}

/**
 * The banned terms found in `text`, longest first, each reported once; a term inside an allowed word
 * (最 in 最近) does not count. Matching is case-insensitive for Latin text.
 */
export function findBannedTerms(
  text: string,
  banned: readonly string[] = DEFAULT_BANNED_WORDS,
  allowed: readonly string[] = DEFAULT_ALLOWED_WORDS,
): string[] {
  let scrubbed = text.toLowerCase();
  for (const word of allowed) scrubbed = scrubbed.split(word.toLowerCase()).join('\u0000');
  const hits: string[] = [];
  for (const term of [...banned].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    const needle = term.toLowerCase();
    if (scrubbed.includes(needle)) {
      hits.push(term);
      // Blank it out so 最 is not reported again inside 最好.
      scrubbed = scrubbed.split(needle).join('\u0000');
    }
  }
  return hits;
}
