/**
 * The review's two long responses: the recording (seeked in HTTP ranges) and the raw event log as CSV.
 * Both go through `pipeline`, so a read error ends the response instead of the process, back-pressure
 * is kept, and a client that goes away (a browser cancels a range at every seek) closes the file or stops
 * the log reading at once.
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SessionEvent } from '@livelab/contracts';
import { CSV_BOM, EVENTS_HEADER, eventRows } from './review-csv';

/** Events per CSV chunk: small enough that back-pressure bites, large enough to keep the overhead low. */
const CSV_CHUNK_EVENTS = 2_000;

export interface StreamLogger {
  warn(message: string): void;
}

/** `bytes=a-b`, `bytes=a-` (to the end), `bytes=-n` (the last n bytes); null for the whole file. */
export function byteRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  const range = /^bytes=(\d*)-(\d*)$/.exec(header ?? '');
  if (!header || !range || (range[1] === '' && range[2] === '')) return null;
  let start = range[1] === '' ? Math.max(0, size - Number(range[2])) : Number(range[1]);
  let end = range[1] === '' || range[2] === '' ? size - 1 : Math.min(Number(range[2]), size - 1);
  if (start >= size || start > end) return 'unsatisfiable';
  start = Math.max(0, start);
  end = Math.max(start, end);
  return { start, end };
}

/**
 * Sends a file, whole or the requested range. Returns false, sending nothing, when there is no such file.
 */
export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  contentType: string,
  logger: StreamLogger,
): Promise<boolean> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return false;
  }
  res.setHeader('Accept-Ranges', 'bytes');
  res.setHeader('Content-Type', contentType);
  res.setHeader('Cache-Control', 'private, no-cache');
  const range = byteRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${size}`);
    res.end();
    return true;
  }
  if (range) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  } else res.statusCode = 200;
  res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : size));
  await send(createReadStream(file, range ?? {}), res, logger, file);
  return true;
}

/**
 * The log as CSV, one page read at a time and only as fast as the client takes it; reading stops when the
 * client goes away. The first page is read before anything is sent, so a database that cannot answer
 * still gets a clean error status.
 */
export async function sendEventsCsv(
  res: ServerResponse,
  pages: AsyncIterable<SessionEvent[]>,
  filename: string,
  logger: StreamLogger,
): Promise<void> {
  const iterator = pages[Symbol.asyncIterator]();
  const first = await iterator.next();
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  await send(Readable.from(eventsCsv(first, iterator)), res, logger, filename);
}

async function* eventsCsv(
  first: IteratorResult<SessionEvent[]>,
  rest: AsyncIterator<SessionEvent[]>,
): AsyncGenerator<string> {
  try {
    yield CSV_BOM + EVENTS_HEADER;
    for (let page = first; !page.done; page = await rest.next())
      for (let i = 0; i < page.value.length; i += CSV_CHUNK_EVENTS)
        yield eventRows(page.value.slice(i, i + CSV_CHUNK_EVENTS));
  } finally {
    // Stopped early (the client left, or an error): let the reader close what it holds.
    await rest.return?.();
  }
}

async function send(source: Readable, res: ServerResponse, logger: StreamLogger, what: string) {
  try {
    await pipeline(source, res);
  } catch (error) {
    // The client went away (a cancelled range, a closed tab): nothing to report, the source is closed.
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return;
    // Headers are gone by now: the response is cut short (the client sees an incomplete transfer, never
    // a complete-looking file), and the api carries on.
    logger.warn(`${what} could not be sent: ${error instanceof Error ? error.message : String(error)}`);
  }
}
