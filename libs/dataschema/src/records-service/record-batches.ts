import { qualified, sql, SqlRunner } from '@app/core';
import { Injectable } from '@nestjs/common';
import { RecordTable } from '../records/record-table';
import { BulkIdRange } from './bulk-id-range';
import { nextRevision } from './history-batch-sql';
import { statementParts } from './record-statements';

/** Who created a batch of records, where, and under which version. */
export interface RecordBatchScope {
  table: RecordTable;
  /** The table's stable id, as history rows carry it. */
  tableId: string;
  actorId: string | null;
  schemaVersion: number;
}

/**
 * History of records created together (an import), inside the caller's transaction: one entry for
 * the batch instead of one per record, and the revert of exactly its records.
 */
@Injectable()
export class RecordBatches {
  /** Records the batch `id`: every record of `table` whose id is in `range` was created by it. */
  async created(
    runner: SqlRunner,
    scope: RecordBatchScope,
    batch: { id: string; range: BulkIdRange; rows: number },
  ): Promise<void> {
    await runner.query(sql`
      INSERT INTO ${qualified(scope.table.schema, '_record_history_batches')}
             (id, table_id, first_id, last_id, actor_id, schema_version, "rows")
      VALUES (${batch.id}::uuid, ${scope.tableId}::text, ${batch.range.first}::uuid, ${batch.range.last}::uuid,
              ${scope.actorId}::uuid, ${scope.schemaVersion}::int, ${batch.rows}::int)`);
  }

  /**
   * Deletes the records the batch created that still exist, each with its `delete` revision (by
   * `scope.actorId`). Undefined when there is no such batch of that table.
   */
  async revert(runner: SqlRunner, scope: RecordBatchScope, batchId: string): Promise<number | undefined> {
    const { schema } = scope.table;
    const batches = await runner.query<{ first_id: string; last_id: string }>(sql`
      SELECT first_id, last_id FROM ${qualified(schema, '_record_history_batches')}
       WHERE id = ${batchId}::uuid AND table_id = ${scope.tableId}::text`);
    const batch = batches[0];
    if (!batch) return undefined;
    const { target, output } = statementParts(scope.table);
    const [{ n }] = await runner.query<{ n: number }>(sql`
      WITH gone AS (
             DELETE FROM ${target} WHERE t."id" BETWEEN ${batch.first_id}::uuid AND ${batch.last_id}::uuid
             RETURNING ${output}),
           logged AS (
             INSERT INTO ${qualified(schema, '_record_history')}
                    (table_id, record_id, revision, operation, before, actor_id, schema_version)
             SELECT ${scope.tableId}::text, g."id", ${nextRevision(schema, scope.tableId, sql`g."id"`)},
                    'delete', to_jsonb(g), ${scope.actorId}::uuid, ${scope.schemaVersion}::int
               FROM gone g
             RETURNING 1)
      SELECT count(*)::int AS n FROM logged`);
    return n;
  }
}
