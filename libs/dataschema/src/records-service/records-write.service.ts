import { AuditEntryInput, AuditService } from '@app/audit';
import {
  ErrorDetail,
  notFound,
  PlainTransaction,
  RequestActor,
  SqlDatabase,
  SqlTransaction,
  TenantContext,
  unprocessable,
} from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataschemaErrorCode } from '../dataschema.exception';
import { SchemaDefinition } from '../definition/schema-definition';
import { assertValidRecord, RecordWriteMode, validateRecord } from '../records/record-validator';
import { validationFailed } from '../records/records.errors';
import { SchemaReadService } from '../service/schema-read.service';
import { ActiveRecordTable, RecordTables } from './record-tables';
import { recordWriteError } from './record-write-errors';
import { recordId, recordNotFound } from './records-read.service';
import {
  RecordHistoryRepository,
  RecordOperation,
  RecordRow,
  RecordsRepository,
  RevisionInput,
  StoredRecord,
} from './records.repository';
import { carryRevisionState } from './revision-state';

/** Most records one POST may create (API.md). */
export const MAX_BULK_RECORDS = 1000;

/** What a restore answers. */
export interface RestoreResult {
  record: StoredRecord;
  droppedColumns: string[];
}

/** Columns whose value differs between two states of a record (the definition's columns only). */
function changedColumns(active: ActiveRecordTable, before: StoredRecord | null, after: StoredRecord | null): string[] {
  return active.table.writable
    .map((c) => c.name)
    .filter((name) => JSON.stringify(before?.[name] ?? null) !== JSON.stringify(after?.[name] ?? null));
}

/**
 * Every record write: validated against the active definition, then the change, its revision in
 * `_record_history` and its audit entry in one transaction.
 */
@Injectable()
export class RecordsWriteService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly tables: RecordTables,
    private readonly schemas: SchemaReadService,
    private readonly records: RecordsRepository,
    private readonly history: RecordHistoryRepository,
    private readonly audit: AuditService,
  ) {}

  /** One record (an object) or up to 1000 (an array, all or none). */
  async create(
    ctx: TenantContext,
    actor: RequestActor,
    tableName: string,
    body: unknown,
  ): Promise<StoredRecord | StoredRecord[]> {
    const active = await this.tables.active(ctx, tableName);
    if (!Array.isArray(body))
      return this.createOne(ctx, actor, active, assertValidRecord(active.table, body, 'create'));
    if (body.length === 0 || body.length > MAX_BULK_RECORDS)
      throw validationFailed('Invalid records', [
        { field: 'body', message: `must hold from 1 to ${MAX_BULK_RECORDS} records` },
      ]);
    const rows: RecordRow[] = [];
    const errors: ErrorDetail[] = [];
    body.forEach((input, i) => {
      const result = validateRecord(active.table, input, 'create');
      if (result.ok) rows.push(result.row);
      else errors.push(...result.errors.map((e) => ({ field: `${i}.${e.field}`, message: e.message })));
    });
    if (errors.length > 0) throw validationFailed(`Invalid records for ${active.table.name}`, errors);
    return this.createRows(ctx, actor, active, rows);
  }

  /** PUT (`replace`: left-out columns reset to their defaults) or PATCH (`patch`: only what is given). */
  async update(
    ctx: TenantContext,
    actor: RequestActor,
    tableName: string,
    id: string,
    body: unknown,
    mode: Extract<RecordWriteMode, 'replace' | 'patch'>,
  ): Promise<StoredRecord> {
    const active = await this.tables.active(ctx, tableName);
    const key = recordId(id);
    const row = assertValidRecord(active.table, body, mode);
    return this.write(active, async (tx) => {
      const before = await this.records.find(tx, active.table, key, true);
      if (!before) throw recordNotFound(active.table.name);
      const after = (await this.records.update(tx, active.table, key, row, actor.userId))!;
      await this.trace(tx, ctx, actor, active, 'update', [{ recordId: key, operation: 'update', before, after }]);
      return after;
    });
  }

  async remove(ctx: TenantContext, actor: RequestActor, tableName: string, id: string): Promise<void> {
    const active = await this.tables.active(ctx, tableName);
    const key = recordId(id);
    await this.write(active, async (tx) => {
      const before = await this.records.delete(tx, active.table, key);
      if (!before) throw recordNotFound(active.table.name);
      await this.trace(tx, ctx, actor, active, 'delete', [{ recordId: key, operation: 'delete', before, after: null }]);
    });
  }

  /**
   * Puts a record back as it was at `revision` (its state after that revision; for a delete, the
   * state it deleted), as a new revision. Deleted records come back under their id. Columns are
   * followed by id from the definition the revision was written under to today's; the names of
   * those that no longer exist are reported.
   */
  async restore(
    ctx: TenantContext,
    actor: RequestActor,
    tableName: string,
    id: string,
    revision: number,
  ): Promise<RestoreResult> {
    const active = await this.tables.active(ctx, tableName);
    const key = recordId(id);
    const old = await this.history.find(this.db, active, key, revision);
    if (!old) throw notFound(DataschemaErrorCode.REVISION_NOT_FOUND, `Record ${key} has no revision ${revision}`);
    const state = old.after ?? old.before ?? {};
    const then = await this.definitionAt(ctx, old.schemaVersion, active);
    const carried = carryRevisionState(
      state,
      then?.tables.find((t) => t.id === active.tableId),
      active.definition,
    );
    const checked = validateRecord(active.table, carried.values, 'replace');
    if (!checked.ok)
      throw unprocessable(
        DataschemaErrorCode.RESTORE_REFUSED,
        `Revision ${revision} no longer fits ${active.table.name}`,
        checked.errors,
      );
    const record = await this.write(active, async (tx) => {
      const before = (await this.records.find(tx, active.table, key, true)) ?? null;
      const after = before
        ? (await this.records.update(tx, active.table, key, checked.row, actor.userId))!
        : await this.records.insertWithId(
            tx,
            active.table,
            { id: key, createdAt: state.created_at, createdBy: state.created_by },
            checked.row,
            actor.userId,
          );
      await this.trace(tx, ctx, actor, active, 'restore', [{ recordId: key, operation: 'restore', before, after }], {
        restoredRevision: revision,
        droppedColumns: carried.droppedColumns,
      });
      return after;
    });
    return { record, droppedColumns: carried.droppedColumns };
  }

  private async definitionAt(
    ctx: TenantContext,
    version: number | null,
    active: ActiveRecordTable,
  ): Promise<SchemaDefinition | undefined> {
    if (version === null) return undefined;
    if (version === active.schemaVersion) return { tables: [active.definition] };
    return this.schemas.definitionAt(ctx, version);
  }

  /** One validated row: the record and its revision in one statement, then its audit entry. */
  private createOne(
    ctx: TenantContext,
    actor: RequestActor,
    active: ActiveRecordTable,
    row: RecordRow,
  ): Promise<StoredRecord> {
    // Without TypeORM's query runner: nothing here needs an entity manager.
    return this.writePlain(active, async (tx) => {
      const { record, revision } = await this.records.insertWithRevision(tx, {
        table: active.table,
        tableId: active.tableId,
        actorId: actor.userId,
        schemaVersion: active.schemaVersion,
        row,
      });
      const revisions: RevisionInput[] = [
        { recordId: record.id as string, operation: 'create', before: null, after: record },
      ];
      this.audit.recordIn(tx, actor, this.auditEntry(ctx, active, 'create', revisions, [revision]));
      return record;
    });
  }

  /** Inserts validated rows, grouped by the columns they name (one statement per group), in input order. */
  private createRows(
    ctx: TenantContext,
    actor: RequestActor,
    active: ActiveRecordTable,
    rows: RecordRow[],
  ): Promise<StoredRecord[]> {
    const groups = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const key = Object.keys(row).sort().join(',');
      groups.set(key, [...(groups.get(key) ?? []), i]);
    });
    return this.write(active, async (tx) => {
      const stored: StoredRecord[] = new Array(rows.length);
      for (const [key, indexes] of groups) {
        const columns = key === '' ? [] : key.split(',');
        const inserted = await this.records.insertSameColumns(
          tx,
          active.table,
          columns,
          indexes.map((i) => rows[i]),
          actor.userId,
        );
        inserted.forEach((record, j) => (stored[indexes[j]] = record));
      }
      const revisions = stored.map((after): RevisionInput => ({
        recordId: after.id as string,
        operation: 'create',
        before: null,
        after,
      }));
      await this.trace(tx, ctx, actor, active, 'create', revisions);
      return stored;
    });
  }

  /** Runs a write in one transaction and maps what PostgreSQL refuses to the contract's errors. */
  private async write<T>(active: ActiveRecordTable, fn: (tx: SqlTransaction) => Promise<T>) {
    try {
      return await this.db.transaction(fn);
    } catch (error) {
      throw recordWriteError(error, active.schema, active.definition) ?? error;
    }
  }

  /** `write` in a transaction without TypeORM (`SqlDatabase.plainTransaction`). */
  private async writePlain<T>(active: ActiveRecordTable, fn: (tx: PlainTransaction) => Promise<T>) {
    try {
      return await this.db.plainTransaction(fn);
    } catch (error) {
      throw recordWriteError(error, active.schema, active.definition) ?? error;
    }
  }

  /** The revisions and the audit entry of a change, in its transaction. */
  private async trace(
    tx: SqlTransaction,
    ctx: TenantContext,
    actor: RequestActor,
    active: ActiveRecordTable,
    operation: RecordOperation,
    revisions: RevisionInput[],
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    const numbers = await this.history.append(
      tx,
      ctx.schemaName,
      { tableId: active.tableId, actorId: actor.userId, schemaVersion: active.schemaVersion },
      revisions,
    );
    await this.audit.record(tx.manager, actor, this.auditEntry(ctx, active, operation, revisions, numbers, extra));
  }

  /**
   * The audit entry of revisions already appended (their numbers in `numbers`). One record: one
   * entry naming it and its changed columns. Several (a bulk create): one entry listing every id
   * and the columns they set, so a 1000-record create costs one link of the audit chain.
   */
  private auditEntry(
    ctx: TenantContext,
    active: ActiveRecordTable,
    operation: RecordOperation,
    revisions: RevisionInput[],
    numbers: number[],
    extra: Record<string, unknown> = {},
  ): AuditEntryInput {
    const table = { table: active.table.name, tableId: active.tableId, schemaVersion: active.schemaVersion };
    if (revisions.length === 1) {
      const [only] = revisions;
      return {
        tenantId: ctx.tenantId,
        action: `record.${operation}`,
        entityType: 'record',
        entityId: only.recordId,
        details: {
          ...table,
          revision: numbers[0],
          columns: changedColumns(active, only.before, only.after),
          ...extra,
        },
      };
    }
    const columns = new Set(revisions.flatMap((r) => changedColumns(active, r.before, r.after)));
    return {
      tenantId: ctx.tenantId,
      action: `record.${operation}`,
      entityType: 'record',
      entityId: null,
      details: {
        ...table,
        count: revisions.length,
        ids: revisions.map((r) => r.recordId),
        columns: [...columns],
        ...extra,
      },
    };
  }
}
