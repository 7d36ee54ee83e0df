import { describe, expect, it } from 'vitest';
import { roomCommandSchema } from './room-protocol';
import { roleCan, runsStream, STAFF_COMMANDS, STREAM_COMMANDS, VIEWER_COMMANDS } from './roles';

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

  it('leaves the stream to the host: an operator tests, goes live and ends only where the room grants it', () => {
    for (const command of STREAM_COMMANDS) {
      expect(roleCan('host', command), command).toBe(true);
      expect(roleCan('instructor', command), command).toBe(true);
      expect(roleCan('operator', command), command).toBe(false);
      expect(roleCan('operator', command, true), command).toBe(true);
      expect(roleCan('viewer', command, true), command).toBe(false);
    }
    expect(runsStream('operator')).toBe(false);
    expect(runsStream('operator', true)).toBe(true);
    expect(runsStream('host')).toBe(true);
    expect(runsStream('viewer', true)).toBe(false);
  });
});
