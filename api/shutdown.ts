import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';

/** In-flight requests get this long to finish once a stop is asked; then their connections are cut. */
const DRAIN_MS = 10_000;
/** Nest's shutdown hooks (Temporal, PostgreSQL, the live-status listener) get this long after that. */
const HOOKS_MS = 10_000;

/**
 * A stop in the order that leaves nothing behind: stop accepting connections, let in-flight
 * requests finish (live-status streams are ended at once: their browsers reconnect to another
 * instance), and only then run Nest's shutdown hooks, which close the Temporal and database
 * connections no request can use any more. Resolves true when everything closed in time.
 */
export function trackForShutdown(app: INestApplication): () => Promise<boolean> {
  const logger = new Logger('Shutdown');
  const server = app.getHttpServer() as Server;
  const inFlight = new Set<ServerResponse>();
  let stopping = false;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    // A kept-alive connection may carry one more request during the drain: answer it, then hang up.
    if (stopping) res.setHeader('Connection', 'close');
  });

  return async () => {
    stopping = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) res.end();
    }
    server.closeIdleConnections();
    const drained = await within(drain(inFlight, server), DRAIN_MS);
    if (!drained) logger.warn(`${inFlight.size} requests still running after ${DRAIN_MS} ms: cutting them off`);
    server.closeAllConnections();
    await closed;
    const hooksDone = await within(app.close(), HOOKS_MS);
    if (!hooksDone) logger.error(`shutdown hooks did not finish within ${HOOKS_MS} ms`);
    return drained && hooksDone;
  };
}

async function drain(inFlight: Set<ServerResponse>, server: Server): Promise<void> {
  while (inFlight.size) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.closeIdleConnections(); // the connections of requests that just finished
  }
}

async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
