import { quoteIdent } from '@app/core';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** How often a worker looks for staging tables left behind. */
export const STAGING_SWEEP_INTERVAL_MS = 15 * 60 * 1000;

/** `_import_` and a job id without its dashes: the staging tables of `StagedUpsert` (`stagingTableName`). */
const STAGING_TABLE = '^_import_[0-9a-f]{32}$';

const jobIdOf = (table: string) =>
  table.slice('_import_'.length).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

/**
 * Drops the staging tables of import jobs that no longer run. An attempt drops its own table when it
 * ends, and the next attempt of a job whose worker died drops the dead one's; but a job whose last
 * attempt died (failed by the stalled-job check), or a table whose job row is gone, leaves one
 * behind. Runs when a worker starts and every STAGING_SWEEP_INTERVAL_MS; queued and running jobs
 * keep theirs (a retry starts by dropping it anyway).
 */
@Injectable()
export class StagingSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StagingSweeper.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const sweep = () => {
      this.running ??= this.sweep()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Staging sweep failed; the next one tries again'))
        .finally(() => (this.running = undefined));
    };
    sweep();
    this.timer = setInterval(sweep, STAGING_SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Drops every staging table whose job is not queued or running; the names it dropped. */
  async sweep(): Promise<string[]> {
    const tables: Array<{ schema: string; name: string }> = await this.dataSource.query(
      `SELECT n.nspname AS schema, c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'r' AND c.relname ~ $1 AND pg_has_role(c.relowner, 'USAGE')`,
      [STAGING_TABLE],
    );
    if (tables.length === 0) return [];
    const live: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id::text FROM jobs WHERE id = ANY($1::uuid[]) AND status IN ('queued', 'running')`,
      [tables.map((t) => jobIdOf(t.name))],
    );
    const keep = new Set(live.map((j) => j.id));
    const dropped: string[] = [];
    for (const table of tables) {
      if (keep.has(jobIdOf(table.name))) continue;
      const qualified = `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
      // a table some statement still holds is left for the next sweep
      await this.dataSource
        .transaction(async (manager) => {
          await manager.query(`SET LOCAL lock_timeout = '1s'`);
          await manager.query(`DROP TABLE IF EXISTS ${qualified}`);
          dropped.push(qualified);
        })
        .catch((error: unknown) =>
          this.logger.warn({ err: error, table: qualified }, 'Could not drop a staging table'),
        );
    }
    if (dropped.length > 0) this.logger.warn({ dropped }, `Dropped ${dropped.length} staging table(s) left behind`);
    return dropped;
  }
}
