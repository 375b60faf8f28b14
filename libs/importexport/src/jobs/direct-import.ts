import { FinalJobFailure, quoteIdent, SqlDatabase } from '@app/core';
import { BulkIdRange, RecordBatches, RecordColumn, RecordTable } from '@app/dataschema';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { FileStore } from '../file-store/file-store';
import { COPY_NULL } from '../pipeline/copy-text';
import { BufferPool } from '../pipeline/buffer-pool';
import { ProcessedBatch, RowPipeline } from '../pipeline/row-pipeline';
import { uniqueKeysOf } from '../pipeline/unique-keys';
import { CLASH_CODES, constraintCode, DirectLoad } from './direct-load';
import { FILE_STORE } from './file-store.provider';
import { writeImportErrors } from './import-error-files';
import { ImportJobData } from './import-export-jobs';
import { ImportFindings } from './import-findings';
import { ImportJobState } from './import-job-state';
import { importBytesTotal, importRowsTotal } from './import-metrics';
import { ByteCounter, decodeStored } from './import-source';
import { importSummary, ImportSummary } from './import-summary';
import { ImportTarget, LoadClash, referenceColumns } from './import-target';
import { StoredProbes } from './stored-probes';

const PROGRESS_EVERY_MS = 500;
/** Rows checked against stored ones (one query) and loaded (one write) together. */
const GROUP_ROWS = 1024;

/**
 * One attempt of an insert import, loading while it reads: each batch of rows is decoded, validated
 * and checked for duplicates inside the file in Node, checked against stored rows on a second
 * connection (unique keys, references), and COPYed straight into the table inside the load
 * transaction, while Node goes on with the next batch. Nothing is visible before the commit.
 *
 * The records get ids of one `BulkIdRange` (their file row numbers), and one history entry stands
 * for all of them. Without a table lock (`locked` false) a row committed meanwhile may still clash:
 * the COPY then fails and `LoadClash` tells the caller to start again with the lock.
 */
@Injectable()
export class DirectImport {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(FILE_STORE) private readonly store: FileStore,
    private readonly db: SqlDatabase,
    private readonly batches: RecordBatches,
    private readonly state: ImportJobState,
  ) {}

  async run(data: ImportJobData, jobId: string, target: ImportTarget, locked: boolean): Promise<ImportSummary> {
    const { table } = target;
    const probeRunner = this.dataSource.createQueryRunner();
    const loadRunner = data.dryRun ? undefined : this.dataSource.createQueryRunner();
    let load: DirectLoad | undefined;
    try {
      if (loadRunner) load = await DirectLoad.begin(loadRunner, table, locked);
      // a table that holds no rows has nothing to clash with, but a row committed meanwhile
      const stored = await hasRows(load?.runner ?? probeRunner, table.qualified);
      const uniqueKeys = uniqueKeysOf(target.definition);
      // keys of stored rows: remembered up front when few and textual, else looked up batch by batch
      const remembered =
        stored && (await rowsAtMost(probeRunner, table.qualified, REMEMBER_MAX_ROWS))
          ? uniqueKeys.filter((key) => key.every((name) => TEXTUAL.has(table.columns.get(name)?.type ?? '')))
          : [];
      const probed = stored ? uniqueKeys.filter((key) => !remembered.includes(key)) : [];
      const probes = new StoredProbes(probeRunner, table, probed, referenceColumns(target));
      const range = BulkIdRange.create();
      const actor = data.actor.userId ?? COPY_NULL;
      const pipeline = new RowPipeline({
        table,
        mapping: data.mapping ?? undefined,
        uniqueKeys,
        leadingField: (row) => range.idOf(row),
        trailingFields: [actor, actor],
        pool: new BufferPool(),
      });
      for (const key of remembered)
        for await (const slice of storedKeys(probeRunner, table, key)) pipeline.rememberStored(key, slice);
      const findings = new ImportFindings();
      const abort = data.onError === 'abort';
      const doomed = () => abort && findings.counts.rowsInvalid > 0;

      /** Checks a group of batches against stored rows, then loads what passed. */
      const deliver = async (group: ProcessedBatch[]) => {
        const rejected = await probes.check(group, pipeline.copyColumns);
        for (const found of rejected) if (found.size > 0) findings.reject([...found.values()]);
        if (load && !doomed()) {
          load.start(pipeline.copyColumns);
          await load.writeAll(group.map((batch, b) => batch.lines.without(rejected[b])));
          await load.settled();
        }
        for (const batch of group) batch.lines.release();
      };

      const counter = new ByteCounter();
      let inflight: Promise<void> = Promise.resolve();
      let group: ProcessedBatch[] = [];
      let groupRows = 0;
      let lastProgress = 0;
      let reserved = false;
      const flush = async () => {
        await inflight;
        if (load && doomed()) {
          // abort with a bad row: nothing will be stored, so stop loading and only check
          await load.abandon();
          load = undefined;
        }
        // the next batches are decoded while this group is checked and loaded
        inflight = deliver(group);
        inflight.catch(() => undefined);
        group = [];
        groupRows = 0;
      };
      for await (const items of decodeStored(this.store, data.fileKey, data.format, counter)) {
        findings.read(items);
        const batch = pipeline.processBatch(items);
        findings.add(batch);
        group.push(batch);
        groupRows += items.length;
        if (groupRows >= GROUP_ROWS) {
          // once, early: the file's likely row count, from its size and the rows so far
          if (!reserved && counter.bytes > 0) {
            reserved = true;
            pipeline.reserveRows((findings.counts.rowsRead * data.bytesTotal) / counter.bytes);
          }
          await flush();
        }
        if (Date.now() - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = Date.now();
          await this.state.report(jobId, data, findings.counts, counter.bytes);
        }
      }
      await flush();
      await inflight;
      if (load && doomed()) {
        await load.abandon();
        load = undefined;
      }
      if (load) load.start(pipeline.copyColumns);
      importBytesTotal.inc({ format: data.format }, counter.bytes);
      await this.state.report(jobId, data, findings.counts, data.bytesTotal);
      const copied = load ? await load.end() : 0;
      return await this.finish(data, jobId, target, load, findings, { range, copied });
    } catch (error) {
      const code = constraintCode(error);
      if (code !== undefined && CLASH_CODES.has(code)) {
        if (!locked) throw new LoadClash(error);
        throw new FinalJobFailure(
          `A row clashes with a stored record: ${(error as Error).message}; nothing was stored`,
        );
      }
      throw error;
    } finally {
      await load?.abandon();
      await loadRunner?.release();
      await probeRunner.release();
    }
  }

  /** Reports, then commits the rows with their batch, or stores nothing (dry run, abort with bad rows). */
  private async finish(
    data: ImportJobData,
    jobId: string,
    target: ImportTarget,
    load: DirectLoad | undefined,
    findings: ImportFindings,
    loaded: { range: BulkIdRange; copied: number },
  ): Promise<ImportSummary> {
    const { counts, errors } = findings;
    const files = await writeImportErrors(this.store, findings.headers, errors, findings.badRows);
    importRowsTotal.inc({ format: data.format, outcome: 'rejected' }, counts.rowsInvalid);
    if (!load) {
      const summary = importSummary(counts, 0, errors.length, data.dryRun, files, null);
      if (data.dryRun) return summary;
      throw new FinalJobFailure(summary.message, summary);
    }
    const runner: QueryRunner = load.runner;
    await this.state.lockRunning(runner, jobId);
    const stored = loaded.copied;
    const batchId = stored > 0 ? randomUUID() : null;
    if (batchId) {
      const tx = this.db.within(runner.manager);
      await this.batches.created(
        tx,
        { table: target.table, tableId: target.tableId, actorId: data.actor.userId, schemaVersion: target.version },
        { id: batchId, range: loaded.range, rows: stored },
      );
      await runner.query(
        `INSERT INTO ${quoteIdent(target.table.schema)}."_import_batches" (id, job_id, table_id, "rows") VALUES ($1, $2, $3, $4)`,
        [batchId, jobId, target.tableId, stored],
      );
    }
    const summary = importSummary(counts, stored, errors.length, false, files, batchId);
    await this.state.commit(runner, data, jobId, summary);
    return summary;
  }
}

/**
 * Key types whose stored text is the text a row of the file makes for them (compared byte for byte,
 * as PostgreSQL's deterministic collations do): others (numbers, dates) compare as values, in SQL.
 */
const TEXTUAL = new Set(['string', 'text', 'email', 'url', 'enum']);
/** At most this many stored rows have their keys remembered (about 50 bytes a key). */
const REMEMBER_MAX_ROWS = 500_000;

async function rowsAtMost(runner: QueryRunner, qualified: string, max: number): Promise<boolean> {
  const rows: Array<{ n: number }> = await runner.query(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM ${qualified} LIMIT ${max + 1}) x`,
  );
  return rows[0].n <= max;
}

/** The stored values of a key's columns, read in slices through a cursor. */
async function* storedKeys(
  runner: QueryRunner,
  table: RecordTable,
  key: readonly string[],
): AsyncGenerator<unknown[][]> {
  const columns = key.map((name) => (table.columns.get(name) as RecordColumn).quoted);
  await runner.startTransaction();
  try {
    await runner.query(`DECLARE stored_keys NO SCROLL CURSOR FOR SELECT ${columns.join(', ')} FROM ${table.qualified}`);
    for (;;) {
      const rows: Array<Record<string, unknown>> = await runner.query(`FETCH 10000 FROM stored_keys`);
      if (rows.length === 0) break;
      yield rows.map((row) => key.map((name) => row[name]));
    }
  } finally {
    await runner.rollbackTransaction();
  }
}

async function hasRows(runner: QueryRunner, qualified: string): Promise<boolean> {
  const rows: Array<{ found: boolean }> = await runner.query(`SELECT EXISTS (SELECT 1 FROM ${qualified}) AS found`);
  return rows[0].found;
}
