import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which attempt spent a link: the hash of the nonce the SSP made before pressing Start. A retry
 * carrying the same nonce resumes the session instead of meeting a spent link (issue 12).
 */
export class LinkRedemptionAttempt1764990000000 implements MigrationInterface {
  name = 'LinkRedemptionAttempt1764990000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verification_links ADD COLUMN redeemed_by_attempt bytea`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE verification_links DROP COLUMN redeemed_by_attempt`);
  }
}
