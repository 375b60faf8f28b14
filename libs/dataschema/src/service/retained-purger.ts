import { SqlTransaction, TenantContext } from '@app/core';
import { Injectable } from '@nestjs/common';
import { SchemaDefinition } from '../definition/schema-definition';
import { purgeStatement } from '../planner/retained-items';
import { runnerExecutor } from './sql-runner-executor';
import { StoredRetainedItem } from '../versions/schema-version';
import { SchemaVersionsRepository } from '../versions/schema-versions.repository';

/** A purged item, as the purge route and the audit entry name it. */
export interface PurgedItem {
  id: string;
  kind: 'table' | 'column';
  table: string;
  column?: string;
}

export const describeRetained = (r: StoredRetainedItem): PurgedItem => ({
  id: r.item.id,
  kind: r.item.kind,
  table: r.tableName,
  ...(r.columnName !== null && { column: r.columnName }),
});

/**
 * Destroys set-aside tables and columns for good, inside the caller's tenant transaction. A table
 * takes the columns set aside inside it along; a column is dropped from its table under the name
 * that table has now (live, or aside when the table is set aside too).
 */
@Injectable()
export class RetainedPurger {
  constructor(private readonly versions: SchemaVersionsRepository) {}

  async purge(
    tx: SqlTransaction,
    ctx: TenantContext,
    definition: SchemaDefinition,
    chosen: StoredRetainedItem[],
  ): Promise<PurgedItem[]> {
    const all = await this.versions.retained(tx, ctx.tenantId);
    const tableIds = new Set(chosen.filter((r) => r.item.kind === 'table').map((r) => r.item.id));
    const inPurgedTable = (r: StoredRetainedItem) => r.item.kind === 'column' && tableIds.has(r.item.tableId);
    const chosenIds = new Set(chosen.map((r) => r.item.id));
    const gone = [...chosen, ...all.filter((r) => inPurgedTable(r) && !chosenIds.has(r.item.id))];
    const liveName = new Map(definition.tables.map((t) => [t.id!, t.name]));
    const asideName = new Map(all.flatMap((r) => (r.item.kind === 'table' ? [[r.item.id, r.item.asideName]] : [])));
    const exec = runnerExecutor(tx);
    for (const r of chosen) {
      if (r.item.kind === 'table') await exec.query(purgeStatement(ctx.schemaName, r.item));
    }
    for (const r of chosen) {
      if (r.item.kind !== 'column' || inPurgedTable(r)) continue;
      const table = liveName.get(r.item.tableId) ?? asideName.get(r.item.tableId);
      await exec.query(purgeStatement(ctx.schemaName, r.item, table));
    }
    await this.versions.removeRetained(
      tx,
      ctx.tenantId,
      gone.map((r) => r.item.id),
    );
    return gone.map(describeRetained);
  }

  /** The retention period: purges what was set aside more than `days` ago (nothing when `days` is 0). */
  async purgeExpired(
    tx: SqlTransaction,
    ctx: TenantContext,
    definition: SchemaDefinition,
    days: number,
  ): Promise<PurgedItem[]> {
    if (days <= 0) return [];
    const cutoff = Date.now() - days * 24 * 60 * 60 * 1000;
    const expired = (await this.versions.retained(tx, ctx.tenantId)).filter((r) => Date.parse(r.createdAt) < cutoff);
    return expired.length > 0 ? this.purge(tx, ctx, definition, expired) : [];
  }
}
