import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../common/tokens';

/** At most this many Chromium processes at once: each takes a few hundred MB and a core for a second. */
const MAX_PRINTS = 2;
/** A print that takes longer than this has hung (a page that never settles, a wedged GPU process). */
const PRINT_TIMEOUT_MS = 60_000;

/**
 * Prints an HTML page to PDF with the system's headless Chromium (a fresh profile each time, no network
 * services, no sandbox as in containers), the way the browser tests start it.
 */
@Injectable()
export class PdfPrinter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Prints `html`; gives up after `timeoutMs`, taking every process Chromium started down with it (it runs
   * in its own process group), so a hung print leaves neither a slot nor a renderer behind.
   */
  async print(html: string, timeoutMs = PRINT_TIMEOUT_MS): Promise<Buffer> {
    await this.slot();
    let dir: string | undefined;
    try {
      dir = await mkdtemp(path.join(tmpdir(), 'livelab-pdf-'));
      const page = path.join(dir, 'review.html');
      const output = path.join(dir, 'review.pdf');
      await writeFile(page, html, 'utf8');
      await this.runChromium(
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
        timeoutMs,
      );
      return await readFile(output);
    } finally {
      try {
        if (dir) await rm(dir, { recursive: true, force: true });
      } finally {
        this.release();
      }
    }
  }

  private runChromium(args: string[], timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const chromium = spawn(this.config.chromiumPath, args, {
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      chromium.stderr.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString()).slice(-400);
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(chromium.pid);
      }, timeoutMs);
      chromium.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`chromium could not print: ${error.message}`));
      });
      // `exit`, not `close`: a renderer left holding stderr would keep `close` from ever coming.
      chromium.once('exit', (code, signal) => {
        clearTimeout(timer);
        // Whatever Chromium left running (a renderer, the zygote) goes with it.
        killGroup(chromium.pid);
        if (code === 0) resolve();
        else
          reject(
            new Error(
              `chromium could not print: ${timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal}`} ${stderr}`,
            ),
          );
      });
    });
  }

  private async slot(): Promise<void> {
    if (this.running < MAX_PRINTS) {
      this.running++;
      return;
    }
    // Handed over by `release` as it is, so nobody can take it in between.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}

/** Kills the process group Chromium leads (spawned detached); nothing to do once it is empty. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: the group has already gone.
  }
}
