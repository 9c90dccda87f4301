import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The second engine: sign-ins carry the device family (a known device lowers risk), and each
 * question has a weight (public facts count for half).
 */
export class EngineV21764300000000 implements MigrationInterface {
  name = 'EngineV21764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE directory_signins ADD COLUMN device text`);
    await db.query(`ALTER TABLE challenge_questions ADD COLUMN weight real NOT NULL DEFAULT 1`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE challenge_questions DROP COLUMN weight`);
    await db.query(`ALTER TABLE directory_signins DROP COLUMN device`);
  }
}
