import { AuditService } from '@app/audit';
import { AppException, FinalJobFailure, JobsService, TenantContext } from '@app/core';
import { compileRecordTable, RecordColumn, RecordTable, SchemaReadService, TableDefinition } from '@app/dataschema';
import { MailService } from '@app/notifications';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { FileStore } from '../file-store/file-store';
import { BadRow, RowError, RowPipeline } from '../pipeline/row-pipeline';
import { uniqueKeysOf } from '../pipeline/unique-keys';
import { FILE_STORE } from './file-store.provider';
import { ImportJobData, MAX_STORED_ERRORS } from './import-export-jobs';
import { importBytesTotal, importRowsTotal } from './import-metrics';
import { ImportErrorFiles, writeImportErrors } from './import-error-files';
import { importMail } from './job-mail';
import { ByteCounter, decodeStored } from './import-source';
import { createStaging, dropStaging, StagingCopy, stagingName } from './staging-table';
import { storedConflicts } from './stored-conflicts';

/** What an import job answers (its row's `result`, and `progress.summary` once committed). */
export interface ImportSummary extends Record<string, unknown> {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
  rowsStored: number;
  errorsStored: number;
  dryRun: boolean;
  message: string;
  errorsKey: string | null;
  badRowsKey: string | null;
  batchId: string | null;
}

/** The job was cancelled while it ran: nothing is stored and the row keeps its status. */
export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled');
  }
}

const PROGRESS_EVERY_MS = 500;

interface Counts {
  rowsRead: number;
  rowsValid: number;
  rowsInvalid: number;
}

/**
 * One attempt of an import: decode, validate and COPY the good rows into a staging table, then one
 * transaction checks them against stored rows and moves them into the table (or stores nothing).
 */
@Injectable()
export class ImportRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly jobs: JobsService,
    private readonly schemas: SchemaReadService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  async run(data: ImportJobData, jobId: string): Promise<ImportSummary> {
    const committed = await this.committedSummary(jobId);
    if (committed) return committed; // an earlier attempt committed and then died
    const ctx: TenantContext = { tenantId: data.tenantId, slug: data.slug, schemaName: data.schemaName, role: null };
    const active = await this.schemas.active(ctx);
    const definition = active.definition.tables.find((t) => t.name === data.table);
    if (!definition) throw new FinalJobFailure(`The table "${data.table}" does not exist (any more)`);
    const table = compileRecordTable(ctx.schemaName, definition);
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const staging = stagingName(ctx.schemaName, jobId);
    try {
      return await this.attempt(data, jobId, { table, definition, version: active.version }, runner, client, staging);
    } catch (error) {
      if (error instanceof AppException) throw new FinalJobFailure(error.message, this.failedSummary(error.message));
      throw error;
    } finally {
      await dropStaging(client, staging).catch(() => undefined);
      await runner.release();
    }
  }

  private async attempt(
    data: ImportJobData,
    jobId: string,
    target: { table: RecordTable; definition: TableDefinition; version: number },
    runner: QueryRunner,
    client: PoolClient,
    staging: string,
  ): Promise<ImportSummary> {
    const { table } = target;
    const uniqueKeys = data.mode === 'upsert' && data.upsertKey ? [[data.upsertKey]] : uniqueKeysOf(target.definition);
    const pipeline = new RowPipeline({ table, mapping: data.mapping ?? undefined, uniqueKeys, rowNumbers: true });
    const counter = new ByteCounter();
    const counts: Counts = { rowsRead: 0, rowsValid: 0, rowsInvalid: 0 };
    const errors: RowError[] = [];
    const badRows: BadRow[] = [];
    let headers: string[] | null = null;
    let copy: StagingCopy | undefined;
    let lastProgress = 0;
    try {
      for await (const batch of decodeStored(this.store, data.fileKey, data.format, counter)) {
        const header = batch.find((item) => item.kind === 'header');
        if (header && header.kind === 'header') headers = [...header.names];
        const processed = pipeline.processBatch(batch);
        if (!copy) {
          await createStaging(client, staging, { columns: pipeline.copyColumns });
          copy = new StagingCopy(client, staging, { columns: pipeline.copyColumns });
        }
        await copy.write(processed.copyText);
        counts.rowsValid += processed.goodRows;
        counts.rowsInvalid += processed.badRows.length;
        counts.rowsRead += processed.goodRows + processed.badRows.length;
        keepBadRows(processed.badRows, errors, badRows);
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          await this.report(jobId, data, counts, counter.bytes);
        }
      }
      if (!copy) {
        await createStaging(client, staging, { columns: pipeline.copyColumns });
        copy = new StagingCopy(client, staging, { columns: pipeline.copyColumns });
      }
      await copy.end();
    } catch (error) {
      copy?.destroy();
      throw error;
    }
    importBytesTotal.inc({ format: data.format }, counter.bytes);
    await this.report(jobId, data, counts, data.bytesTotal);
    return this.load(data, jobId, target, runner, staging, pipeline.copyColumns, {
      counts,
      errors,
      badRows,
      headers: headers ?? ['record'],
    });
  }

  /** The one transaction: stored-row conflicts, then the rows, batch, history, audit, mail and job state. */
  private async load(
    data: ImportJobData,
    jobId: string,
    target: { table: RecordTable; definition: TableDefinition; version: number },
    runner: QueryRunner,
    staging: string,
    columns: readonly RecordColumn[],
    found: { counts: Counts; errors: RowError[]; badRows: BadRow[]; headers: string[] },
  ): Promise<ImportSummary> {
    const { table } = target;
    const { counts, errors, badRows } = found;
    await runner.startTransaction();
    try {
      const status: Array<{ status: string }> = await runner.query(`SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, [
        jobId,
      ]);
      if (status[0]?.status !== 'running') throw new ImportCancelled();
      // No other write may slip a clashing row in between the check and the insert.
      await runner.query(`LOCK TABLE ${table.qualified} IN SHARE ROW EXCLUSIVE MODE`);
      if (data.mode === 'insert') {
        const clashes = await storedConflicts(runner, staging, table, columns, uniqueKeysOf(target.definition), {
          headers: found.headers,
          mapping: data.mapping,
          json: data.format === 'json' || data.format === 'ndjson',
        });
        if (clashes.length > 0) {
          counts.rowsValid -= clashes.length;
          counts.rowsInvalid += clashes.length;
          keepBadRows(clashes, errors, badRows);
          if (data.onError === 'skip')
            await runner.query(`DELETE FROM ${staging} WHERE "_row" = ANY($1::int[])`, [clashes.map((c) => c.row)]);
        }
      }
      const files = await writeImportErrors(this.store, found.headers, errors, badRows);
      const rejected = counts.rowsInvalid;
      importRowsTotal.inc({ format: data.format, outcome: 'rejected' }, rejected);
      if (data.dryRun || (data.onError === 'abort' && rejected > 0)) {
        await runner.rollbackTransaction();
        const summary = this.summary(counts, 0, errors.length, data.dryRun, files, null);
        if (data.dryRun) return summary;
        throw new FinalJobFailure(summary.message, summary);
      }
      const batchId = data.mode === 'insert' ? randomUUID() : null;
      const stored = await this.insert(runner, data, jobId, target, staging, columns, batchId);
      const summary = this.summary(counts, stored, errors.length, false, files, batchId);
      const manager = runner.manager;
      await this.audit.record(manager, data.actor, {
        tenantId: data.tenantId,
        action: 'import.end',
        entityType: 'import',
        entityId: jobId,
        details: { table: data.table, mode: data.mode, outcome: 'succeeded', ...countsOf(summary) },
      });
      await runner.query(`UPDATE jobs SET progress = progress || $2::jsonb, updated_at = now() WHERE id = $1`, [
        jobId,
        { phase: 'committed', summary },
      ]);
      const mail = data.actor.email
        ? await this.mail.stage(manager, importMail(data, 'succeeded', summary.message))
        : undefined;
      await runner.commitTransaction();
      importRowsTotal.inc({ format: data.format, outcome: 'imported' }, stored);
      if (mail) await this.mail.dispatch(mail);
      return summary;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (isUniqueViolation(error))
        throw new FinalJobFailure(
          `A row clashes with a stored record: ${(error as Error).message}; nothing was stored`,
        );
      throw error;
    }
  }

  private async insert(
    runner: QueryRunner,
    data: ImportJobData,
    jobId: string,
    target: { table: RecordTable; definition: TableDefinition; version: number },
    staging: string,
    columns: readonly RecordColumn[],
    batchId: string | null,
  ): Promise<number> {
    const { table } = target;
    const names = columns.map((c) => c.quoted);
    const list = [...names, '"created_by"', '"updated_by"'].join(', ');
    const select = `SELECT ${[...names.map((n) => `s.${n}`), '$1::uuid', '$1::uuid'].join(', ')} FROM ${staging} s ORDER BY s."_row"`;
    const actorId = data.actor.userId;
    if (data.mode === 'upsert') {
      const key = table.columns.get(data.upsertKey ?? '') as RecordColumn;
      const updates = [
        ...names.filter((n) => n !== key.quoted).map((n) => `${n} = EXCLUDED.${n}`),
        '"updated_by" = $1',
      ];
      const rows: unknown[] = await runner.query(
        `WITH done AS (INSERT INTO ${table.qualified} (${list}) ${select}
           ON CONFLICT (${key.quoted}) DO UPDATE SET ${updates.join(', ')} RETURNING 1) SELECT count(*)::int AS n FROM done`,
        [actorId],
      );
      return (rows[0] as { n: number }).n;
    }
    const history = `${table.qualified.split('.')[0]}."_record_history"`;
    const rows: Array<{ n: number }> = await runner.query(
      `WITH added AS (INSERT INTO ${table.qualified} (${list}) ${select} RETURNING *),
            logged AS (INSERT INTO ${history} (table_id, record_id, revision, operation, after, actor_id, schema_version, batch_id)
                       SELECT $2, a."id", 1, 'create', to_jsonb(a), $1::uuid, $3, $4 FROM added a RETURNING 1)
       SELECT count(*)::int AS n FROM logged`,
      [actorId, target.definition.id ?? target.definition.name, target.version, batchId],
    );
    const stored = rows[0].n;
    await runner.query(
      `INSERT INTO ${table.qualified.split('.')[0]}."_import_batches" (id, job_id, table_id, "rows") VALUES ($1, $2, $3, $4)`,
      [batchId, jobId, target.definition.id ?? target.definition.name, stored],
    );
    return stored;
  }

  private summary(
    counts: Counts,
    stored: number,
    errorsStored: number,
    dryRun: boolean,
    files: ImportErrorFiles,
    batchId: string | null,
  ): ImportSummary {
    const bad = counts.rowsInvalid;
    const message = dryRun
      ? `Dry run: ${counts.rowsValid} of ${counts.rowsRead} rows are valid, ${bad} are not; nothing was stored`
      : stored === 0 && bad > 0
        ? `${bad} of ${counts.rowsRead} rows are bad; nothing was stored`
        : `${stored} rows stored, ${bad} bad rows skipped`;
    return { ...counts, rowsStored: stored, errorsStored, dryRun, message, ...files, batchId };
  }

  private failedSummary(message: string): ImportSummary {
    return {
      rowsRead: 0,
      rowsValid: 0,
      rowsInvalid: 0,
      rowsStored: 0,
      errorsStored: 0,
      dryRun: false,
      message: `${message}; nothing was stored`,
      errorsKey: null,
      badRowsKey: null,
      batchId: null,
    };
  }

  /** Writes the progress and stops the attempt when the job was cancelled meanwhile. */
  private async report(jobId: string, data: ImportJobData, counts: Counts, bytesRead: number): Promise<void> {
    const total = data.bytesTotal;
    const percent = total > 0 ? Math.min(100, Math.floor((bytesRead / total) * 100)) : 100;
    const rows: Array<{ status: string }> = await this.dataSource.query(
      `WITH u AS (UPDATE jobs SET progress = $2, updated_at = now() WHERE id = $1 RETURNING status) SELECT status FROM u`,
      [jobId, { ...counts, bytesRead, bytesTotal: total, percent }],
    );
    if (rows[0]?.status !== 'running') throw new ImportCancelled();
  }

  private async committedSummary(jobId: string): Promise<ImportSummary | undefined> {
    const row = await this.jobs.findById(jobId);
    const progress = row?.progress as { phase?: string; summary?: ImportSummary } | undefined;
    return progress?.phase === 'committed' ? progress.summary : undefined;
  }
}

function keepBadRows(rows: BadRow[], errors: RowError[], badRows: BadRow[]): void {
  for (const row of rows) {
    if (badRows.length < MAX_STORED_ERRORS) badRows.push(row);
    for (const error of row.errors) if (errors.length < MAX_STORED_ERRORS) errors.push(error);
  }
}

const countsOf = (s: ImportSummary) => ({
  rowsRead: s.rowsRead,
  rowsValid: s.rowsValid,
  rowsInvalid: s.rowsInvalid,
  rowsStored: s.rowsStored,
});

function isUniqueViolation(error: unknown): boolean {
  return (
    (error as { code?: string; driverError?: { code?: string } })?.driverError?.code === '23505' ||
    (error as { code?: string })?.code === '23505'
  );
}
