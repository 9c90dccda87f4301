import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the post-approval connector did at the IdP, on the verification. */
export class ConnectorResult1764500000000 implements MigrationInterface {
  name = 'ConnectorResult1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verifications ADD COLUMN connector_result jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verifications DROP COLUMN connector_result`);
  }
}
