import { FinalJobFailure, qualified, quoteIdent, raw, sql, SqlDatabase } from '@app/core';
import { nextRevision, outputExpression, RecordColumn } from '@app/dataschema';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { FileStore } from '../file-store/file-store';
import { RowPipeline } from '../pipeline/row-pipeline';
import { CopyIn } from './copy-in';
import { constraintCode } from './direct-load';
import { FILE_STORE } from './file-store.provider';
import { writeImportErrors } from './import-error-files';
import { ImportJobData } from './import-export-jobs';
import { ImportFindings } from './import-findings';
import { ImportJobState } from './import-job-state';
import { importBytesTotal, importRowsTotal } from './import-metrics';
import { ByteCounter, decodeStored } from './import-source';
import { importSummary, ImportSummary } from './import-summary';
import { ImportTarget, referenceColumns } from './import-target';
import { missingReferences } from './staged-references';
import { createStaging, dropStaging, stagingColumns, stagingName } from './staging-table';

const PROGRESS_EVERY_MS = 500;

/**
 * One attempt of an upsert import: the good rows are COPYed into an unlogged staging table named
 * after the job, then one transaction locks the table (and the tables it refers to), turns staged
 * rows that refer to missing records into bad rows, and runs `INSERT ... ON CONFLICT (upsertKey)
 * DO UPDATE` with a history revision per record (`create` or `update`, with the state before).
 */
@Injectable()
export class StagedUpsert {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly db: SqlDatabase,
    private readonly state: ImportJobState,
  ) {}

  async run(data: ImportJobData, jobId: string, target: ImportTarget): Promise<ImportSummary> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    const staging = stagingName(target.table.schema, jobId);
    try {
      const { findings, columns } = await this.stage(data, jobId, target, client, staging);
      return await this.load(data, jobId, target, runner, staging, columns, findings);
    } finally {
      await dropStaging(client, staging).catch(() => undefined);
      await runner.release();
    }
  }

  private async stage(
    data: ImportJobData,
    jobId: string,
    target: ImportTarget,
    client: PoolClient,
    staging: string,
  ): Promise<{ findings: ImportFindings; columns: readonly RecordColumn[] }> {
    const pipeline = new RowPipeline({
      table: target.table,
      mapping: data.mapping ?? undefined,
      uniqueKeys: [[data.upsertKey as string]],
      rowNumbers: true,
    });
    const findings = new ImportFindings();
    const counter = new ByteCounter();
    let copy: CopyIn | undefined;
    const open = async () => {
      const columns = { columns: pipeline.copyColumns };
      await createStaging(client, staging, columns);
      return new CopyIn(client, staging, stagingColumns(columns));
    };
    let lastProgress = 0;
    try {
      for await (const items of decodeStored(this.store, data.fileKey, data.format, counter)) {
        findings.read(items);
        const batch = pipeline.processBatch(items);
        findings.add(batch);
        copy ??= await open();
        await copy.write(batch.lines.all());
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          await this.state.report(jobId, data, findings.counts, counter.bytes);
        }
      }
      copy ??= await open();
      await copy.end();
    } catch (error) {
      await copy?.destroy();
      throw error;
    }
    importBytesTotal.inc({ format: data.format }, counter.bytes);
    await this.state.report(jobId, data, findings.counts, data.bytesTotal);
    return { findings, columns: pipeline.copyColumns };
  }

  private async load(
    data: ImportJobData,
    jobId: string,
    target: ImportTarget,
    runner: QueryRunner,
    staging: string,
    columns: readonly RecordColumn[],
    findings: ImportFindings,
  ): Promise<ImportSummary> {
    const { table } = target;
    const { counts, errors } = findings;
    await runner.startTransaction();
    try {
      await this.state.lockRunning(runner, jobId);
      // No other write may slip a clashing row in, nor delete a referenced record, before the commit.
      await runner.query(`LOCK TABLE ${table.qualified} IN SHARE ROW EXCLUSIVE MODE`);
      for (const name of new Set(referenceColumns(target).map((c) => c.references as string)))
        if (name !== table.name)
          await runner.query(`LOCK TABLE ${quoteIdent(table.schema)}.${quoteIdent(name)} IN SHARE MODE`);
      const missing = await missingReferences(runner, staging, table, columns, {
        headers: findings.headers,
        mapping: data.mapping,
        json: data.format === 'json' || data.format === 'ndjson',
      });
      if (missing.length > 0) {
        findings.reject(missing);
        if (data.onError === 'skip')
          await runner.query(`DELETE FROM ${staging} WHERE "_row" = ANY($1::int[])`, [missing.map((m) => m.row)]);
      }
      const files = await writeImportErrors(this.store, findings.headers, errors, findings.badRows);
      importRowsTotal.inc({ format: data.format, outcome: 'rejected' }, counts.rowsInvalid);
      if (data.dryRun || (data.onError === 'abort' && counts.rowsInvalid > 0)) {
        await runner.rollbackTransaction();
        const summary = importSummary(counts, 0, errors.length, data.dryRun, files, null);
        if (data.dryRun) return summary;
        throw new FinalJobFailure(summary.message, summary);
      }
      const stored = await this.upsert(runner, data, target, staging, columns);
      const summary = importSummary(counts, stored, errors.length, false, files, null);
      await this.state.commit(runner, data, jobId, summary);
      return summary;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      if (constraintCode(error) === '23505')
        throw new FinalJobFailure(
          `A row clashes with a stored record: ${(error as Error).message}; nothing was stored`,
        );
      throw error;
    }
  }

  /** The staged rows in file order, inserted or updated by the upsert key, each with its history revision. */
  private async upsert(
    runner: QueryRunner,
    data: ImportJobData,
    target: ImportTarget,
    staging: string,
    columns: readonly RecordColumn[],
  ): Promise<number> {
    const { table } = target;
    const actor = data.actor.userId;
    const key = table.columns.get(data.upsertKey ?? '') as RecordColumn;
    const names = columns.map((c) => c.quoted);
    const list = raw([...names, '"created_by"', '"updated_by"'].join(', '));
    const values = raw(names.map((n) => `s.${n}`).join(', '));
    const updates = raw(
      names
        .filter((n) => n !== key.quoted)
        .map((n) => `${n} = EXCLUDED.${n}, `)
        .join(''),
    );
    const output = raw(table.ordered.map((c) => `${outputExpression(c, `t.${c.quoted}`)} AS ${c.quoted}`).join(', '));
    const [into, from, keyName] = [raw(table.qualified), raw(staging), raw(key.quoted)];
    // every CTE sees the table as it was before the statement: `old` holds the states before the update
    const [{ n }] = await this.db.within(runner.manager).query<{ n: number }>(sql`
      WITH old AS (
             SELECT o."id", to_jsonb(o) AS before FROM (
               SELECT ${output} FROM ${into} t WHERE t.${keyName} IN (SELECT s.${keyName} FROM ${from} s)) o),
           up AS (
             INSERT INTO ${into} AS t (${list})
             SELECT ${values}, ${actor}::uuid, ${actor}::uuid FROM ${from} s ORDER BY s."_row"
             ON CONFLICT (${keyName}) DO UPDATE SET ${updates}"updated_by" = EXCLUDED."updated_by"
             RETURNING ${output}, (t.xmax = 0) AS "_inserted"),
           logged AS (
             INSERT INTO ${qualified(table.schema, '_record_history')}
                    (table_id, record_id, revision, operation, before, after, actor_id, schema_version)
             SELECT ${target.tableId}::text, u."id",
                    CASE WHEN u."_inserted" THEN 1 ELSE ${nextRevision(table.schema, target.tableId, raw('u."id"'))} END,
                    CASE WHEN u."_inserted" THEN 'create' ELSE 'update' END,
                    o.before, to_jsonb(u) - '_inserted', ${actor}::uuid, ${target.version}::int
               FROM up u LEFT JOIN old o ON o."id" = u."id"
             RETURNING 1)
      SELECT count(*)::int AS n FROM logged`);
    return n;
  }
}
