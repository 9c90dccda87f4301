import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Directory sync from SCIM: when each user was last seen, and one report per sync run. */
export class DirectorySync1764600000000 implements MigrationInterface {
  name = 'DirectorySync1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE directory_users ADD COLUMN last_synced_at timestamptz;
      CREATE TABLE directory_syncs (
        id text PRIMARY KEY,
        source text NOT NULL,
        status text NOT NULL,
        started_at timestamptz NOT NULL,
        finished_at timestamptz,
        duration_ms int,
        users_seen int NOT NULL DEFAULT 0,
        users_created int NOT NULL DEFAULT 0,
        users_updated int NOT NULL DEFAULT 0,
        users_deactivated int NOT NULL DEFAULT 0,
        groups_seen int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        error text
      );
      CREATE INDEX directory_syncs_started ON directory_syncs (started_at DESC);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE directory_syncs; ALTER TABLE directory_users DROP COLUMN last_synced_at`);
  }
}
