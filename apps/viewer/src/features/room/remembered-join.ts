import type { JoinResponse } from '@livelab/contracts';

/**
 * The join a phone tab made for a room, kept in the tab's session storage so a reload comes back as the same
 * viewer (their 预约, orders, coupons and comments stay theirs) instead of a new one. Per tab: two tabs are two
 * classmates. Kept for less than a viewer token lives (12 h), so a stale one is never used.
 */
const KEEP_MS = 11 * 3600 * 1000;
const key = (code: string) => `livelab.watch.${code}`;

export function rememberedJoin(code: string, nowMs = Date.now()): JoinResponse | null {
  if (!code) return null;
  try {
    const raw = sessionStorage.getItem(key(code));
    if (!raw) return null;
    const saved = JSON.parse(raw) as { joined: JoinResponse; atMs: number };
    if (nowMs - saved.atMs > KEEP_MS || saved.joined.role !== 'viewer') return null;
    return saved.joined;
  } catch {
    return null;
  }
}

export function rememberJoin(code: string, joined: JoinResponse, nowMs = Date.now()): void {
  if (!code) return;
  try {
    sessionStorage.setItem(key(code), JSON.stringify({ joined, atMs: nowMs }));
  } catch {
    // Storage refused (private mode): a reload joins afresh.
  }
}
