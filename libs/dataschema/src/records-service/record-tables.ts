import { notFound, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataschemaErrorCode } from '../dataschema.exception';
import { SchemaDefinition, TableDefinition } from '../definition/schema-definition';
import { RecordTable, RecordTableCache } from '../records/record-table';
import { SchemaReadService } from '../service/schema-read.service';
import { shown } from '../records/records.errors';

/** A table of the active definition, compiled, with what history and restore need; shared by every request. */
export interface ActiveRecordTable {
  readonly table: RecordTable;
  /** Every table of the same definition (for `expand`). */
  readonly tables: ReadonlyMap<string, RecordTable>;
  readonly definition: TableDefinition;
  /** The whole active definition (error messages name referencing tables from it). */
  readonly schema: SchemaDefinition;
  /** The stable id (`t_...`) history rows are keyed by, so they survive a rename of the table. */
  readonly tableId: string;
  /** The version the table was compiled from; every revision carries it. */
  readonly schemaVersion: number;
}

/**
 * Tables of a tenant's active definition, compiled once per version: a request costs the cached
 * definition's stamp check and two map lookups, never a metadata query.
 */
@Injectable()
export class RecordTables {
  private readonly compiled = new RecordTableCache();
  /** Per compiled version, its tables as `active` answers them, made on each one's first read. */
  private readonly answers = new WeakMap<ReadonlyMap<string, RecordTable>, Map<string, ActiveRecordTable>>();

  constructor(private readonly schemas: SchemaReadService) {}

  async active(ctx: TenantContext, name: string): Promise<ActiveRecordTable> {
    const { version, definition } = await this.schemas.active(ctx);
    const tables = this.compiled.tables(ctx.tenantId, ctx.schemaName, version, definition);
    let answers = this.answers.get(tables);
    if (!answers) this.answers.set(tables, (answers = new Map()));
    let answer = answers.get(name);
    if (!answer) {
      const table = tables.get(name);
      const own = definition.tables.find((t) => t.name === name);
      if (!table || !own?.id)
        throw notFound(DataschemaErrorCode.TABLE_NOT_FOUND, `Table ${shown(name)} does not exist`);
      // Only tables that exist: names from URLs never grow the map.
      answer = { table, tables, definition: own, schema: definition, tableId: own.id, schemaVersion: version };
      answers.set(name, answer);
    }
    return answer;
  }
}
