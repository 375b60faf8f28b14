import { Operation } from '../planner/operation';
import { CONVERSION_CHECK_FUNCTION } from '../planner/prechecks';
import { RefusedRows, SchemaChangeRefused } from './schema-change-refused';
import { SqlExecutor } from './sql-executor';

export interface ApplyOptions {
  /** How long a statement may wait for a lock on a tenant table before the migration gives up. */
  lockTimeoutMs: number;
  /** How long one statement (a precheck, an index build, a table rewrite) may run. */
  statementTimeoutMs: number;
}

/** SET LOCAL, through set_config so that the values are parameters. */
async function setLocalTimeouts(db: SqlExecutor, options: ApplyOptions): Promise<void> {
  const ms = (value: number) => `${Math.max(1, Math.floor(value))}ms`;
  await db.query(`SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)`, [
    ms(options.lockTimeoutMs),
    ms(options.statementTimeoutMs),
  ]);
}

async function offendingRows(db: SqlExecutor, sql: string): Promise<RefusedRows | undefined> {
  const rows = await db.query(sql);
  if (rows.length === 0) return undefined;
  return {
    total: Number(rows[0].total),
    samples: rows.map((r) => ({ id: String(r.id), value: r.value === null ? null : String(r.value) })),
  };
}

/**
 * Applies operations in order inside the caller's transaction (so that metadata rows written with
 * them commit or roll back together). Timeouts are SET LOCAL, so they end with the transaction.
 * Each operation's precheck runs just before it, against the schema as the earlier operations left
 * it; the first that finds rows throws SchemaChangeRefused, and the caller's rollback undoes
 * everything already applied.
 */
export async function applyOperations(db: SqlExecutor, operations: Operation[], options: ApplyOptions): Promise<void> {
  await setLocalTimeouts(db, options);
  if (operations.some((op) => op.precheck?.usesConversionCheck)) await db.query(CONVERSION_CHECK_FUNCTION);
  for (const operation of operations) {
    if (operation.precheck) {
      const refused = await offendingRows(db, operation.precheck.sql);
      if (refused) throw new SchemaChangeRefused(operation, refused);
    }
    for (const statement of operation.up) await db.query(statement);
  }
}

/** Applies the down statements of operations, last operation first (for tests and manual repair). */
export async function revertOperations(db: SqlExecutor, operations: Operation[], options: ApplyOptions): Promise<void> {
  await setLocalTimeouts(db, options);
  for (const operation of [...operations].reverse()) {
    for (const statement of operation.down) await db.query(statement);
  }
}
