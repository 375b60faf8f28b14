import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed audit entries: each entry carries the id of the key that signed it and its Ed25519
 * signature, and `audit_signing_keys` lists every public key ever used, append-only like the log.
 */
export class AuditSignatures1732400000000 implements MigrationInterface {
  name = 'AuditSignatures1732400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ADD COLUMN key_id varchar(64), ADD COLUMN signature text`);
    await q.query(`
      CREATE TABLE audit_signing_keys (
        key_id varchar(64) PRIMARY KEY,
        algorithm varchar(20) NOT NULL CHECK (algorithm = 'Ed25519'),
        public_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE FUNCTION audit_signing_keys_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_signing_keys is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_signing_keys_append_only BEFORE UPDATE OR DELETE ON audit_signing_keys
      FOR EACH ROW EXECUTE FUNCTION audit_signing_keys_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_signing_keys_no_truncate BEFORE TRUNCATE ON audit_signing_keys
      FOR EACH STATEMENT EXECUTE FUNCTION audit_signing_keys_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_signing_keys`);
    await q.query(`DROP FUNCTION audit_signing_keys_append_only()`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN signature, DROP COLUMN key_id`);
  }
}
