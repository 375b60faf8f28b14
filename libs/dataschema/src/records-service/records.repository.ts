import { join, prepared, qualified, raw, sql, SqlQuery, SqlRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RecordTable, tableStatement } from '../records/record-table';
import { createRecordQuery, CreateInput, REVISION } from './created-record-sql';
import { batchOfRecord, nextRevision } from './history-batch-sql';
import { insertRows } from './insert-rows-sql';
import { selectById, statementParts } from './record-statements';

export type StoredRecord = Record<string, unknown>;

/** A validated row for one INSERT: column name -> parameter value. */
export type RecordRow = Record<string, unknown>;

/**
 * Reads and writes records of one compiled table. Every identifier comes from the compiled table
 * (quoted), every value is a parameter; rows come back in output form (`statementParts`).
 */
@Injectable()
export class RecordsRepository {
  async find(runner: SqlRunner, table: RecordTable, id: string, lock = false): Promise<StoredRecord | undefined> {
    const [row] = await runner.query(selectById(table, id, lock));
    return row;
  }

  /**
   * Inserts rows that name the same columns with one statement (`unnest` of one array per column),
   * so a thousand records cost one round trip. Rows come back in the order given.
   */
  async insertSameColumns(
    runner: SqlRunner,
    table: RecordTable,
    columns: readonly string[],
    rows: readonly RecordRow[],
    actorId: string | null,
  ): Promise<StoredRecord[]> {
    return runner.query(
      tableStatement(
        table,
        insertRows(table, columns, {
          column: (c) => rows.map((r) => r[c.name]),
          actor: actorId,
          count: rows.length,
        }),
      ),
    );
  }

  /**
   * Creates one record and appends its first revision in one statement (one round trip instead of
   * two; see `created-record-sql.ts`).
   */
  async insertWithRevision(runner: SqlRunner, input: CreateInput): Promise<{ record: StoredRecord; revision: number }> {
    const [stored] = await runner.query<StoredRecord & { [REVISION]: number }>(createRecordQuery(input));
    const { [REVISION]: revision, ...record } = stored;
    return { record, revision };
  }

  /** Puts a deleted record back under its own id, with its original creation time and author. */
  async insertWithId(
    runner: SqlRunner,
    table: RecordTable,
    identity: { id: string; createdAt: unknown; createdBy: unknown },
    row: RecordRow,
    actorId: string | null,
  ): Promise<StoredRecord> {
    const { target, output } = statementParts(table);
    const columns = Object.keys(row).map((name) => table.columns.get(name)!);
    const names = raw(
      ['"id"', '"created_at"', '"created_by"', '"updated_by"', ...columns.map((c) => c.quoted)].join(', '),
    );
    const values = join([
      sql`${identity.id}`,
      sql`coalesce(${identity.createdAt ?? null}::timestamptz, now())`,
      sql`${identity.createdBy ?? null}::uuid`,
      sql`${actorId}::uuid`,
      ...columns.map((c) => sql`${row[c.name]}`),
    ]);
    const [stored] = await runner.query(sql`INSERT INTO ${target} (${names}) VALUES (${values}) RETURNING ${output}`);
    return stored;
  }

  async update(
    runner: SqlRunner,
    table: RecordTable,
    id: string,
    row: RecordRow,
    actorId: string | null,
  ): Promise<StoredRecord | undefined> {
    const { target, output } = statementParts(table);
    const sets = Object.keys(row).map((name) => sql`${raw(table.columns.get(name)!.quoted)} = ${row[name]}`);
    sets.push(sql`"updated_by" = ${actorId}::uuid`);
    const [stored] = await runner.query(
      tableStatement(table, sql`UPDATE ${target} SET ${join(sets)} WHERE t."id" = ${id} RETURNING ${output}`),
    );
    return stored;
  }

  async delete(runner: SqlRunner, table: RecordTable, id: string): Promise<StoredRecord | undefined> {
    const { target, output } = statementParts(table);
    const [stored] = await runner.query(
      tableStatement(table, sql`DELETE FROM ${target} WHERE t."id" = ${id} RETURNING ${output}`),
    );
    return stored;
  }
}

/** One revision to append to `_record_history`. */
export interface RevisionInput {
  recordId: string;
  operation: RecordOperation;
  before: StoredRecord | null;
  after: StoredRecord | null;
}

export type RecordOperation = 'create' | 'update' | 'delete' | 'restore';

/** A stored revision, as the history route answers it. */
export interface StoredRevision {
  revision: number;
  operation: RecordOperation;
  before: StoredRecord | null;
  after: StoredRecord | null;
  actor: string | null;
  at: string;
  schemaVersion: number | null;
}

const json = (value: StoredRecord | null) => (value === null ? null : JSON.stringify(value));

/** The table whose records' history is read: compiled, with its stable id and active version. */
export interface HistoryScope {
  table: RecordTable;
  tableId: string;
  schemaVersion: number;
}

/**
 * `_record_history` of a tenant schema: append-only, keyed by the table's stable id. A record created
 * in a batch (an import) has no row for its first revision: `_record_history_batches` holds one for
 * the whole batch, and reads make the record's own revision 1 from it (`revisionsOf`).
 */
@Injectable()
export class RecordHistoryRepository {
  private readonly selectRevision = raw(
    `revision, operation, before, after, actor_id AS actor,
     to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, schema_version AS "schemaVersion"`,
  );

  /**
   * Appends the next revision of each record (the row lock the caller holds keeps the numbers in
   * line; a record's first revision is 1, its batch's when it was created in one). One statement
   * for any number of records.
   */
  async append(
    runner: SqlRunner,
    schema: string,
    scope: { tableId: string; actorId: string | null; schemaVersion: number },
    revisions: readonly RevisionInput[],
  ): Promise<number[]> {
    const history = qualified(schema, '_record_history');
    // Prepared: its text depends on the schema only, and the history table's shape on tenant migrations only.
    const rows = await runner.query<{ revision: number }>(
      prepared(
        'history',
        sql`
      INSERT INTO ${history} (table_id, record_id, revision, operation, before, after, actor_id, schema_version)
      SELECT ${scope.tableId}::text, r.id, ${nextRevision(schema, scope.tableId, raw('r.id'))},
             r.operation, r.before, r.after, ${scope.actorId}::uuid, ${scope.schemaVersion}::int
        FROM unnest(${revisions.map((r) => r.recordId)}::uuid[], ${revisions.map((r) => r.operation)}::text[],
                    ${revisions.map((r) => json(r.before))}::jsonb[], ${revisions.map((r) => json(r.after))}::jsonb[])
             WITH ORDINALITY AS r(id, operation, before, after, n)
       ORDER BY r.n
      RETURNING revision`,
      ),
    );
    return rows.map((r) => r.revision);
  }

  async page(
    runner: SqlRunner,
    scope: HistoryScope,
    recordId: string,
    offset: number,
    limit: number,
  ): Promise<{ count: number; results: StoredRevision[] }> {
    const revisions = this.revisionsOf(scope, recordId);
    const [{ count }] = await runner.query<{ count: number }>(sql`SELECT count(*)::int AS count FROM ${revisions} r`);
    const results = await runner.query<StoredRevision>(
      sql`SELECT ${this.selectRevision} FROM ${revisions} r ORDER BY revision LIMIT ${limit} OFFSET ${offset}`,
    );
    return { count, results };
  }

  async find(
    runner: SqlRunner,
    scope: HistoryScope,
    recordId: string,
    revision: number,
  ): Promise<StoredRevision | undefined> {
    const [row] = await runner.query<StoredRevision>(
      sql`SELECT ${this.selectRevision} FROM ${this.revisionsOf(scope, recordId)} r WHERE revision = ${revision}`,
    );
    return row;
  }

  /**
   * Every revision of a record: its stored rows, and for a record created in a batch without a
   * stored revision 1, that revision made from the batch (its actor and time) and the record as it
   * was then: the state its first stored revision started from, or else (it has not changed since)
   * the record as it is, under the active version. A record a cascade removed without any revision
   * has no state left to show, so no revision 1 either.
   */
  private revisionsOf(scope: HistoryScope, recordId: string): SqlQuery {
    const schema = scope.table.schema;
    const history = qualified(schema, '_record_history');
    const { target, output } = statementParts(scope.table);
    const id = sql`${recordId}::uuid`;
    return sql`(
      WITH stored AS (
             SELECT revision, operation, before, after, actor_id, at, schema_version FROM ${history}
              WHERE table_id = ${scope.tableId}::text AND record_id = ${id}),
           first_stored AS (SELECT before, schema_version FROM stored ORDER BY revision LIMIT 1),
           created AS (
             SELECT 1 AS revision, 'create'::varchar(10) AS operation, NULL::jsonb AS before,
                    CASE WHEN EXISTS (SELECT 1 FROM first_stored) THEN (SELECT before FROM first_stored)
                         ELSE (SELECT to_jsonb(o) FROM (SELECT ${output} FROM ${target} WHERE t."id" = ${id}) o)
                    END AS after,
                    b.actor_id, b.at,
                    CASE WHEN EXISTS (SELECT 1 FROM first_stored) THEN (SELECT schema_version FROM first_stored)
                         ELSE ${scope.schemaVersion}::int
                    END AS schema_version
               FROM ${batchOfRecord(schema, scope.tableId, id)} b
              WHERE NOT EXISTS (SELECT 1 FROM stored WHERE revision = 1))
      SELECT * FROM created WHERE after IS NOT NULL
      UNION ALL
      SELECT * FROM stored)`;
  }
}
