import type { SessionEvent } from '@livelab/contracts';
import { viewerNickname } from '@livelab/contracts';

export const yuan = (value: number): string =>
  `¥${value.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}`;

export const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;

export const clock = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h > 0 ? `${h}:` : ''}${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

/** How a comment's author is shown: a human's nickname, or a simulated viewer's (stable) nickname. */
export function authorOf(event: SessionEvent): string {
  if (event.type === 'comment' && event.payload.name) return event.payload.name;
  if (event.actor.startsWith('bot:'))
    return viewerNickname(event.actor, event.type === 'comment' ? event.payload.lang : 'zh');
  return event.actor;
}
