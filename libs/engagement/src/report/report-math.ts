/** Rounding shared by the report's parts: rates to 4 decimals, money to cents (reference/metrics.md). */
export const rate = (num: number, den: number): number => (den > 0 ? Math.round((num / den) * 1e4) / 1e4 : 0);
export const yuan = (centsValue: number): number => Math.round(centsValue) / 100;
export const round1 = (x: number): number => Math.round(x * 10) / 10;
