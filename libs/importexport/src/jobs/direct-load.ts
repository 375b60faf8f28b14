import { quoteIdent } from '@app/core';
import { RecordColumn, RecordTable } from '@app/dataschema';
import type { PoolClient } from 'pg';
import type { QueryRunner } from 'typeorm';
import { CopyIn } from './copy-in';

/** The constraint errors a direct load can meet when a row committed meanwhile clashes. */
export const CLASH_CODES = new Set(['23505', '23503']);

export function constraintCode(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } } | undefined;
  return e?.driverError?.code ?? e?.code;
}

/**
 * An import's rows COPYed straight into the target table inside one transaction, opened before the
 * first row: nothing is visible before its commit, and a worker that dies takes the transaction
 * with it. The transaction stays open after the COPY for the rest of the load (history, audit, job
 * state), then commits or rolls back through the runner.
 *
 * `locked`: take `SHARE ROW EXCLUSIVE` on the table (no other write until the commit) and `SHARE`
 * on the tables its references point to (no delete there), so that checks made on another
 * connection cannot be overtaken by a concurrent commit.
 */
export class DirectLoad {
  private copy: CopyIn | undefined;

  private constructor(
    readonly runner: QueryRunner,
    private readonly client: PoolClient,
    private readonly table: RecordTable,
  ) {}

  static async begin(runner: QueryRunner, table: RecordTable, locked: boolean): Promise<DirectLoad> {
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    if (locked) {
      await runner.query(`LOCK TABLE ${table.qualified} IN SHARE ROW EXCLUSIVE MODE`);
      const referenced = new Set(
        [...table.columns.values()]
          .filter((c) => c.references !== undefined && c.references !== table.name)
          .map((c) => `${quoteIdent(table.schema)}.${quoteIdent(c.references as string)}`),
      );
      for (const name of referenced) await runner.query(`LOCK TABLE ${name} IN SHARE MODE`);
    }
    return new DirectLoad(runner, client, table);
  }

  /** Starts the COPY of `id`, the loaded columns, `created_by` and `updated_by` (once the columns are known). */
  start(columns: readonly RecordColumn[]): void {
    this.copy ??= new CopyIn(this.client, this.table.qualified, [
      '"id"',
      ...columns.map((c) => c.quoted),
      '"created_by"',
      '"updated_by"',
    ]);
  }

  write(text: string | Buffer): Promise<void> {
    if (!this.copy) throw new Error('The COPY has not started');
    return this.copy.write(text);
  }

  writeAll(parts: readonly Buffer[]): Promise<void> {
    if (!this.copy) throw new Error('The COPY has not started');
    return this.copy.writeAll(parts);
  }

  /** Once every byte written so far has left for the database: the written buffers may be reused. */
  settled(): Promise<void> {
    return this.copy ? this.copy.settled() : Promise.resolve();
  }

  /** Ends the COPY; the rows it took, not yet committed. */
  async end(): Promise<number> {
    return this.copy ? this.copy.end() : 0;
  }

  /** Drops everything: the COPY fails and the transaction rolls back. */
  async abandon(): Promise<void> {
    await this.copy?.destroy();
    if (this.runner.isTransactionActive) await this.runner.rollbackTransaction().catch(() => undefined);
  }
}
