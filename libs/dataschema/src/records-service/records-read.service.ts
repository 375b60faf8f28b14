import { badRequest, CoreErrorCode, notFound, SqlDatabase, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataschemaErrorCode } from '../dataschema.exception';
import { compileAggregateQuery, parseAggregateQuery } from '../records/aggregate-query';
import { parseListQuery } from '../records/list-query';
import { compileListQuery, countFrom, ListPage, toListPage } from '../records/list-sql';
import { RecordTables } from './record-tables';
import { RecordHistoryRepository, RecordsRepository, StoredRecord, StoredRevision } from './records.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A record id from a path: a UUID (lower case), else a 400 naming `id`. */
export function recordId(text: string): string {
  if (!UUID.test(text))
    throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Invalid record id', [
      { field: 'id', message: 'must be a UUID' },
    ]);
  return text.toLowerCase();
}

/** One list page with what its links need. */
export interface RecordListResult extends ListPage {
  count: number | null;
  /** The offset page, absent for keyset requests. */
  page?: number;
}

/** Reads of records: lists, aggregates, one record, a record's history. */
@Injectable()
export class RecordsReadService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly tables: RecordTables,
    private readonly records: RecordsRepository,
    private readonly history: RecordHistoryRepository,
  ) {}

  async list(ctx: TenantContext, tableName: string, rawQuery: Record<string, unknown>): Promise<RecordListResult> {
    const { table, tables } = await this.tables.active(ctx, tableName);
    const query = parseListQuery(table, rawQuery, tables);
    const compiled = compileListQuery(query);
    const [rows, countRows] = await Promise.all([
      this.db.query(compiled.rows),
      compiled.count ? this.db.query(compiled.count) : Promise.resolve([]),
    ]);
    return {
      ...toListPage(query, rows),
      count: countFrom(query, countRows),
      page: query.keyset ? undefined : query.page,
    };
  }

  async aggregate(ctx: TenantContext, tableName: string, rawQuery: Record<string, unknown>) {
    const { table } = await this.tables.active(ctx, tableName);
    return { results: await this.db.query(compileAggregateQuery(parseAggregateQuery(table, rawQuery))) };
  }

  async get(ctx: TenantContext, tableName: string, id: string): Promise<StoredRecord> {
    const { table } = await this.tables.active(ctx, tableName);
    const record = await this.records.find(this.db, table, recordId(id));
    if (!record) throw recordNotFound(tableName);
    return record;
  }

  /** Revisions oldest first; a record deleted since keeps its history. 404 when it never had one. */
  async revisions(
    ctx: TenantContext,
    tableName: string,
    id: string,
    offset: number,
    limit: number,
  ): Promise<{ count: number; results: StoredRevision[] }> {
    const active = await this.tables.active(ctx, tableName);
    const page = await this.history.page(this.db, active, recordId(id), offset, limit);
    if (page.count === 0) throw recordNotFound(tableName);
    return page;
  }
}

export const recordNotFound = (table: string) =>
  notFound(DataschemaErrorCode.RECORD_NOT_FOUND, `No such record in ${table}`);
