import { useEffect, useRef } from 'react';

export interface ShortcutHandlers {
  /** 1–9: the product at that position in the bag. */
  pinProduct(index: number): void;
  focusReply(): void;
  answerOldest(): void;
  cycleFilter(): void;
  dropCoupon(): void;
  toggleBigScreen(): void;
  escape(): void;
  toggleHelp(): void;
}

/** The keys, in the order the help overlay lists them (labels are i18n keys under `shortcuts.`). */
export const SHORTCUTS: ReadonlyArray<{ keys: string; label: string }> = [
  { keys: '1 – 9', label: 'pin' },
  { keys: 'R', label: 'reply' },
  { keys: 'A', label: 'answer' },
  { keys: 'F', label: 'filter' },
  { keys: 'C', label: 'coupon' },
  { keys: 'B', label: 'bigScreen' },
  { keys: 'Esc', label: 'escape' },
  { keys: '?', label: 'help' },
];

const typingIn = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Console keyboard shortcuts. Letters and digits are ignored while typing in a field (so a reply can contain
 * them); Esc always works, and leaves the field.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const h = latest.current;
      if (event.key === 'Escape') {
        if (typingIn(event.target)) (event.target as HTMLElement).blur();
        h.escape();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) return;
      const key = event.key.toLowerCase();
      if (/^[1-9]$/.test(key)) h.pinProduct(Number(key) - 1);
      else if (key === 'r') h.focusReply();
      else if (key === 'a') h.answerOldest();
      else if (key === 'f') h.cycleFilter();
      else if (key === 'c') h.dropCoupon();
      else if (key === 'b') h.toggleBigScreen();
      else if (event.key === '?') h.toggleHelp();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
