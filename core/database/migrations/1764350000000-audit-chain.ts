import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log becomes append-only and tamper-evident: each row carries an HMAC chained to the
 * previous row's, and a trigger refuses UPDATE, DELETE and TRUNCATE for every role. No role but
 * the owner may even try: PUBLIC loses those privileges.
 */
export class AuditChain1764350000000 implements MigrationInterface {
  name = 'AuditChain1764350000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_events ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
      REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER audit_events_no_truncate ON audit_events;
      DROP TRIGGER audit_events_no_update ON audit_events;
      DROP FUNCTION audit_events_append_only();
      ALTER TABLE audit_events DROP COLUMN hash, DROP COLUMN prev_hash;
    `);
  }
}
