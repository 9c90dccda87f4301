import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Audit exports page through a time range in (at, id) order: one index range scan per page. */
export class ExportIndexes1764650000000 implements MigrationInterface {
  name = 'ExportIndexes1764650000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX audit_events_at ON audit_events (at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX audit_events_at`);
  }
}
