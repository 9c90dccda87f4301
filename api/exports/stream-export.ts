import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import { csvLine } from './csv';
import type { ExportRange } from './export-query.dto';

/** One export's shape: CSV columns for a row, and the JSON record. */
export interface ExportShape<T> {
  name: string;
  columns: readonly string[];
  csv(row: T): unknown[];
  json(row: T): unknown;
}

/** Bytes gathered before a write: few syscalls, yet the response moves as rows arrive. */
const CHUNK_BYTES = 64 * 1024;
const logger = new Logger('Export');

/**
 * Writes rows to the response as they come from the database, never holding more than a page:
 * the pipeline reads the next chunk only when the response has room, so a slow client slows the
 * reads, and a client that goes away stops them. CSV has a header row; JSON is one array with a
 * record per line, so a cut-off transfer is invalid JSON rather than a silently short file. An
 * error after the headers went out can only cut the connection: the client sees an incomplete
 * transfer.
 */
export async function streamExport<T>(res: Response, range: ExportRange, shape: ExportShape<T>, rows: AsyncIterable<T>): Promise<void> {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  res.status(200);
  res.type(range.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="resetgate-${shape.name}-${day(range.from)}_${day(range.to)}.${range.format}"`,
  );
  try {
    await pipeline(Readable.from(chunks(range, shape, rows), { objectMode: false }), res);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') return; // the client went away
    logger.error(`export of ${shape.name} failed: ${String(err)}`);
  }
}

async function* chunks<T>(range: ExportRange, shape: ExportShape<T>, rows: AsyncIterable<T>): AsyncGenerator<string> {
  let chunk = range.format === 'csv' ? csvLine(shape.columns) : '[';
  let first = true;
  for await (const row of rows) {
    chunk += range.format === 'csv' ? csvLine(shape.csv(row)) : `${first ? '' : ','}\n${JSON.stringify(shape.json(row))}`;
    first = false;
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
    }
  }
  yield range.format === 'csv' ? chunk : `${chunk}\n]\n`;
}
