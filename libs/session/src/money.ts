/** Money is kept in integer cents (分) from the edge inward, so sums are exact; yuan appear only in events. */
export const toCents = (yuan: number): number => Math.round(yuan * 100);
export const toYuan = (cents: number): number => cents / 100;
