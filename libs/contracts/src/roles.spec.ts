import { describe, expect, it } from 'vitest';
import { roomCommandSchema } from './room-protocol';
import { roleCan, STAFF_COMMANDS, VIEWER_COMMANDS } from './roles';

describe('roles', () => {
  it('gives every command to exactly one side', () => {
    const all = roomCommandSchema.options.map((option) => option.shape.type.value);
    expect([...VIEWER_COMMANDS, ...STAFF_COMMANDS].sort()).toEqual([...all].sort());
  });

  it('lets a viewer shop and talk but not run the room', () => {
    expect(roleCan('viewer', 'order')).toBe(true);
    expect(roleCan('viewer', 'pin')).toBe(false);
    expect(roleCan('viewer', 'end')).toBe(false);
    expect(roleCan('operator', 'pin')).toBe(true);
    expect(roleCan('host', 'order')).toBe(false);
  });
});
