import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tenant schema definitions, one row per version (definition, operations, generated SQL, author,
 * message, checksum), and the tables and columns that drops set aside, until they are purged.
 */
export class SchemaVersions1795900000000 implements MigrationInterface {
  name = 'SchemaVersions1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE schema_versions (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        operations jsonb NOT NULL,
        up_sql text NOT NULL,
        down_sql text NOT NULL,
        author_id uuid,
        author_email varchar(320),
        message text,
        checksum char(64) NOT NULL,
        catalog_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, version)
      )`);
    await q.query(`
      CREATE TABLE schema_retained_items (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        id varchar(32) NOT NULL,
        kind varchar(10) NOT NULL CHECK (kind IN ('table', 'column')),
        table_id varchar(32) NOT NULL,
        table_name varchar(63) NOT NULL,
        column_name varchar(63),
        item jsonb NOT NULL,
        dropped_in_version integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX schema_retained_items_created_idx ON schema_retained_items (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schema_retained_items`);
    await q.query(`DROP TABLE schema_versions`);
  }
}
