import type { LoggedEvent, NewEvent } from '@livelab/contracts';
import type { EventLogRepository } from './event-log.repository';
import type { LogHealth, SessionLog, SessionLogOptions } from './session-log';
import { DEFAULT_SESSION_LOG_OPTIONS, SessionEventLog } from './session-log';

/**
 * Opens each session's log for its single writer (./session-log.ts) and keeps the open ones, so the process
 * can say whether any is waiting for its database (health) and flush them all before it stops.
 */
export class EventLogWriter {
  private readonly options: SessionLogOptions;
  private readonly open = new Map<string, SessionLog>();

  constructor(
    private readonly repository: EventLogRepository,
    options: Partial<SessionLogOptions> = {},
  ) {
    this.options = { ...DEFAULT_SESSION_LOG_OPTIONS, ...options };
  }

  /**
   * A session's log, numbering on from what is stored. `fenceToken`: the ownership token every append must
   * still match (null only for suites that write a log without a room).
   */
  async openLog(sessionId: string, fenceToken: number | null): Promise<SessionLog> {
    const lastSeq = await this.repository.lastSeq(sessionId);
    const log = new SessionEventLog(this.repository, sessionId, lastSeq, fenceToken, this.options);
    this.open.set(sessionId, log);
    return log;
  }

  /** Appends once and waits for the commit (a session's last words when no room runs it). */
  async appendOnce(
    sessionId: string,
    fenceToken: number | null,
    events: readonly NewEvent[],
  ): Promise<LoggedEvent[]> {
    const log = await this.openLog(sessionId, fenceToken);
    try {
      const { logged, durable } = log.append(events);
      await durable;
      return logged;
    } finally {
      await this.release(log);
    }
  }

  /** Stops tracking a log its room no longer writes (after flushing it). */
  async release(log: SessionLog, timeoutMs?: number): Promise<void> {
    await log.close(timeoutMs);
    if (this.open.get(log.sessionId) === log) this.open.delete(log.sessionId);
  }

  /** The open logs that cannot write right now, with why. */
  unavailable(): Array<{ sessionId: string; health: LogHealth }> {
    const out: Array<{ sessionId: string; health: LogHealth }> = [];
    for (const [sessionId, log] of this.open) {
      const health = log.health();
      if (health.state !== 'ok') out.push({ sessionId, health });
    }
    return out;
  }

  /** Writes whatever is buffered in every open log, waiting at most `timeoutMs`; call before shutting down. */
  async close(timeoutMs = 5000): Promise<void> {
    await Promise.all([...this.open.values()].map((log) => log.close(timeoutMs)));
    this.open.clear();
  }
}
