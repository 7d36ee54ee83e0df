import { rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');

/**
 * Lints a snippet written for a moment at `file` (type-aware rules need a real file inside a tsconfig),
 * returning the rule ids that fired.
 */
async function rulesFiredFor(file: string, code: string): Promise<string[]> {
  const absolute = path.join(root, file);
  writeFileSync(absolute, code);
  try {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintFiles([absolute]);
    const messages = result?.messages ?? [];
    const fatal = messages.find((m) => m.fatal);
    if (fatal) throw new Error(`lint could not parse ${file}: ${fatal.message}`);
    return messages.map((m) => m.ruleId ?? m.message);
  } finally {
    rmSync(absolute, { force: true });
  }
}

describe('architecture rules enforced by lint', () => {
  it('keeps the engine pure: no framework, no I/O, no hidden clock or randomness', async () => {
    const fired = await rulesFiredFor(
      'libs/engagement/src/zz-impure.ts',
      [
        "import { readFileSync } from 'node:fs';",
        "import { Injectable } from '@nestjs/common';",
        'export const a = [readFileSync, Injectable];',
        'export const b = Date.now() + Math.random();',
        'export const c = new Date();',
        'setTimeout(() => undefined, 1);',
        '',
      ].join('\n'),
    );
    expect(fired.filter((id) => id === 'no-restricted-imports')).toHaveLength(2);
    expect(fired.filter((id) => id === 'no-restricted-properties')).toHaveLength(2);
    expect(fired).toContain('no-restricted-syntax');
    expect(fired).toContain('no-restricted-globals');
  });

  it('stops a domain lib from depending on an infrastructure lib', async () => {
    const fired = await rulesFiredFor(
      'libs/contracts/src/zz-bad.ts',
      "import { probeFfmpeg } from '@livelab/media';\nexport const probe = probeFfmpeg;\n",
    );
    expect(fired).toContain('@nx/enforce-module-boundaries');
  });

  it('lets the api depend on domain and infrastructure libs', async () => {
    const fired = await rulesFiredFor(
      'apps/api/src/zz-ok.ts',
      "import { probeFfmpeg } from '@livelab/media';\nimport { ACTOR_HOST } from '@livelab/contracts';\nexport const ok = [probeFfmpeg, ACTOR_HOST];\n",
    );
    expect(fired).not.toContain('@nx/enforce-module-boundaries');
  });
});
