import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console: server-side sessions and OIDC authorization requests in flight (console sign-in
 * and SSP step-up); a notification on every verification change (live status); two-person
 * approval for privileged users; the SSP's IdP step-up result.
 */
export class Console1764700000000 implements MigrationInterface {
  name = 'Console1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE console_sessions (
        session_hash bytea PRIMARY KEY,
        subject text NOT NULL,
        email text NOT NULL,
        display_name text NOT NULL,
        roles text[] NOT NULL,
        csrf_token text NOT NULL,
        id_token text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX console_sessions_expires ON console_sessions (expires_at);
      CREATE TABLE oidc_login_attempts (
        attempt_hash bytea PRIMARY KEY,
        state text NOT NULL,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        return_to text NOT NULL,
        verification_id uuid REFERENCES verifications (id),
        expires_at timestamptz NOT NULL
      );
      ALTER TABLE verifications ADD COLUMN required_approvals smallint NOT NULL DEFAULT 1;
      ALTER TABLE verifications ADD COLUMN approvals jsonb;
      ALTER TABLE verifications ADD COLUMN step_up jsonb;
      -- Only the id travels: listeners read the row, so nothing sensitive is broadcast.
      CREATE FUNCTION notify_verification_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('verification_changed', NEW.id::text);
        RETURN NULL;
      END $$;
      CREATE TRIGGER verification_changed AFTER INSERT OR UPDATE ON verifications
        FOR EACH ROW EXECUTE FUNCTION notify_verification_changed();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER verification_changed ON verifications;
      DROP FUNCTION notify_verification_changed();
      ALTER TABLE verifications DROP COLUMN step_up, DROP COLUMN approvals, DROP COLUMN required_approvals;
      DROP TABLE oidc_login_attempts;
      DROP TABLE console_sessions;
    `);
  }
}
