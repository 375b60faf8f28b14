import { AuditService } from '@app/audit';
import { AppException, FinalJobFailure, TenantContext } from '@app/core';
import { SchemaReadService } from '@app/dataschema';
import { MailService } from '@app/notifications';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { writeExport } from '../encode/export-encoders';
import { FileStore } from '../file-store/file-store';
import { FILE_STORE } from './file-store.provider';
import { BinaryCopyCsvQuery } from './binary-copy-csv-query';
import { exportBinarySelect, exportListQuery, exportSelect } from './export-query';
import { ExportJobData } from './import-export-jobs';
import { importMail } from './job-mail';

const FETCH_ROWS = 2000;
const NO_CAP = Number.MAX_SAFE_INTEGER;

/** One attempt of an export: CSV straight from `COPY (SELECT ...) TO STDOUT`, other formats through the encoders. */
@Injectable()
export class ExportRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly schemas: SchemaReadService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async run(data: ExportJobData, jobId: string): Promise<Record<string, unknown>> {
    const ctx: TenantContext = { tenantId: data.tenantId, slug: data.slug, schemaName: data.schemaName, role: null };
    const { definition } = await this.schemas.active(ctx);
    let query;
    try {
      query = exportListQuery(ctx.schemaName, definition, data);
    } catch (error) {
      throw new FinalJobFailure(
        error instanceof AppException || error instanceof Error ? error.message : String(error),
      );
    }
    const own = definition.tables.find((t) => t.name === data.table);
    const enumValues = new Map((own?.columns ?? []).filter((c) => c.values).map((c) => [c.name, c.values ?? []]));
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    let rows = 0;
    let stored;
    try {
      // no parallel plan: its Gather Merge sorts every row before the first is sent, where an index
      // scan in the export's order streams at once (a cursor, the other formats' path, never goes parallel)
      await client.query(
        'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0',
      );
      const out = new PassThrough();
      // the file's key goes into the job row first: a download can follow the file while it is written
      const key = this.store.newKey(data.format);
      await this.dataSource.query(
        `UPDATE jobs SET progress = progress || $2::jsonb, updated_at = now() WHERE id = $1`,
        [jobId, { fileKey: key }],
      );
      const put = this.store.put(out, { key, maxBytes: NO_CAP });
      if (data.format === 'csv') {
        // PostgreSQL sends the values in binary; the worker writes COPY's CSV of the records API's text
        const binary = exportBinarySelect(query, data.neutralize);
        const csv = client.query(
          new BinaryCopyCsvQuery(
            `COPY (${binary.select}) TO STDOUT WITH (FORMAT binary)`,
            query.fields.map((c) => c.name),
            binary.cells,
          ),
        );
        await pipeline(csv, out);
        rows = csv.rows;
      } else {
        const select = exportSelect(query, data.neutralize && data.format === 'xlsx', enumValues);
        await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${select}`);
        const fetchRows = async function* () {
          for (;;) {
            const batch = await client.query(`FETCH ${FETCH_ROWS} FROM export_rows`);
            if (batch.rows.length === 0) return;
            rows += batch.rows.length;
            yield* batch.rows as Record<string, unknown>[];
          }
        };
        // text cells were neutralized in SQL already
        await writeExport(data.format, query.fields, fetchRows(), out, {
          neutralize: false,
          sheetName: data.table.slice(0, 31),
        });
      }
      stored = await put;
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    const summary = { rows, bytes: stored.bytes, fileKey: stored.key, message: `${rows} rows exported` };
    const mail = await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, data.actor, {
        tenantId: data.tenantId,
        action: 'export.end',
        entityType: 'export',
        entityId: jobId,
        details: { table: data.table, format: data.format, rows },
      });
      return data.actor.email
        ? this.mail.stage(manager, importMail(data, 'succeeded', summary.message, 'Export'))
        : undefined;
    });
    if (mail) await this.mail.dispatch(mail);
    return summary;
  }
}
