import { AuditService } from '@app/audit';
import { conflict, CoreErrorCode, JobOutbox, QueueName, RequestActor, TenantContext, badRequest } from '@app/core';
import { SchemaReadService } from '@app/dataschema';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { EXPORT_CONTENT_TYPES, ExportFormat } from '../encode/export-encoders';
import { FileStore, WriterState } from '../file-store/file-store';
import { exportListQuery } from './export-query';
import { FILE_STORE } from './file-store.provider';
import { ExportJobData, IMPORT_EXPORT_JOB_OPTIONS, ImportExportJobName } from './import-export-jobs';
import { ImportExportJobRows } from './job-rows';
import { jobView } from './job-view';

export interface CreateExport {
  table: string;
  format: ExportFormat;
  filter?: Record<string, unknown>;
  sort?: string;
  fields?: string;
  neutralize?: boolean;
}

export interface ExportDownload {
  stream: Readable;
  contentType: string;
  fileName: string;
}

/** Export jobs: checked and queued here, run by the worker, downloaded from the file store. */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly outbox: JobOutbox,
    private readonly schemas: SchemaReadService,
    private readonly audit: AuditService,
    private readonly rows: ImportExportJobRows,
  ) {}

  async create(ctx: TenantContext, actor: RequestActor, request: CreateExport) {
    const { definition } = await this.schemas.active(ctx);
    if (!definition.tables.some((t) => t.name === request.table))
      throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Invalid export request', [
        { field: 'table', message: `no table "${request.table}" in the active schema` },
      ]);
    const checked = {
      table: request.table,
      filter: request.filter ?? null,
      sort: request.sort ?? null,
      fields: request.fields ?? null,
    };
    exportListQuery(ctx.schemaName, definition, checked); // a bad filter, sort or field is a 400 now
    const data: ExportJobData = {
      tenantId: ctx.tenantId,
      slug: ctx.slug,
      schemaName: ctx.schemaName,
      ...checked,
      format: request.format,
      neutralize: request.neutralize !== false,
      actor,
    };
    const staged = await this.dataSource.transaction(async (manager) => {
      const job = await this.outbox.stage(manager, {
        queue: QueueName.Exports,
        name: ImportExportJobName.Export,
        data: data as unknown as Record<string, unknown>,
        tenantId: ctx.tenantId,
        createdBy: actor.userId,
        options: IMPORT_EXPORT_JOB_OPTIONS,
      });
      await this.audit.record(manager, actor, {
        tenantId: ctx.tenantId,
        action: 'export.start',
        entityType: 'export',
        entityId: job.id,
        details: {
          table: checked.table,
          format: request.format,
          filter: checked.filter,
          sort: checked.sort,
          fields: checked.fields,
        },
      });
      return job;
    });
    await this.outbox.dispatch(staged);
    return this.get(ctx, staged.id);
  }

  async page(ctx: TenantContext, offset: number, limit: number) {
    const { rows, count } = await this.rows.page(ctx, QueueName.Exports, offset, limit);
    return { count, results: rows.map(jobView) };
  }

  async get(ctx: TenantContext, id: string) {
    return jobView(await this.rows.get(ctx, QueueName.Exports, id));
  }

  /**
   * The export's file: a succeeded export's from the store; a running one's followed while the
   * worker writes it (a queued one's once the worker has begun, waiting up to START_WAIT_MS), so a
   * client that downloads at once gets the rows as they are produced. A follow fails the response
   * if the export fails before its end.
   */
  async download(ctx: TenantContext, id: string): Promise<ExportDownload> {
    let row = await this.rows.get(ctx, QueueName.Exports, id);
    const deadline = Date.now() + START_WAIT_MS;
    while (row.status === 'queued' || (row.status === 'running' && !followedKey(row))) {
      if (Date.now() > deadline) break;
      await sleep(START_POLL_MS);
      row = await this.rows.get(ctx, QueueName.Exports, id);
    }
    const data = row.data as unknown as ExportJobData;
    const file = (stream: Readable, day: Date): ExportDownload => ({
      stream,
      contentType: EXPORT_CONTENT_TYPES[data.format],
      fileName: `${data.table}-${day.toISOString().slice(0, 10)}.${data.format}`,
    });
    const key = (row.result as { fileKey?: string } | null)?.fileKey;
    if (row.status === 'succeeded' && key) return file(this.store.get(key), row.finishedAt ?? row.createdAt);
    const following = followedKey(row);
    if (row.status === 'running' && following) {
      const writer = async (): Promise<WriterState> => {
        const now = await this.rows.get(ctx, QueueName.Exports, id);
        if (now.status === 'succeeded')
          return (now.result as { fileKey?: string } | null)?.fileKey === following ? 'done' : 'failed';
        return now.status === 'running' && followedKey(now) === following ? 'writing' : 'failed';
      };
      return file(this.store.follow(following, writer), new Date());
    }
    throw conflict(
      CoreErrorCode.WRONG_STATE,
      `The export is ${row.status}; only a running or succeeded export can be downloaded`,
    );
  }
}

/** How long a download of a queued export waits for the worker to begin it. */
const START_WAIT_MS = 30_000;
const START_POLL_MS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The key of the file a running export is writing (its progress names it once begun). */
const followedKey = (row: { progress: unknown }) => (row.progress as { fileKey?: string } | null)?.fileKey ?? undefined;
