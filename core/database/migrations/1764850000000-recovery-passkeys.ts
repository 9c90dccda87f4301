import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recovery passkeys (docs/assurance.md): the WebAuthn credentials users enrol right after a pass,
 * the challenge each SSP session is answering, and the narrow grant a pass gives to enrol one.
 */
export class RecoveryPasskeys1764850000000 implements MigrationInterface {
  name = 'RecoveryPasskeys1764850000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE recovery_passkeys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL,
        credential_id text NOT NULL UNIQUE,
        public_key bytea NOT NULL,
        counter bigint NOT NULL DEFAULT 0 CHECK (counter >= 0),
        transports text[] NOT NULL DEFAULT '{}',
        enrolled_after_verification_id uuid NOT NULL REFERENCES verifications (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      );
      CREATE INDEX recovery_passkeys_user ON recovery_passkeys (user_id);
      CREATE TABLE passkey_challenges (
        ssp_session_id uuid PRIMARY KEY REFERENCES ssp_sessions (id) ON DELETE CASCADE,
        ceremony text NOT NULL CHECK (ceremony IN ('registration', 'authentication')),
        challenge text NOT NULL,
        expires_at timestamptz NOT NULL
      );
      ALTER TABLE ssp_sessions ADD COLUMN enrolment_grant_hash bytea UNIQUE, ADD COLUMN enrolment_expires_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE ssp_sessions DROP COLUMN enrolment_grant_hash, DROP COLUMN enrolment_expires_at;
      DROP TABLE passkey_challenges;
      DROP TABLE recovery_passkeys;
    `);
  }
}
