import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Delivery status from providers (Twilio status callbacks, SMTP acceptance), shown on the verification. */
export class MessageStatuses1764450000000 implements MigrationInterface {
  name = 'MessageStatuses1764450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE message_statuses (
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        status text NOT NULL,
        status_rank int NOT NULL,
        error_code text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, provider_message_id)
      );
      CREATE INDEX deliveries_verification_idx ON deliveries (verification_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX deliveries_verification_idx; DROP TABLE message_statuses`);
  }
}
