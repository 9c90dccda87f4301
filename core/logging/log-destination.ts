import pino from 'pino';

/** Past this many buffered bytes, new lines are dropped: a stdout nobody reads costs neither memory nor the event loop. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Lines go out in writes of at least this size, or every FLUSH_MS, whichever comes first. */
const MIN_WRITE_BYTES = 4096;
const FLUSH_MS = 250;

type Destination = ReturnType<typeof pino.destination>;

let destination: Destination | undefined;
let dropped = 0;
let givenUp = false;

/**
 * The one log destination of the process: stdout, written asynchronously and bounded. pino
 * flushes it on exit; `flushLogs` does it first, within a bound, so a stalled reader cannot hold
 * the exit either.
 */
export function logDestination(): Destination {
  destination ??= createDestination();
  return destination;
}

function createDestination(): Destination {
  const stream = pino.destination({
    dest: 1,
    sync: false,
    minLength: MIN_WRITE_BYTES,
    maxLength: MAX_BUFFERED_BYTES,
    periodicFlush: FLUSH_MS,
    // A full pipe answers EAGAIN: try again later, unless the process is leaving.
    retryEAGAIN: () => !givenUp,
  });
  stream.on('drop', () => dropped++);
  // Once the buffer has been written out, say how much was lost.
  stream.on('drain', () => {
    if (!dropped || givenUp) return;
    const count = dropped;
    dropped = 0;
    stream.write(`${JSON.stringify({ level: 40, time: Date.now(), msg: `${count} log lines dropped: stdout was not being read` })}\n`);
  });
  // After giving up, a write error is expected; before, pino's own handler has already dealt with EPIPE.
  stream.on('error', () => undefined);
  return stream;
}

/**
 * Writes out what is buffered, waiting at most `timeoutMs`. Past it, the rest is dropped, so the
 * synchronous flush pino does on exit cannot hang on a reader that never reads.
 */
export async function flushLogs(timeoutMs = 2_000): Promise<void> {
  const stream = destination;
  if (!stream || givenUp) return;
  const flushed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    // Called once the buffer is written; its error is only fsync's, which a pipe refuses.
    stream.flush(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (flushed) return;
  givenUp = true;
  stream.destroy();
}
