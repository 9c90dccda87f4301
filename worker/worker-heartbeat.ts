import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { WORKER_HEARTBEAT_INTERVAL_MS } from '../core/database/entities/worker-heartbeat.entity';

/** A stop must not wait on a database that does not answer: the row then ages out of readiness by itself. */
const STOP_DEADLINE_MS = 2_000;

export interface WorkerHeartbeat {
  workerId: string;
  /** Stops beating and removes this worker's row, so readiness stops counting it at once. */
  stop(): Promise<void>;
}

/**
 * Writes this worker's row in `worker_heartbeats` now and every few seconds while `isPolling()`
 * holds. The API's readiness counts the rows whose beat is recent. A failed beat is only logged:
 * the row then ages, and readiness says so.
 */
export function startWorkerHeartbeat(options: {
  dataSource: DataSource;
  taskQueue: string;
  isPolling: () => boolean;
  intervalMs?: number;
}): WorkerHeartbeat {
  const logger = new Logger('WorkerHeartbeat');
  const { dataSource, taskQueue, isPolling } = options;
  const workerId = randomUUID();
  let inFlight: Promise<void> | undefined;
  let failing = false;

  const beat = async () => {
    try {
      await dataSource.query(
        `INSERT INTO worker_heartbeats (worker_id, task_queue, host, pid) VALUES ($1, $2, $3, $4)
         ON CONFLICT (worker_id) DO UPDATE SET beat_at = now()`,
        [workerId, taskQueue, hostname(), process.pid],
      );
      if (failing) logger.log('heartbeat written again');
      failing = false;
    } catch (err) {
      if (!failing) logger.warn(`could not write the heartbeat (readiness will count this worker out): ${String(err)}`);
      failing = true;
    }
  };
  const tick = () => {
    // A beat still waiting on a slow database is enough: beats must not pile up behind it.
    if (inFlight || !isPolling()) return;
    inFlight = beat().finally(() => (inFlight = undefined));
  };
  // Rows of workers that died without a goodbye (SIGKILL, a lost host) are only history after a while.
  dataSource.query(`DELETE FROM worker_heartbeats WHERE beat_at < now() - interval '1 day'`).catch(() => undefined);
  tick();
  const timer = setInterval(tick, options.intervalMs ?? WORKER_HEARTBEAT_INTERVAL_MS);

  let stopped: Promise<void> | undefined;
  const stop = async () => {
    clearInterval(timer);
    const removed = (async () => {
      await inFlight;
      await dataSource.query(`DELETE FROM worker_heartbeats WHERE worker_id = $1`, [workerId]);
    })();
    const outcome = await within(removed, STOP_DEADLINE_MS);
    if (outcome !== 'done') logger.warn(`heartbeat row left to age out: ${outcome}`);
  };
  return {
    workerId,
    stop: () => (stopped ??= stop()),
  };
}

async function within(work: Promise<void>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${ms} ms`), ms)));
  try {
    return await Promise.race([
      work.then(
        () => 'done',
        (err: unknown) => String(err),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
