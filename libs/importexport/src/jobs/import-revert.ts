import { AuditService } from '@app/audit';
import { conflict, CoreErrorCode, quoteIdent, RequestActor, SqlTransaction, TenantContext } from '@app/core';
import { compileRecordTable, RecordBatches, RecordBatchScope, SchemaDefinition } from '@app/dataschema';
import { EntityManager } from 'typeorm';

const refused = (message: string) => conflict(CoreErrorCode.WRONG_STATE, message);

/**
 * Deletes exactly the records a succeeded insert import created (the id range of its history batch,
 * or for imports made before batches, its per-record history entries), writes their delete
 * revisions, marks the batch reverted and audits `import.revert`.
 */
export async function revertImport(
  tx: SqlTransaction,
  historyBatches: RecordBatches,
  audit: AuditService,
  ctx: TenantContext,
  actor: RequestActor,
  jobId: string,
  definition: SchemaDefinition,
  version: number,
): Promise<void> {
  const { manager } = tx;
  const jobs: Array<{ status: string; data: { mode: string; dryRun: boolean }; result: { batchId?: string } | null }> =
    await manager.query(`SELECT status, data, result FROM jobs WHERE id = $1 FOR UPDATE`, [jobId]);
  const job = jobs[0];
  if (job.status !== 'succeeded' || job.data.mode !== 'insert' || job.data.dryRun || !job.result?.batchId)
    throw refused('Only a succeeded insert import that stored rows can be reverted');
  const schema = quoteIdent(ctx.schemaName);
  const batches: Array<{ table_id: string; reverted_at: Date | null }> = await manager.query(
    `SELECT table_id, reverted_at FROM ${schema}."_import_batches" WHERE id = $1 FOR UPDATE`,
    [job.result.batchId],
  );
  const batch = batches[0];
  if (!batch) throw refused('The import stored no rows');
  if (batch.reverted_at !== null) throw refused('The import was already reverted');
  const table = definition.tables.find((t) => (t.id ?? t.name) === batch.table_id);
  if (!table) throw refused('The import’s table no longer exists');
  const scope = {
    table: compileRecordTable(ctx.schemaName, table),
    tableId: batch.table_id,
    actorId: actor.userId,
    schemaVersion: version,
  };
  const rows =
    (await historyBatches.revert(tx, scope, job.result.batchId)) ??
    (await revertPerRecordHistory(manager, schema, scope, job.result.batchId));
  await manager.query(`UPDATE ${schema}."_import_batches" SET reverted_at = now() WHERE id = $1`, [job.result.batchId]);
  await manager.query(`UPDATE jobs SET result = result || $2::jsonb, updated_at = now() WHERE id = $1`, [
    jobId,
    { revertedAt: new Date().toISOString(), rowsReverted: rows },
  ]);
  await manager.query(`INSERT INTO job_events (job_id, level, message, data) VALUES ($1, 'info', 'Reverted', $2)`, [
    jobId,
    { rowsReverted: rows },
  ]);
  await audit.record(manager, actor, {
    tenantId: ctx.tenantId,
    action: 'import.revert',
    entityType: 'import',
    entityId: jobId,
    details: { table: table.name, rowsReverted: rows },
  });
}

/** Imports made before history batches wrote one `create` entry per record, carrying the batch id. */
async function revertPerRecordHistory(
  manager: EntityManager,
  schema: string,
  scope: RecordBatchScope,
  batchId: string,
): Promise<number> {
  const removed: Array<{ n: number }> = await manager.query(
    `WITH gone AS (
       DELETE FROM ${scope.table.qualified} t USING ${schema}."_record_history" h
        WHERE h.batch_id = $1 AND h.operation = 'create' AND t."id" = h.record_id RETURNING t.*),
     logged AS (
       INSERT INTO ${schema}."_record_history" (table_id, record_id, revision, operation, before, actor_id, schema_version, batch_id)
       SELECT $2, g."id",
              coalesce((SELECT max(x.revision) FROM ${schema}."_record_history" x WHERE x.table_id = $2 AND x.record_id = g."id"), 0) + 1,
              'delete', to_jsonb(g), $3::uuid, $4, $1
         FROM gone g RETURNING 1)
     SELECT count(*)::int AS n FROM logged`,
    [batchId, scope.tableId, scope.actorId, scope.schemaVersion],
  );
  return removed[0].n;
}
