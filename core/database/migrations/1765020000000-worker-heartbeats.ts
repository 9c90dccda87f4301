import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each worker's heartbeat, which the API's readiness reads: a worker is live when its beat is recent. */
export class WorkerHeartbeats1765020000000 implements MigrationInterface {
  name = 'WorkerHeartbeats1765020000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE worker_heartbeats (
        worker_id text PRIMARY KEY,
        task_queue text NOT NULL,
        host text NOT NULL,
        pid integer NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        beat_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX worker_heartbeats_task_queue_beat_at ON worker_heartbeats (task_queue, beat_at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE worker_heartbeats`);
  }
}
