import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { roomCommandSchema, SESSION_EVENT_TYPES } from '@livelab/contracts';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'protocol.md'), 'utf8');

describe('docs/protocol.md', () => {
  it('lists every socket command', () => {
    const missing = roomCommandSchema.options
      .map((o) => o.shape.type.value)
      .filter((type) => !doc.includes(`\`${type}\``));
    expect(missing).toEqual([]);
  });

  it('lists every event type of the session log', () => {
    expect(SESSION_EVENT_TYPES.filter((type) => !doc.includes(`| \`${type}\` |`))).toEqual([]);
  });
});
