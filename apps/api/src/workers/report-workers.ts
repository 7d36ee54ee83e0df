import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLiveRooms } from 'node:timers/promises';
import * as path from 'node:path';
import type { OnApplicationShutdown } from '@nestjs/common';
import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { SessionReport, WhatIfEdit } from '@livelab/contracts';
import type { ReviewParts, Scenario } from '@livelab/engagement';
import { Piscina } from 'piscina';
import { EventLogRepository } from '../event-log/event-log.repository';
import type { ReportTask, WhatIfOutcome } from './report.worker';

/** Whole-log jobs waiting beyond the ones running; past that, callers are asked to try again. */
export const REPORT_QUEUE_MAX = 8;
/**
 * Events per page read for a worker: on the embedded database the query runs on the api's own thread, and
 * a page of 5,000 events takes ~30 ms there (50,000 took ~280 ms, a stall the live rooms feel).
 */
const WORKER_PAGE = 5_000;

/**
 * Whole-log work (a report rebuilt from the log, a live review, a what-if re-run) on a pool of worker threads
 * (piscina), so a 3-hour re-run does not stop the live rooms' clocks. One thread on a 2-core machine, leaving
 * a core to the rooms; idle threads exit and give their memory back.
 */
@Injectable()
export class ReportWorkers implements OnApplicationShutdown {
  private readonly pool: Piscina<ReportTask, unknown>;

  constructor(private readonly events: EventLogRepository) {
    // Built: the compiled worker beside this file. From source (tests, tsx): the TypeScript one, through tsx.
    const fromSource = __filename.endsWith('.ts');
    this.pool = new Piscina({
      filename: path.join(__dirname, fromSource ? 'report.worker.ts' : 'report.worker.js'),
      ...(fromSource ? { execArgv: ['--import', 'tsx'] } : {}),
      minThreads: 0,
      maxThreads: Math.max(1, Math.min(4, availableParallelism() - 1)),
      idleTimeout: 30_000,
      maxQueue: REPORT_QUEUE_MAX,
    });
  }

  /** The report of a session from its whole log. */
  async report(sessionId: string, scenario: Scenario): Promise<SessionReport> {
    return (await this.run({
      kind: 'report',
      scenario,
      pages: await this.pages(sessionId),
    })) as SessionReport;
  }

  /** The review's parts from a session's whole log. */
  async review(sessionId: string, scenario: Scenario): Promise<ReviewParts> {
    return (await this.run({ kind: 'review', scenario, pages: await this.pages(sessionId) })) as ReviewParts;
  }

  /** A what-if re-run beside the session as it happened; `checkReproduced` also re-runs it unedited. */
  async whatIf(
    sessionId: string,
    scenario: Scenario,
    edits: readonly WhatIfEdit[],
    checkReproduced: boolean,
  ): Promise<WhatIfOutcome> {
    const pages = await this.pages(sessionId);
    return (await this.run({
      kind: 'whatIf',
      scenario,
      pages,
      edits: [...edits],
      checkReproduced,
    })) as WhatIfOutcome;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.destroy();
  }

  private async run(task: ReportTask): Promise<unknown> {
    if (this.pool.queueSize >= REPORT_QUEUE_MAX)
      throw new ServiceUnavailableException('the report workers are busy: try again in a minute');
    // The pages' bytes move to the worker rather than being copied.
    return this.pool.run(task, { transferList: task.pages.map((page) => page.buffer as ArrayBuffer) });
  }

  private async pages(sessionId: string): Promise<Uint8Array[]> {
    const pages: Uint8Array[] = [];
    // A fresh buffer per page (never a slice of a shared pool): it is transferred to the worker whole.
    const encoder = new TextEncoder();
    for await (const text of this.events.pageTexts(sessionId, WORKER_PAGE)) {
      pages.push(encoder.encode(text));
      // Between two pages, the live rooms' timers and sockets go first.
      await yieldToLiveRooms();
    }
    return pages;
  }
}
