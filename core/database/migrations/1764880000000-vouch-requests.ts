import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vouch requests (docs/assurance.md): the single-use link a user's manager gets to vouch for
 * them, the manager's sign-in, and their answer.
 */
export class VouchRequests1764880000000 implements MigrationInterface {
  name = 'VouchRequests1764880000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE vouch_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        verification_id uuid NOT NULL REFERENCES verifications (id),
        voucher_user_id text NOT NULL,
        relation text NOT NULL CHECK (relation IN ('manager')),
        idempotency_key text NOT NULL UNIQUE,
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        requester_ip text,
        requester_device text,
        status text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'signed_in', 'confirmed', 'refused', 'closed')),
        voucher_session_hash bytea UNIQUE,
        signed_in_at timestamptz,
        decided_at timestamptz,
        how text CHECK (how IN ('video', 'in_person')),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX vouch_requests_verification ON vouch_requests (verification_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE vouch_requests;`);
  }
}
