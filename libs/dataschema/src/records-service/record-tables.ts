import { notFound, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataschemaErrorCode } from '../dataschema.exception';
import { SchemaDefinition, TableDefinition } from '../definition/schema-definition';
import { RecordTable, RecordTableCache } from '../records/record-table';
import { SchemaReadService } from '../service/schema-read.service';
import { shown } from '../records/records.errors';

/** A table of the active definition, compiled, with what history and restore need. */
export interface ActiveRecordTable {
  table: RecordTable;
  /** Every table of the same definition (for `expand`). */
  tables: ReadonlyMap<string, RecordTable>;
  definition: TableDefinition;
  /** The whole active definition (error messages name referencing tables from it). */
  schema: SchemaDefinition;
  /** The stable id (`t_...`) history rows are keyed by, so they survive a rename of the table. */
  tableId: string;
  /** The version the table was compiled from; every revision carries it. */
  schemaVersion: number;
}

/**
 * Tables of a tenant's active definition, compiled once per version: a request costs the cached
 * definition's stamp check and a map lookup, never a metadata query.
 */
@Injectable()
export class RecordTables {
  private readonly compiled = new RecordTableCache();

  constructor(private readonly schemas: SchemaReadService) {}

  async active(ctx: TenantContext, name: string): Promise<ActiveRecordTable> {
    const { version, definition } = await this.schemas.active(ctx);
    const tables = this.compiled.tables(ctx.tenantId, ctx.schemaName, version, definition);
    const table = tables.get(name);
    const own = definition.tables.find((t) => t.name === name);
    if (!table || !own?.id) throw notFound(DataschemaErrorCode.TABLE_NOT_FOUND, `Table ${shown(name)} does not exist`);
    return { table, tables, definition: own, schema: definition, tableId: own.id, schemaVersion: version };
  }
}
