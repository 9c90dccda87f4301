import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The proofs a verification gathered and the receipt its outcome carries (docs/assurance.md). */
export class Proofs1764800000000 implements MigrationInterface {
  name = 'Proofs1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verifications ADD COLUMN proofs jsonb, ADD COLUMN receipt jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verifications DROP COLUMN proofs, DROP COLUMN receipt`);
  }
}
