import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policies and limits set by admins in the console. Each change is a new version; none is ever
 * rewritten, so an auditor can read which rules were in force when, and who set them.
 */
export class PolicyVersions1764750000000 implements MigrationInterface {
  name = 'PolicyVersions1764750000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE policy_versions (
        number integer PRIMARY KEY CHECK (number > 0),
        settings jsonb NOT NULL,
        changed_by text NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        note text NOT NULL
      );
      CREATE FUNCTION policy_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'policy_versions is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER policy_versions_no_update BEFORE UPDATE OR DELETE ON policy_versions
        FOR EACH ROW EXECUTE FUNCTION policy_versions_append_only();
      CREATE TRIGGER policy_versions_no_truncate BEFORE TRUNCATE ON policy_versions
        FOR EACH STATEMENT EXECUTE FUNCTION policy_versions_append_only();
      REVOKE UPDATE, DELETE, TRUNCATE ON policy_versions FROM PUBLIC;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE policy_versions;
      DROP FUNCTION policy_versions_append_only();
    `);
  }
}
