import { qualified, sql, SqlQuery, SqlRaw } from '@app/core';

type SqlExpression = SqlQuery | SqlRaw;
/** The table's stable id, or whatever stands for it as a parameter (a statement built once, filled per request). */
type TableIdValue = unknown;

/**
 * SQL pieces for records created in a batch (see `BulkIdRange`): one `_record_history_batches` row
 * stands for the first revision (`create`) of every record whose id falls in its range.
 */

/**
 * The batch whose range holds `id` (a SQL expression), as a one-row subquery with its columns:
 * ranges never overlap, so the one with the greatest `first_id` not above `id` is the only candidate
 * (one index probe).
 */
export function batchOfRecord(schema: string, tableId: TableIdValue, id: SqlExpression): SqlQuery {
  return sql`(SELECT c.* FROM (
      SELECT b.* FROM ${qualified(schema, '_record_history_batches')} b
       WHERE b.table_id = ${tableId}::text AND b.first_id <= ${id}
       ORDER BY b.first_id DESC LIMIT 1) c
     WHERE c.last_id >= ${id})`;
}

/**
 * The number the next revision of record `id` gets: one more than its last stored revision; a
 * record created in a batch that has none stored yet has had revision 1 (the batch's).
 */
export function nextRevision(schema: string, tableId: TableIdValue, id: SqlExpression): SqlQuery {
  const history = qualified(schema, '_record_history');
  return sql`(coalesce(
      (SELECT max(h.revision) FROM ${history} h WHERE h.table_id = ${tableId}::text AND h.record_id = ${id}),
      (SELECT 1 FROM ${batchOfRecord(schema, tableId, id)} x),
      0) + 1)`;
}
