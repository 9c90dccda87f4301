import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The referee's check of a verification that needed one (docs/assurance.md): who, how, what they saw, and their verdict. */
export class RefereeChecks1764920000000 implements MigrationInterface {
  name = 'RefereeChecks1764920000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verifications ADD COLUMN referee_check jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verifications DROP COLUMN referee_check`);
  }
}
