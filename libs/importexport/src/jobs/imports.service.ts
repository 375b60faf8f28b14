import { AuditService } from '@app/audit';
import {
  conflict,
  CoreErrorCode,
  JobOutbox,
  notFound,
  QueueName,
  RequestActor,
  SqlDatabase,
  TenantContext,
} from '@app/core';
import { RecordBatches, SchemaReadService } from '@app/dataschema';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { FileStore, StoredFile } from '../file-store/file-store';
import { FILE_STORE } from './file-store.provider';
import { IMPORT_EXPORT_JOB_OPTIONS, ImportExportJobName, ImportJobData } from './import-export-jobs';
import { importOptions } from './import-options';
import { ImportExportJobRows } from './job-rows';
import { jobView } from './job-view';
import { revertImport } from './import-revert';

export interface ImportUpload {
  fields: Record<string, string>;
  file: StoredFile;
  fileName: string;
}

/** Import jobs: created from an upload, read, cancelled and reverted. The worker runs them. */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly outbox: JobOutbox,
    private readonly schemas: SchemaReadService,
    private readonly audit: AuditService,
    private readonly rows: ImportExportJobRows,
    private readonly db: SqlDatabase,
    private readonly batches: RecordBatches,
  ) {}

  /** Queues the import; with an idempotency key seen before from this user, the first job instead. */
  async create(ctx: TenantContext, actor: RequestActor, upload: ImportUpload, idempotencyKey: string | null) {
    try {
      const { definition } = await this.schemas.active(ctx);
      const options = importOptions(upload.fields, upload.fileName, definition.tables);
      const outcome = await this.dataSource.transaction(async (manager) => {
        if (idempotencyKey !== null) {
          await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [
            `import:${ctx.tenantId}:${actor.userId}:${idempotencyKey}`,
          ]);
          const earlier: Array<{ id: string }> = await manager.query(
            `SELECT id FROM jobs WHERE queue = $1 AND tenant_id = $2 AND created_by IS NOT DISTINCT FROM $3
                AND data->>'idempotencyKey' = $4 LIMIT 1`,
            [QueueName.Imports, ctx.tenantId, actor.userId, idempotencyKey],
          );
          if (earlier.length > 0) return { existing: earlier[0].id };
        }
        const data: ImportJobData = {
          tenantId: ctx.tenantId,
          slug: ctx.slug,
          schemaName: ctx.schemaName,
          ...options,
          fileKey: upload.file.key,
          fileName: upload.fileName.slice(0, 255),
          bytesTotal: upload.file.bytes,
          idempotencyKey,
          actor,
        };
        const staged = await this.outbox.stage(manager, {
          queue: QueueName.Imports,
          name: ImportExportJobName.Import,
          data: data as unknown as Record<string, unknown>,
          tenantId: ctx.tenantId,
          createdBy: actor.userId,
          options: IMPORT_EXPORT_JOB_OPTIONS,
        });
        await this.audit.record(manager, actor, {
          tenantId: ctx.tenantId,
          action: 'import.start',
          entityType: 'import',
          entityId: staged.id,
          details: {
            table: options.table,
            format: options.format,
            mode: options.mode,
            onError: options.onError,
            dryRun: options.dryRun,
            bytes: upload.file.bytes,
          },
        });
        return { staged };
      });
      if ('existing' in outcome) {
        await this.store.delete(upload.file.key);
        return {
          created: false,
          job: jobView(await this.rows.get(ctx, QueueName.Imports, outcome.existing as string)),
        };
      }
      await this.outbox.dispatch(outcome.staged);
      return { created: true, job: jobView(await this.rows.get(ctx, QueueName.Imports, outcome.staged.id)) };
    } catch (error) {
      await this.store.delete(upload.file.key).catch(() => undefined);
      throw error;
    }
  }

  async page(ctx: TenantContext, offset: number, limit: number) {
    const { rows, count } = await this.rows.page(ctx, QueueName.Imports, offset, limit);
    return { count, results: rows.map(jobView) };
  }

  async get(ctx: TenantContext, id: string) {
    return jobView(await this.rows.get(ctx, QueueName.Imports, id));
  }

  async log(ctx: TenantContext, id: string) {
    const row = await this.rows.get(ctx, QueueName.Imports, id);
    return { results: await this.rows.events(row.id) };
  }

  /** One page of `{row, column, value, message}`, in row order. */
  async errors(ctx: TenantContext, id: string, offset: number, limit: number) {
    const key = await this.fileOf(ctx, id, 'errorsKey');
    const summary = (await this.get(ctx, id)).summary as { errorsStored?: number } | null;
    const results: unknown[] = [];
    if (key !== null) {
      let n = 0;
      const lines = createInterface({ input: this.store.get(key), crlfDelay: Infinity });
      for await (const line of lines) {
        if (n >= offset + limit) break;
        if (n++ >= offset) results.push(JSON.parse(line));
      }
      lines.close();
    }
    return { count: summary?.errorsStored ?? 0, results };
  }

  /** The bad rows as CSV with an error column (a header row only when there are none). */
  async badRowsCsv(ctx: TenantContext, id: string): Promise<Readable> {
    const key = await this.fileOf(ctx, id, 'badRowsKey');
    return key === null ? Readable.from(['error\n']) : this.store.get(key);
  }

  async cancel(ctx: TenantContext, id: string) {
    const row = await this.rows.get(ctx, QueueName.Imports, id);
    const changed: unknown[] = await this.dataSource.query(
      `WITH u AS (UPDATE jobs SET status = 'cancelled', finished_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') AND coalesce(progress->>'phase', '') <> 'committed'
        RETURNING 1) SELECT 1 FROM u`,
      [row.id],
    );
    if (changed.length === 0)
      throw conflict(
        CoreErrorCode.WRONG_STATE,
        `The import is ${row.status}; only a queued or running import can be cancelled`,
      );
    await this.dataSource.query(`INSERT INTO job_events (job_id, level, message) VALUES ($1, 'warn', 'Cancelled')`, [
      row.id,
    ]);
    return this.get(ctx, id);
  }

  async revert(ctx: TenantContext, actor: RequestActor, id: string) {
    const row = await this.rows.get(ctx, QueueName.Imports, id);
    const { definition, version } = await this.schemas.active(ctx);
    await this.db.transaction((tx) =>
      revertImport(tx, this.batches, this.audit, ctx, actor, row.id, definition, version),
    );
    return this.get(ctx, id);
  }

  private async fileOf(ctx: TenantContext, id: string, key: 'errorsKey' | 'badRowsKey'): Promise<string | null> {
    const row = await this.rows.get(ctx, QueueName.Imports, id);
    const progress = row.progress as { summary?: Record<string, unknown> };
    const result = (row.result ?? progress.summary ?? null) as Record<string, unknown> | null;
    if (result === null && row.status !== 'failed' && row.status !== 'succeeded')
      throw notFound('IMPORT_ERRORS_NOT_READY', 'The import has not finished; its errors are not listed yet');
    return (result?.[key] as string | null | undefined) ?? null;
  }
}
