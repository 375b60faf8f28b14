import { PageSlice, sql, SqlRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RetainedItem } from '../planner/schema-state';
import { OperationSummary, StoredRetainedItem, StoredVersion, VersionSummary } from './schema-version';

interface VersionRow {
  version: number;
  definition: StoredVersion['definition'];
  operations: StoredVersion['operations'];
  up_sql: string;
  down_sql: string;
  author_id: string | null;
  author_email: string | null;
  message: string | null;
  checksum: string;
  catalog_hash: string;
  created_at: Date;
}

interface RetainedRow {
  item: RetainedItem;
  table_name: string;
  column_name: string | null;
  dropped_in_version: number;
  created_at: Date;
}

const toVersion = (row: VersionRow): StoredVersion => ({
  version: row.version,
  definition: row.definition,
  operations: row.operations,
  up: row.up_sql,
  down: row.down_sql,
  authorId: row.author_id,
  authorEmail: row.author_email,
  message: row.message,
  checksum: row.checksum,
  catalogHash: row.catalog_hash,
  createdAt: row.created_at.toISOString(),
});

interface SummaryRow {
  version: number;
  message: string | null;
  author_id: string | null;
  created_at: Date;
  operations: OperationSummary[];
}

const toSummary = (row: SummaryRow): VersionSummary => ({
  version: row.version,
  message: row.message,
  authorId: row.author_id,
  createdAt: row.created_at.toISOString(),
  operations: row.operations,
});

const toRetained = (row: RetainedRow): StoredRetainedItem => ({
  item: row.item,
  tableName: row.table_name,
  columnName: row.column_name,
  droppedInVersion: row.dropped_in_version,
  createdAt: row.created_at.toISOString(),
});

export type NewVersion = Omit<StoredVersion, 'createdAt'>;

/** Reads and writes `public.schema_versions` and `public.schema_retained_items`; nothing else. */
@Injectable()
export class SchemaVersionsRepository {
  async latest(db: SqlRunner, tenantId: string): Promise<StoredVersion | null> {
    const [row] = await db.query<VersionRow>(
      sql`SELECT * FROM schema_versions WHERE tenant_id = ${tenantId} ORDER BY version DESC LIMIT 1`,
    );
    return row ? toVersion(row) : null;
  }

  async find(db: SqlRunner, tenantId: string, version: number): Promise<StoredVersion | null> {
    const [row] = await db.query<VersionRow>(
      sql`SELECT * FROM schema_versions WHERE tenant_id = ${tenantId} AND version = ${version}`,
    );
    return row ? toVersion(row) : null;
  }

  /**
   * Newest first, without the definitions and the SQL: a tenant's definition grows with its tables
   * (about 1 KiB a table), so a page of whole rows read megabytes. The operations are read as the
   * summaries stored beside them (each operation carries its statements).
   */
  async pageSummaries(
    db: SqlRunner,
    tenantId: string,
    offset: number,
    limit: number,
  ): Promise<PageSlice<VersionSummary>> {
    const [{ count }] = await db.query<{ count: number }>(
      sql`SELECT count(*)::int AS count FROM schema_versions WHERE tenant_id = ${tenantId}`,
    );
    const rows = await db.query<SummaryRow>(
      sql`SELECT version, message, author_id, created_at, operation_summaries AS operations FROM schema_versions
           WHERE tenant_id = ${tenantId} ORDER BY version DESC OFFSET ${offset} LIMIT ${limit}`,
    );
    return { count, results: rows.map(toSummary) };
  }

  /** `summaries`: what the version list shows of `v.operations` (`operationSummary` of each). */
  async insert(db: SqlRunner, tenantId: string, v: NewVersion, summaries: OperationSummary[]): Promise<StoredVersion> {
    const [row] = await db.query<VersionRow>(sql`
      INSERT INTO schema_versions (tenant_id, version, definition, operations, operation_summaries, table_count,
                                   up_sql, down_sql, author_id, author_email, message, checksum, catalog_hash)
      VALUES (${tenantId}, ${v.version}, ${JSON.stringify(v.definition)}::jsonb, ${JSON.stringify(v.operations)}::jsonb,
              ${JSON.stringify(summaries)}::jsonb, ${v.definition.tables.length}, ${v.up}, ${v.down}, ${v.authorId},
              ${v.authorEmail}, ${v.message}, ${v.checksum}, ${v.catalogHash})
      RETURNING *`);
    return toVersion(row);
  }

  /** The latest version of each of these tenants that has one: what the drift report reads. One index probe a tenant. */
  async latestOf(
    db: SqlRunner,
    tenantIds: readonly string[],
  ): Promise<Array<{ tenantId: string; version: number; catalogHash: string }>> {
    return db.query(sql`
      SELECT v.tenant_id AS "tenantId", v.version, v.catalog_hash AS "catalogHash"
        FROM unnest(${[...tenantIds]}::uuid[]) AS t(id)
       CROSS JOIN LATERAL (SELECT tenant_id, version, catalog_hash FROM schema_versions
                            WHERE tenant_id = t.id ORDER BY version DESC LIMIT 1) v`);
  }

  /**
   * Tables in the latest version of every tenant (the tables gauge, at each scrape): the stored
   * counts, no definition read, and one index probe per tenant (a skip scan of the primary key)
   * rather than a walk over every version.
   */
  async countLiveTables(db: SqlRunner): Promise<number> {
    const [row] = await db.query<{ tables: number }>(sql`
      WITH RECURSIVE tenant AS (
        (SELECT tenant_id FROM schema_versions ORDER BY tenant_id LIMIT 1)
        UNION ALL
        SELECT (SELECT s.tenant_id FROM schema_versions s WHERE s.tenant_id > tenant.tenant_id ORDER BY s.tenant_id LIMIT 1)
          FROM tenant WHERE tenant.tenant_id IS NOT NULL
      )
      SELECT coalesce(sum(v.table_count), 0)::int AS tables
        FROM tenant
       CROSS JOIN LATERAL (SELECT table_count FROM schema_versions
                            WHERE tenant_id = tenant.tenant_id ORDER BY version DESC LIMIT 1) v
       WHERE tenant.tenant_id IS NOT NULL`);
    return row.tables;
  }

  async retained(db: SqlRunner, tenantId: string): Promise<StoredRetainedItem[]> {
    const rows = await db.query<RetainedRow>(
      sql`SELECT item, table_name, column_name, dropped_in_version, created_at FROM schema_retained_items
           WHERE tenant_id = ${tenantId} ORDER BY created_at, id`,
    );
    return rows.map(toRetained);
  }

  async addRetained(db: SqlRunner, tenantId: string, retained: Omit<StoredRetainedItem, 'createdAt'>): Promise<void> {
    const { item, tableName, columnName, droppedInVersion } = retained;
    const tableId = item.kind === 'table' ? item.id : item.tableId;
    await db.execute(sql`
      INSERT INTO schema_retained_items (tenant_id, id, kind, table_id, table_name, column_name, item, dropped_in_version)
      VALUES (${tenantId}, ${item.id}, ${item.kind}, ${tableId}, ${tableName}, ${columnName},
              ${JSON.stringify(item)}::jsonb, ${droppedInVersion})`);
  }

  async removeRetained(db: SqlRunner, tenantId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await db.execute(sql`DELETE FROM schema_retained_items WHERE tenant_id = ${tenantId} AND id = ANY(${ids})`);
  }
}
