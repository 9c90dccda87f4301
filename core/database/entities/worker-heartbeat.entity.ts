import { Column, Entity, PrimaryColumn } from 'typeorm';

/** How often a running worker beats; the API's readiness allows a few missed beats before counting it out. */
export const WORKER_HEARTBEAT_INTERVAL_MS = 5_000;

/**
 * One row per running worker process, beaten every few seconds (worker/worker-heartbeat.ts). The
 * API's readiness counts the fresh ones: Temporal's poller list remembers a dead worker for minutes.
 */
@Entity('worker_heartbeats')
export class WorkerHeartbeatEntity {
  @PrimaryColumn({ name: 'worker_id' }) workerId: string;
  @Column({ name: 'task_queue' }) taskQueue: string;
  @Column() host: string;
  @Column({ type: 'int' }) pid: number;
  @Column({ name: 'started_at', type: 'timestamptz' }) startedAt: Date;
  /** The database's clock, not the worker's: readiness compares it with the database's now(). */
  @Column({ name: 'beat_at', type: 'timestamptz' }) beatAt: Date;
}
