import { describe, expect, it } from 'vitest';
import { CommandAllowance, STAFF_RATE, VIEWER_RATES } from './command-rates';

describe('CommandAllowance', () => {
  it('lets a viewer share 3 times at once, then once every 10 s, on an injected clock', () => {
    let now = 1_000_000;
    const allowance = new CommandAllowance(() => now);
    const shares = Array.from({ length: 5 }, () => allowance.take('user:a', false, 'share'));
    expect(shares.map((r) => r === null)).toEqual([true, true, true, false, false]);
    expect(shares[3]).toContain('share');
    now += 9_000;
    expect(allowance.take('user:a', false, 'share')).not.toBeNull();
    now += 1_000;
    expect(allowance.take('user:a', false, 'share')).toBeNull();
    // Other people and other commands have their own allowance.
    expect(allowance.take('user:b', false, 'share')).toBeNull();
    expect(allowance.take('user:a', false, 'follow')).toBeNull();
  });

  it('limits every viewer command, gives staff one generous allowance, and never limits going live or ending', () => {
    const allowance = new CommandAllowance(() => 0);
    for (const [type, rate] of Object.entries(VIEWER_RATES)) {
      for (let i = 0; i < rate!.burst; i++) expect(allowance.take('user:z', false, type as never)).toBeNull();
      expect(allowance.take('user:z', false, type as never), type).not.toBeNull();
    }
    for (let i = 0; i < STAFF_RATE.burst; i++) expect(allowance.take('operator', true, 'reply')).toBeNull();
    expect(allowance.take('operator', true, 'reply')).not.toBeNull();
    for (let i = 0; i < 100; i++) expect(allowance.take('host', true, 'end')).toBeNull();
  });
});
