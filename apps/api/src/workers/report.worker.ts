/**
 * CPU work on a session's whole log, in a worker thread so the live rooms' clocks are not held up: the
 * report, the review's parts, and what-if re-runs. The log arrives as the database's JSON pages (UTF-8 bytes,
 * transferred, not copied) and is parsed and checked here.
 */
import type { SessionEvent, SessionReport, WhatIfEdit } from '@livelab/contracts';
import type { ReviewParts, Scenario } from '@livelab/engagement';
import { buildReport, buildReview, replaySession } from '@livelab/engagement';
import { isDeepStrictEqual } from 'node:util';
import { parseEventPage } from '../event-log/event-page';

export type ReportTask =
  | { kind: 'report'; scenario: Scenario; pages: Uint8Array[] }
  | { kind: 'review'; scenario: Scenario; pages: Uint8Array[] }
  | {
      kind: 'whatIf';
      scenario: Scenario;
      pages: Uint8Array[];
      edits: WhatIfEdit[];
      checkReproduced: boolean;
    };

export interface WhatIfOutcome {
  original: SessionReport;
  whatIf: SessionReport;
  /** Whether the unedited re-run reproduced the log (when asked to check). */
  reproduced?: boolean;
  events: number;
}

export type ReportTaskResult = SessionReport | ReviewParts | WhatIfOutcome;

const decoder = new TextDecoder();

function eventsOf(pages: readonly Uint8Array[]): SessionEvent[] {
  const events: SessionEvent[] = [];
  for (const page of pages) for (const event of parseEventPage(decoder.decode(page))) events.push(event);
  return events;
}

export default function run(task: ReportTask): ReportTaskResult {
  const events = eventsOf(task.pages);
  switch (task.kind) {
    case 'report':
      return buildReport(task.scenario, events);
    case 'review':
      return buildReview(task.scenario, events);
    case 'whatIf': {
      const original = buildReport(task.scenario, events);
      let reproduced: boolean | undefined;
      let unedited: SessionReport | undefined;
      if (task.checkReproduced) {
        unedited = buildReport(task.scenario, replaySession(task.scenario, events).events);
        reproduced = isDeepStrictEqual(unedited, original);
      }
      const whatIf =
        task.edits.length === 0 && unedited
          ? unedited
          : buildReport(task.scenario, replaySession(task.scenario, events, task.edits).events);
      return { original, whatIf, ...(reproduced !== undefined ? { reproduced } : {}), events: events.length };
    }
  }
}
