import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../common/tokens';

/** At most this many Chromium processes at once: each takes a few hundred MB and a core for a second. */
const MAX_PRINTS = 2;

/**
 * Prints an HTML page to PDF with the system's headless Chromium (a fresh profile each time, no network
 * services, no sandbox as in containers), the way the browser tests start it.
 */
@Injectable()
export class PdfPrinter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async print(html: string): Promise<Buffer> {
    await this.slot();
    const dir = await mkdtemp(path.join(tmpdir(), 'livelab-pdf-'));
    try {
      const page = path.join(dir, 'review.html');
      const output = path.join(dir, 'review.pdf');
      await writeFile(page, html, 'utf8');
      await new Promise<void>((resolve, reject) => {
        execFile(
          this.config.chromiumPath,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--no-default-browser-check',
            '--no-pdf-header-footer',
            `--user-data-dir=${path.join(dir, 'profile')}`,
            `--print-to-pdf=${output}`,
            `file://${page}`,
          ],
          { timeout: 60_000 },
          (error, _stdout, stderr) =>
            error
              ? reject(new Error(`chromium could not print: ${error.message} ${stderr.slice(-400)}`))
              : resolve(),
        );
      });
      return await readFile(output);
    } finally {
      await rm(dir, { recursive: true, force: true });
      this.running--;
      this.waiting.shift()?.();
    }
  }

  private async slot(): Promise<void> {
    if (this.running >= MAX_PRINTS) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }
}
