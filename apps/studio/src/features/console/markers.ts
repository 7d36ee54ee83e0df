import type { SessionEvent } from '@livelab/contracts';

const COLOURS: Record<string, string> = {
  'host.pin': '#4e8cff',
  'host.coupon': '#f5a623',
  'host.flashSale': '#fe2c55',
  'host.giveaway': '#b46cff',
  'compliance.violation': '#ff6b5a',
  'platform.penalty': '#ff2d2d',
};

export interface MarkerLine {
  sec: number;
  /** i18n key under `marker.` */
  key: string;
  color: string;
}

/** At most this many markers are drawn; the newest win (a long session is mostly recent). */
const MAX_MARKERS = 80;

/**
 * Chart markers from the session's host actions and violations, on the session clock in seconds. A marker
 * never lands before 0 (an action at go-live) and the i18n key avoids dots so translations resolve.
 */
export function markerLines(events: readonly SessionEvent[], lastSec = Infinity): MarkerLine[] {
  return events
    .filter((e) => e.type in COLOURS)
    .slice(-MAX_MARKERS)
    .map((e) => ({
      sec: Math.min(Math.max(0, e.tMs / 1000), Math.max(lastSec, e.tMs / 1000)),
      key: e.type.replace('.', '_'),
      color: COLOURS[e.type]!,
    }));
}
