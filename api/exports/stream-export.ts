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
 * when the client reads slowly, `write` says so and the next page waits for `drain`. CSV has a
 * header row; JSON is one array with a record per line, so a cut-off transfer is invalid JSON
 * rather than a silently short file. An error after the headers went out can only cut the
 * connection, which the client sees as an incomplete transfer.
 */
export async function streamExport<T>(res: Response, range: ExportRange, shape: ExportShape<T>, rows: AsyncIterable<T>): Promise<void> {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  res.status(200);
  res.type(range.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="resetgate-${shape.name}-${day(range.from)}_${day(range.to)}.${range.format}"`,
  );

  let chunk = range.format === 'csv' ? csvLine(shape.columns) : '[';
  let count = 0;
  try {
    for await (const row of rows) {
      chunk += range.format === 'csv' ? csvLine(shape.csv(row)) : `${count ? ',' : ''}\n${JSON.stringify(shape.json(row))}`;
      count++;
      if (chunk.length >= CHUNK_BYTES) {
        if (!(await write(res, chunk))) return; // the client went away: stop reading the database
        chunk = '';
      }
    }
    chunk += range.format === 'csv' ? '' : '\n]\n';
    if (await write(res, chunk)) res.end();
  } catch (err) {
    logger.error(`export of ${shape.name} failed after ${count} rows: ${String(err)}`);
    res.destroy(err as Error);
  }
}

/** Resolves when the response can take more (true) or the client has gone (false). */
function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return Promise.resolve(false);
  const flowing = res.write(chunk);
  (res as Response & { flush?: () => void }).flush?.(); // compression holds bytes until flushed
  if (flowing) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (open: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(open);
    };
    const onDrain = () => settle(true);
    const onClose = () => settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
