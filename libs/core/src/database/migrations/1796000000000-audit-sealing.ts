import { MigrationInterface, QueryRunner } from 'typeorm';

const SEAL_COLUMNS = `ARRAY['seq', 'prev_hash', 'hash', 'key_id', 'signature', 'sealed_at']`;

/**
 * Audit entries written unchained and sealed after commit (docs/audit.md, "Sealing"). A writer
 * inserts its entry with no `seq`, `prev_hash`, `hash`, `key_id` or `signature`, only its own
 * signature (`writer_key_id`, `writer_signature`) and a write position `pos`; one sealer per chain
 * fills the seal in commit order later, through `audit_seal`. The trigger still refuses every
 * UPDATE but that one: an unsealed row getting its seal, nothing else changed. A sealed row never
 * changes again.
 */
export class AuditSealing1796000000000 implements MigrationInterface {
  name = 'AuditSealing1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE audit_log
        ALTER COLUMN seq DROP NOT NULL,
        ALTER COLUMN prev_hash DROP NOT NULL,
        ALTER COLUMN hash DROP NOT NULL,
        ADD COLUMN pos bigint,
        ADD COLUMN writer_key_id varchar(64),
        ADD COLUMN writer_signature text,
        ADD COLUMN sealed_at timestamptz`);
    // Set after the column exists, so rows written before keep NULL (they are sealed already)
    // instead of the table being rewritten.
    await q.query(`CREATE SEQUENCE audit_log_pos_seq AS bigint OWNED BY audit_log.pos`);
    await q.query(`ALTER TABLE audit_log ALTER COLUMN pos SET DEFAULT nextval('audit_log_pos_seq')`);
    await q.query(`
      ALTER TABLE audit_log ADD CONSTRAINT audit_log_sealed_or_signed CHECK (
        (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL)
        OR (seq IS NULL AND prev_hash IS NULL AND hash IS NULL AND key_id IS NULL AND signature IS NULL
            AND pos IS NOT NULL AND writer_key_id IS NOT NULL AND writer_signature IS NOT NULL))`);
    await q.query(`
      CREATE INDEX audit_log_unsealed_idx ON audit_log ((coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), pos)
       WHERE seq IS NULL`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.key_id IS NOT NULL AND NEW.signature IS NOT NULL
             AND (to_jsonb(NEW) - ${SEAL_COLUMNS}) = (to_jsonb(OLD) - ${SEAL_COLUMNS}) THEN
            RETURN NEW;
          END IF;
          RAISE EXCEPTION 'audit_log is append-only: only an unsealed entry may get its seal, nothing else changed'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_seal(ids uuid[], seqs bigint[], prev_hashes text[], hashes text[], key_ids text[], signatures text[])
      RETURNS integer LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
        WITH sealed AS (
          UPDATE public.audit_log l
             SET seq = s.seq, prev_hash = s.prev_hash, hash = s.hash, key_id = s.key_id, signature = s.signature,
                 sealed_at = now()
            FROM unnest(ids, seqs, prev_hashes, hashes, key_ids, signatures)
                   AS s (id, seq, prev_hash, hash, key_id, signature)
           WHERE l.id = s.id AND l.seq IS NULL
          RETURNING 1)
        SELECT count(*)::integer FROM sealed
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION audit_seal(uuid[], bigint[], text[], text[], text[], text[]) FROM PUBLIC`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_seal(uuid[], bigint[], text[], text[], text[], text[])`);
    await q.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`DROP INDEX audit_log_unsealed_idx`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_sealed_or_signed`);
    // Fails while unsealed entries remain: let a sealer finish first.
    await q.query(`
      ALTER TABLE audit_log
        DROP COLUMN sealed_at, DROP COLUMN writer_signature, DROP COLUMN writer_key_id, DROP COLUMN pos,
        ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`);
  }
}
