import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Console sign-in: server-side sessions and OIDC authorization requests in flight. */
export class ConsoleSessions1764450000000 implements MigrationInterface {
  name = 'ConsoleSessions1764450000000';

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
        expires_at timestamptz NOT NULL
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oidc_login_attempts; DROP TABLE console_sessions`);
  }
}
