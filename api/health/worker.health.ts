import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WORKER_HEARTBEAT_INTERVAL_MS } from '../../core/database/entities/worker-heartbeat.entity';
import { AppConfig } from '../../core/config/app-config';
import { CHECK_DEADLINE_MS } from './readiness-deadline';

/** A worker counts as live while its last beat is younger than three beats: one late beat is not an outage. */
export const WORKER_HEARTBEAT_MAX_AGE_SECONDS = (3 * WORKER_HEARTBEAT_INTERVAL_MS) / 1000;

/**
 * Readiness of the worker side: at least one worker process on our task queue has beaten recently
 * (worker/worker-heartbeat.ts). Both ends use the database's clock, so host clocks may disagree.
 */
@Injectable()
export class WorkerHealth {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  live() {
    return this.indicators
      .check('worker')
      .attempt(async () => {
        const [row] = (await this.dataSource.query(
          `SELECT count(*) FILTER (WHERE beat_at > now() - make_interval(secs => $2))::int AS live,
                  extract(epoch FROM now() - max(beat_at))::float AS "lastBeatAgo"
             FROM worker_heartbeats WHERE task_queue = $1`,
          [this.config.taskQueue, WORKER_HEARTBEAT_MAX_AGE_SECONDS],
        )) as { live: number; lastBeatAgo: number | null }[];
        if (row.live > 0) return { workers: row.live };
        throw new Error(this.noWorker(row.lastBeatAgo));
      })
      .withTimeout(CHECK_DEADLINE_MS);
  }

  private noWorker(lastBeatAgo: number | null): string {
    const queue = this.config.taskQueue;
    if (lastBeatAgo === null) return `no worker is running on task queue ${queue}: start one (npm run start:worker)`;
    return `no live worker on task queue ${queue}: the last heartbeat was ${Math.round(lastBeatAgo)} s ago (a worker counts for ${WORKER_HEARTBEAT_MAX_AGE_SECONDS} s)`;
  }
}
