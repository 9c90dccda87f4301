import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764250000000 implements MigrationInterface {
  name = 'InitialSchema1764250000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE directory_users (
        id text PRIMARY KEY,
        email text NOT NULL,
        display_name text NOT NULL,
        given_name text NOT NULL,
        family_name text NOT NULL,
        title text,
        department text,
        office text,
        office_country text,
        manager_id text,
        mobile_phone text,
        personal_email text,
        groups text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true
      );
      CREATE UNIQUE INDEX directory_users_email ON directory_users (lower(email));
      CREATE INDEX directory_users_department ON directory_users (department);
      CREATE INDEX directory_users_name ON directory_users (lower(display_name) text_pattern_ops);

      CREATE TABLE directory_meetings (
        id text PRIMARY KEY,
        subject text NOT NULL,
        organizer_id text NOT NULL,
        start_at timestamptz NOT NULL,
        attendee_ids text[] NOT NULL
      );
      CREATE INDEX directory_meetings_attendees ON directory_meetings USING gin (attendee_ids);

      CREATE TABLE directory_signins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id text NOT NULL,
        at timestamptz NOT NULL,
        city text NOT NULL,
        country text NOT NULL
      );
      CREATE INDEX directory_signins_user ON directory_signins (user_id, at DESC);

      CREATE TABLE verifications (
        id uuid PRIMARY KEY,
        workflow_id text NOT NULL UNIQUE,
        user_id text NOT NULL,
        user_email text NOT NULL,
        user_name text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('sms', 'email')),
        destination text NOT NULL,
        destination_masked text NOT NULL,
        reason text NOT NULL,
        ticket_ref text,
        initiated_by text NOT NULL,
        status text NOT NULL,
        outcome text,
        outcome_reason text,
        cancel_reason text,
        policy jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        link_expires_at timestamptz,
        session_expires_at timestamptz,
        completed_at timestamptz,
        approval_deadline timestamptz,
        risk_score real,
        risk jsonb,
        approval jsonb,
        superseded_by uuid
      );
      CREATE INDEX verifications_user_created ON verifications (user_id, created_at);
      CREATE INDEX verifications_created ON verifications (created_at DESC, id DESC);
      CREATE INDEX verifications_status ON verifications (status);

      CREATE TABLE verification_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        verification_id uuid NOT NULL REFERENCES verifications (id),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      );
      CREATE INDEX verification_links_verification ON verification_links (verification_id);

      CREATE TABLE ssp_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        verification_id uuid NOT NULL REFERENCES verifications (id),
        session_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        finished_at timestamptz
      );

      CREATE TABLE challenge_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        verification_id uuid NOT NULL REFERENCES verifications (id),
        position int NOT NULL,
        kind text NOT NULL,
        type text NOT NULL,
        text text NOT NULL,
        options jsonb NOT NULL,
        answer_key jsonb NOT NULL,
        answer jsonb,
        grade text,
        score real,
        elapsed_ms int,
        pasted boolean NOT NULL DEFAULT false,
        answered_at timestamptz,
        UNIQUE (verification_id, position)
      );

      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        verification_id uuid NOT NULL REFERENCES verifications (id),
        idempotency_key text NOT NULL UNIQUE,
        purpose text NOT NULL,
        channel text NOT NULL,
        destination_masked text NOT NULL,
        provider text NOT NULL,
        provider_message_id text,
        link_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE dev_outbox_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE,
        verification_id uuid,
        channel text NOT NULL,
        "to" text NOT NULL,
        subject text,
        body text NOT NULL,
        link text,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash bytea NOT NULL UNIQUE,
        roles text[] NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      );

      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        target_type text NOT NULL,
        target_id text,
        source_ip text,
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_events_target ON audit_events (target_type, target_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_events, api_keys, dev_outbox_messages, deliveries, challenge_questions,
        ssp_sessions, verification_links, verifications, directory_signins, directory_meetings,
        directory_users;
    `);
  }
}
