import 'reflect-metadata';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../config/app-config';
import { PdfPrinter } from './pdf-printer';

/** A stand-in for Chromium: prints a fake PDF, or hangs with a child of its own as a renderer would. */
const FAKE_CHROMIUM = `#!/bin/sh
if [ -n "$FAKE_CHROMIUM_HANG" ]; then
  sleep 300 &
  echo $! > "$FAKE_CHROMIUM_HANG"
  wait
fi
for arg in "$@"; do
  case "$arg" in --print-to-pdf=*) printf '%%PDF-fake' > "\${arg#--print-to-pdf=}" ;; esac
done
`;

/** Gone, or a zombie waiting for a reaper: either way no longer running. */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('PdfPrinter', () => {
  let dir: string;
  let printer: PdfPrinter;
  const tmp = process.env['TMPDIR'];

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'livelab-printer-'));
    const chromiumPath = path.join(dir, 'chromium');
    writeFileSync(chromiumPath, FAKE_CHROMIUM);
    chmodSync(chromiumPath, 0o755);
    printer = new PdfPrinter({ chromiumPath } as AppConfig);
  });
  afterEach(() => {
    if (tmp === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = tmp;
    delete process.env['FAKE_CHROMIUM_HANG'];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints, and leaves no temporary profile behind', async () => {
    const before = readdirSync(tmpdir()).filter((f) => f.startsWith('livelab-pdf-')).length;
    expect((await printer.print('<p>hi</p>')).toString()).toBe('%PDF-fake');
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('livelab-pdf-'))).toHaveLength(before);
  });

  it('keeps printing after the temporary directory could not be made, more times than it has slots', async () => {
    process.env['TMPDIR'] = path.join(dir, 'missing');
    for (let i = 0; i < 4; i++) await expect(printer.print('<p>x</p>')).rejects.toThrow(/ENOENT/);
    process.env['TMPDIR'] = tmp ?? '/tmp';
    expect((await printer.print('<p>again</p>')).toString()).toBe('%PDF-fake');
  }, 10_000);

  it('kills a hung Chromium with everything it started, and frees the slot', async () => {
    const pidFile = path.join(dir, 'renderer.pid');
    process.env['FAKE_CHROMIUM_HANG'] = pidFile;
    await expect(printer.print('<p>x</p>', 500)).rejects.toThrow(/timed out/);
    const renderer = Number(readFileSync(pidFile, 'utf8'));
    for (let i = 0; i < 100 && running(renderer); i++) await new Promise((r) => setTimeout(r, 20));
    expect(running(renderer), 'the renderer left behind').toBe(false);
    delete process.env['FAKE_CHROMIUM_HANG'];
    expect((await printer.print('<p>again</p>')).toString()).toBe('%PDF-fake');
  }, 10_000);
});
