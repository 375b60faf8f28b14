import { MigrationInterface, QueryRunner } from 'typeorm';

/** Platform tables: users, tenants, memberships, refresh tokens, jobs and the append-only audit log. */
export class PlatformTables1732300000000 implements MigrationInterface {
  name = 'PlatformTables1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username varchar(100) NOT NULL CONSTRAINT users_username_key UNIQUE,
        email varchar(254) NOT NULL CONSTRAINT users_email_key UNIQUE,
        password_hash text NOT NULL,
        first_name varchar(150) NOT NULL DEFAULT '',
        last_name varchar(150) NOT NULL DEFAULT '',
        phone varchar(50) NOT NULL DEFAULT '',
        address text NOT NULL DEFAULT '',
        is_active boolean NOT NULL DEFAULT true,
        is_superadmin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_login_at timestamptz
      )`);
    await q.query(`CREATE INDEX users_created_at_idx ON users (created_at)`);
    await q.query(
      `CREATE INDEX users_search_idx ON users USING gin ((username || ' ' || email || ' ' || first_name || ' ' || last_name) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE tenants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        slug varchar(41) NOT NULL CONSTRAINT tenants_slug_key UNIQUE,
        description text NOT NULL DEFAULT '',
        schema_name varchar(63) NOT NULL CONSTRAINT tenants_schema_name_key UNIQUE,
        system_revision integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CHECK (role IN ('admin', 'editor', 'viewer', 'auditor')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT memberships_tenant_user_key UNIQUE (tenant_id, user_id)
      )`);
    await q.query(`CREATE INDEX memberships_user_idx ON memberships (user_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL CONSTRAINT refresh_tokens_hash_key UNIQUE,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz,
        revoked_at timestamptz,
        ip varchar(64),
        user_agent text
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id)`);
    await q.query(`CREATE INDEX refresh_tokens_expires_idx ON refresh_tokens (expires_at)`);

    await q.query(`
      CREATE TABLE jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue varchar(50) NOT NULL,
        name varchar(100) NOT NULL,
        tenant_id uuid REFERENCES tenants (id) ON DELETE CASCADE,
        status varchar(20) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
        data jsonb NOT NULL DEFAULT '{}',
        progress jsonb NOT NULL DEFAULT '{}',
        result jsonb,
        error text,
        attempts integer NOT NULL DEFAULT 0,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX jobs_tenant_idx ON jobs (tenant_id, created_at)`);
    await q.query(`CREATE INDEX jobs_status_idx ON jobs (queue, status)`);
    await q.query(`
      CREATE TABLE job_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        level varchar(10) NOT NULL DEFAULT 'info',
        message text NOT NULL,
        data jsonb
      )`);
    await q.query(`CREATE INDEX job_events_job_idx ON job_events (job_id, id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid,
        seq bigint NOT NULL,
        at timestamptz NOT NULL,
        actor_id uuid,
        actor_email varchar(254),
        action varchar(100) NOT NULL,
        entity_type varchar(100) NOT NULL,
        entity_id varchar(200),
        request_id varchar(100),
        ip varchar(64),
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL
      )`);
    await q.query(
      `CREATE UNIQUE INDEX audit_log_chain_seq_key ON audit_log ((coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid)), seq)`,
    );
    await q.query(`CREATE INDEX audit_log_tenant_at_idx ON audit_log (tenant_id, at)`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_id)`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id)`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_append_only()`);
    await q.query(`DROP TABLE job_events`);
    await q.query(`DROP TABLE jobs`);
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE memberships`);
    await q.query(`DROP TABLE tenants`);
    await q.query(`DROP TABLE users`);
  }
}
