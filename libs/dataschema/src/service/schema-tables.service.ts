import { notFound, RequestActor, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { DataschemaErrorCode } from '../dataschema.exception';
import { ColumnDefinition, IndexDefinition, SchemaDefinition, TableDefinition } from '../definition/schema-definition';
import { StoredVersion } from '../versions/schema-version';
import { ChangeBase, SchemaChangeService } from './schema-change.service';
import { SchemaReadService } from './schema-read.service';

/** What every step-by-step change may carry besides its own fields. */
export interface StepOptions {
  message?: string;
  expectedVersion?: number;
}

type Patch = Record<string, unknown>;

function tableIndex(definition: SchemaDefinition, name: string): number {
  const index = definition.tables.findIndex((t) => t.name === name);
  if (index < 0) throw notFound(DataschemaErrorCode.TABLE_NOT_FOUND, `Table ${name} does not exist`);
  return index;
}

function columnIndex(table: TableDefinition, name: string): number {
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0) throw notFound(DataschemaErrorCode.COLUMN_NOT_FOUND, `Column ${name} of ${table.name} does not exist`);
  return index;
}

/** Applies `patch` to `target`: a key set to null removes the option. */
function merged<T extends object>(target: T, patch: Patch): T {
  const result: Record<string, unknown> = { ...(target as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else if (value !== undefined) result[key] = value;
  }
  return result as T;
}

/** A validator path inside one table (or one column) of the whole definition, made relative to it. */
const relativeTo = (prefix: string) => (path: string) =>
  path.startsWith(`${prefix}.`) ? path.slice(prefix.length + 1) : path;

/**
 * Tables and columns one at a time: each change edits the current definition (read under the
 * tenant's lock) and goes through the same validator, planner and runner as a whole-document PUT.
 */
@Injectable()
export class SchemaTablesService {
  constructor(
    private readonly changes: SchemaChangeService,
    private readonly reader: SchemaReadService,
  ) {}

  async list(ctx: TenantContext): Promise<TableDefinition[]> {
    return (await this.reader.active(ctx)).definition.tables;
  }

  async get(ctx: TenantContext, name: string): Promise<TableDefinition> {
    const { definition } = await this.reader.active(ctx);
    return definition.tables[tableIndex(definition, name)];
  }

  createTable(ctx: TenantContext, actor: RequestActor, table: Patch, options: StepOptions): Promise<StoredVersion> {
    return this.edit(ctx, actor, options, ({ definition }) => {
      const tables = [...definition.tables, table as unknown as TableDefinition];
      return { definition: { tables }, prefix: `tables[${tables.length - 1}]` };
    });
  }

  updateTable(ctx: TenantContext, actor: RequestActor, name: string, patch: Patch, options: StepOptions) {
    return this.edit(ctx, actor, options, ({ definition }) => {
      const i = tableIndex(definition, name);
      const renamed = typeof patch.name === 'string' ? patch.name : name;
      // References name their table: a rename carries them along.
      const tables = definition.tables
        .map((t, j) => (j === i ? merged(t, patch) : t))
        .map((t) => ({
          ...t,
          columns: t.columns.map((c) => (c.references === name ? { ...c, references: renamed } : c)),
        }));
      return { definition: { tables }, prefix: `tables[${i}]` };
    });
  }

  dropTable(ctx: TenantContext, actor: RequestActor, name: string, options: StepOptions) {
    return this.edit(ctx, actor, options, ({ definition }) => {
      const i = tableIndex(definition, name);
      return { definition: { tables: definition.tables.filter((_, j) => j !== i) }, prefix: 'tables' };
    });
  }

  addColumn(ctx: TenantContext, actor: RequestActor, tableName: string, column: Patch, options: StepOptions) {
    return this.editTable(ctx, actor, tableName, options, (table) => ({
      columns: [...table.columns, column as unknown as ColumnDefinition],
      column: table.columns.length,
    }));
  }

  updateColumn(
    ctx: TenantContext,
    actor: RequestActor,
    tableName: string,
    name: string,
    patch: Patch,
    options: StepOptions,
  ) {
    return this.editTable(ctx, actor, tableName, options, (table) => {
      const i = columnIndex(table, name);
      const renamed = typeof patch.name === 'string' ? patch.name : name;
      // Indexes name their columns: a rename carries them along.
      const indexes = table.indexes?.map((ix) => ({
        ...ix,
        columns: ix.columns.map((c) => (c === name ? renamed : c)),
      }));
      return { columns: table.columns.map((c, j) => (j === i ? merged(c, patch) : c)), indexes, column: i };
    });
  }

  dropColumn(ctx: TenantContext, actor: RequestActor, tableName: string, name: string, options: StepOptions) {
    return this.editTable(ctx, actor, tableName, options, (table) => {
      const i = columnIndex(table, name);
      // An index on a dropped column goes with it.
      const indexes = table.indexes?.filter((ix) => !ix.columns.includes(name));
      return { columns: table.columns.filter((_, j) => j !== i), indexes };
    });
  }

  private editTable(
    ctx: TenantContext,
    actor: RequestActor,
    tableName: string,
    options: StepOptions,
    change: (table: TableDefinition) => { columns: ColumnDefinition[]; indexes?: IndexDefinition[]; column?: number },
  ) {
    return this.edit(ctx, actor, options, ({ definition }) => {
      const i = tableIndex(definition, tableName);
      const { columns, indexes, column } = change(definition.tables[i]);
      const tables = definition.tables.map((t, j) =>
        j === i ? { ...t, columns, ...(indexes !== undefined && { indexes }) } : t,
      );
      return {
        definition: { tables },
        prefix: column === undefined ? `tables[${i}]` : `tables[${i}].columns[${column}]`,
      };
    });
  }

  private edit(
    ctx: TenantContext,
    actor: RequestActor,
    options: StepOptions,
    change: (base: ChangeBase) => { definition: SchemaDefinition; prefix: string },
  ): Promise<StoredVersion> {
    let prefix = '';
    return this.changes.apply(ctx, actor, {
      next: (base) => {
        const result = change(base);
        prefix = result.prefix;
        return result.definition;
      },
      field: (path) => relativeTo(prefix)(path),
      expectedVersion: options.expectedVersion,
      message: options.message,
    });
  }
}
