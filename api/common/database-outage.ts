/**
 * Whether an error means PostgreSQL is unreachable, stopped, paused or overloaded, rather than a
 * bug: the request should be retried later (503), not reported as our fault (500).
 */
export function isDatabaseOutage(error: unknown): boolean {
  for (let e = error as ErrorLike | undefined, depth = 0; e && depth < 4; e = e.driverError ?? e.cause, depth++) {
    if (typeof e.code === 'string' && (OUTAGE_CODES.has(e.code) || e.code.startsWith('08'))) return true;
    if (typeof e.message === 'string' && OUTAGE_MESSAGES.some((pattern) => pattern.test(e!.message!))) return true;
  }
  return false;
}

interface ErrorLike {
  code?: unknown;
  message?: string;
  driverError?: ErrorLike;
  cause?: ErrorLike;
}

/** SQLSTATEs for "the server is going away or is full" (class 08 is every connection exception), and socket errors. */
const OUTAGE_CODES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting or in recovery)
  '53300', // too_many_connections
  '57014', // query_canceled: our statement_timeout fired
  '55P03', // lock_not_available
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** node-postgres and TypeORM report pool, socket and lost-transaction trouble with plain messages and no code. */
const OUTAGE_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /Query read timeout/i,
  /connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end/i,
  // TypeORM, when the connection died under a transaction: its rollback then has nothing to run on.
  /Query runner already released/i,
  /Transaction is not started yet/i,
];
