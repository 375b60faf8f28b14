import { prepared, quoteIdent, SqlQuery } from '@app/core';
import { ColumnDefinition, ColumnType, SchemaDefinition, TableDefinition } from '../definition/schema-definition';
import { sqlType } from '../sql/column-sql-type';
import { Coercer, coercerFor, Invalid } from './column-coercion';

/** One column of a compiled table, with everything the validator and the query compiler need. */
export interface RecordColumn {
  name: string;
  type: ColumnType;
  /** The column's identifier, quoted. */
  quoted: string;
  /** Its PostgreSQL type, for casts of array parameters. */
  sqlType: string;
  /** `id`, `created_at`, `updated_at`, `created_by`, `updated_by`: read-only through the API. */
  system: boolean;
  /** NOT NULL in the database (required user columns, `id`, `created_at`, `updated_at`). */
  notNull: boolean;
  /** Must be given on create: required and no default. */
  requiredOnCreate: boolean;
  /** What a PUT stores when the column is left out: the coerced default, else null. */
  replaceValue: unknown;
  /** A text column that `search` and the text operators look at. */
  text: boolean;
  /** Can be sorted and compared with lt/gt (everything but json). */
  ordered: boolean;
  /** The referenced table, for `reference` columns. */
  references?: string;
  /** Strict coercion of record values. */
  coerce: Coercer;
  /** Type-only coercion of filter and cursor values. */
  coerceFilter: Coercer;
}

export interface RecordTable {
  schema: string;
  name: string;
  /** `"schema"."table"`. */
  qualified: string;
  /** Every column by name, system columns included. */
  columns: ReadonlyMap<string, RecordColumn>;
  /** Every column in output order: id, the definition's columns, then the other system columns. */
  ordered: readonly RecordColumn[];
  /** Columns a record may set. */
  writable: readonly RecordColumn[];
  /** Columns a create must name. */
  requiredOnCreate: readonly RecordColumn[];
  /** Columns `search` matches. */
  searchable: readonly RecordColumn[];
  /**
   * Set when the table was compiled for one tenant's schema version (`RecordTables`): its
   * statements are prepared under names scoped by it (see `prepared` in core).
   */
  statementScope?: string;
}

const TEXT_TYPES: ReadonlySet<ColumnType> = new Set(['string', 'text', 'email', 'url', 'enum']);

const SYSTEM_DEFINITIONS: Record<string, ColumnDefinition & { notNull: boolean }> = {
  id: { name: 'id', type: 'uuid', notNull: true },
  created_at: { name: 'created_at', type: 'timestamp', notNull: true },
  updated_at: { name: 'updated_at', type: 'timestamp', notNull: true },
  created_by: { name: 'created_by', type: 'uuid', notNull: false },
  updated_by: { name: 'updated_by', type: 'uuid', notNull: false },
};

function compileColumn(definition: ColumnDefinition, system: boolean, notNull: boolean): RecordColumn {
  const coerce = coercerFor(definition, { strict: true });
  const hasDefault = definition.default !== undefined && definition.default !== null;
  const coercedDefault = hasDefault ? coerce(definition.default) : null;
  return {
    name: definition.name,
    type: definition.type,
    quoted: quoteIdent(definition.name),
    sqlType: sqlType(definition),
    system,
    notNull,
    requiredOnCreate: !system && notNull && !hasDefault,
    replaceValue: coercedDefault instanceof Invalid ? null : coercedDefault,
    text: TEXT_TYPES.has(definition.type),
    ordered: definition.type !== 'json',
    references: definition.type === 'reference' ? definition.references : undefined,
    coerce,
    coerceFilter: coercerFor(definition, { strict: false }),
  };
}

/** The compiled model of one table of a definition, in a tenant schema. */
export function compileRecordTable(schema: string, table: TableDefinition, statementScope?: string): RecordTable {
  const system = (name: string) => {
    const d = SYSTEM_DEFINITIONS[name];
    return compileColumn(d, true, d.notNull);
  };
  const own = table.columns.map((c) => compileColumn(c, false, c.required === true));
  const ordered = [system('id'), ...own, ...['created_at', 'updated_at', 'created_by', 'updated_by'].map(system)];
  return {
    schema,
    name: table.name,
    qualified: `${quoteIdent(schema)}.${quoteIdent(table.name)}`,
    columns: new Map(ordered.map((c) => [c.name, c])),
    ordered,
    writable: own,
    requiredOnCreate: own.filter((c) => c.requiredOnCreate),
    searchable: own.filter((c) => c.text),
    statementScope,
  };
}

/** Every table of a definition, compiled; references resolve through the same map. */
export function compileRecordTables(
  schema: string,
  definition: SchemaDefinition,
  statementScope?: string,
): ReadonlyMap<string, RecordTable> {
  return new Map(definition.tables.map((t) => [t.name, compileRecordTable(schema, t, statementScope)]));
}

/** `q` prepared under a name scoped by its table's tenant and version, when the table has them. */
export function tableStatement(table: Pick<RecordTable, 'statementScope'>, q: SqlQuery): SqlQuery {
  return table.statementScope === undefined ? q : prepared(table.statementScope, q);
}

/** One compiled version of a tenant's definition, and when it was last asked for. */
interface CompiledVersion {
  schema: string;
  tables: ReadonlyMap<string, RecordTable>;
  usedAt: number;
}

/**
 * Compiled definitions per tenant and version. A version never changes once written, so an entry
 * is never stale; the least recently used goes when the cache is full. The tenant's id (not only
 * its schema name, which a new tenant of the same slug reuses) scopes the prepared statements.
 * Every read of a record passes here: a hit costs two map lookups by keys the caller already
 * holds, and no allocation (no key built, no entry moved).
 */
export class RecordTableCache {
  private readonly byTenant = new Map<string, Map<number, CompiledVersion>>();
  private size = 0;
  private clock = 0;

  constructor(private readonly maxEntries = 200) {}

  tables(
    tenantId: string,
    schema: string,
    version: number,
    definition: SchemaDefinition,
  ): ReadonlyMap<string, RecordTable> {
    let versions = this.byTenant.get(tenantId);
    const cached = versions?.get(version);
    if (cached !== undefined && cached.schema === schema) {
      cached.usedAt = ++this.clock;
      return cached.tables;
    }
    const tables = compileRecordTables(schema, definition, `${tenantId}:${version}`);
    if (cached === undefined) {
      if (this.size >= this.maxEntries) this.evictLeastRecentlyUsed();
      this.size++;
    }
    if (!versions) this.byTenant.set(tenantId, (versions = new Map()));
    versions.set(version, { schema, tables, usedAt: ++this.clock });
    return tables;
  }

  /** How many compiled versions are held. */
  get entries(): number {
    return this.size;
  }

  private evictLeastRecentlyUsed(): void {
    let oldest: { tenantId: string; version: number; usedAt: number } | undefined;
    for (const [tenantId, versions] of this.byTenant) {
      for (const [version, { usedAt }] of versions) {
        if (oldest === undefined || usedAt < oldest.usedAt) oldest = { tenantId, version, usedAt };
      }
    }
    if (!oldest) return;
    const versions = this.byTenant.get(oldest.tenantId)!;
    versions.delete(oldest.version);
    if (versions.size === 0) this.byTenant.delete(oldest.tenantId);
    this.size--;
  }
}
