import { notFound, PageSlice, qualified, ident, sql, SqlDatabase, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { ActiveSchemaCache } from '../cache/active-schema-cache';
import { catalogDrift } from '../catalog/expected-catalog';
import { DataschemaErrorCode } from '../dataschema.exception';
import { EMPTY_DEFINITION, SchemaDefinition } from '../definition/schema-definition';
import { planMigration } from '../planner/plan-migration';
import {
  ActiveSchema,
  activeSchemaOf,
  INITIAL_SCHEMA,
  StoredRetainedItem,
  StoredVersion,
  VersionSummary,
} from '../versions/schema-version';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';
import { describeRetained, PurgedItem } from './retained-purger';
import { runnerExecutor } from './sql-runner-executor';

/** A set-aside table or column, with the version that dropped it and the rows it still holds. */
export interface RetainedListItem extends PurgedItem {
  droppedInVersion: number;
  droppedAt: string;
  rows: number;
}

/** Everything that reads a tenant's schema: the active definition (cached), versions, diffs, drift, retained items. */
@Injectable()
export class SchemaReadService {
  constructor(
    private readonly db: SqlDatabase,
    private readonly versions: SchemaVersionsRepository,
    private readonly cache: ActiveSchemaCache,
  ) {}

  /** The active definition; from this process or Redis when they hold the active version, else the database. */
  active(ctx: TenantContext): Promise<ActiveSchema> {
    return this.cache.get(
      ctx.tenantId,
      async () => {
        const latest = await this.versions.latest(this.db, ctx.tenantId);
        return latest ? activeSchemaOf(latest) : INITIAL_SCHEMA;
      },
      ctx.versions === undefined ? undefined : ctx.versions.schema,
    );
  }

  async version(ctx: TenantContext, version: number): Promise<StoredVersion> {
    const found = await this.versions.find(this.db, ctx.tenantId, version);
    if (!found)
      throw notFound(DataschemaErrorCode.SCHEMA_VERSION_NOT_FOUND, `Schema version ${version} does not exist`);
    return found;
  }

  page(ctx: TenantContext, offset: number, limit: number): Promise<PageSlice<VersionSummary>> {
    return this.versions.pageSummaries(this.db, ctx.tenantId, offset, limit);
  }

  /** A version's definition; version 0 is the empty schema every tenant starts with. */
  async definitionAt(ctx: TenantContext, version: number): Promise<SchemaDefinition> {
    return version === 0 ? EMPTY_DEFINITION : (await this.version(ctx, version)).definition;
  }

  async diff(ctx: TenantContext, from: number, to: number) {
    const plan = planMigration(await this.definitionAt(ctx, from), await this.definitionAt(ctx, to), {
      schema: ctx.schemaName,
    });
    return { from, to, operations: plan.operations, sql: { up: plan.up, down: plan.down } };
  }

  /** The live catalog against what the active definition generates (built in a scratch schema, rolled back). */
  async drift(ctx: TenantContext) {
    const { definition } = await this.active(ctx);
    const differences = await this.db.transaction((tx) => catalogDrift(runnerExecutor(tx), ctx.schemaName, definition));
    return { drifted: differences.length > 0, differences };
  }

  async retained(ctx: TenantContext, offset: number, limit: number): Promise<PageSlice<RetainedListItem>> {
    const all = await this.versions.retained(this.db, ctx.tenantId);
    const { definition } = await this.active(ctx);
    const results: RetainedListItem[] = [];
    for (const item of all.slice(offset, offset + limit)) {
      results.push({
        ...describeRetained(item),
        droppedInVersion: item.droppedInVersion,
        droppedAt: item.createdAt,
        rows: await this.rowsHeld(ctx, definition, all, item),
      });
    }
    return { count: all.length, results };
  }

  /** Rows of a set-aside table, or rows holding a value in a set-aside column. */
  private async rowsHeld(
    ctx: TenantContext,
    definition: SchemaDefinition,
    all: StoredRetainedItem[],
    { item }: StoredRetainedItem,
  ): Promise<number> {
    if (item.kind === 'table') {
      const [row] = await this.db.query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM ${qualified(ctx.schemaName, item.asideName)}`,
      );
      return row.n;
    }
    const table =
      definition.tables.find((t) => t.id === item.tableId)?.name ??
      all.find((r) => r.item.kind === 'table' && r.item.id === item.tableId)?.item.asideName;
    if (!table) return 0;
    const [row] = await this.db.query<{ n: number }>(
      sql`SELECT count(${ident(item.asideName)})::int AS n FROM ${qualified(ctx.schemaName, table)}`,
    );
    return row.n;
  }
}
