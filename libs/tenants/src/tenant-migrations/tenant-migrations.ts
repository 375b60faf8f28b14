import { recordHistoryMigration } from './0001-record-history';
import { importBatchesMigration } from './0002-import-batches';
import { historyImportBatchMigration } from './0003-history-import-batch';
import { recordHistoryBatchesMigration } from './0004-record-history-batches';
import { TenantMigration } from './tenant-migration';

/** Every tenant system migration, in order. Append new ones; never edit or reorder applied ones. */
export const TENANT_MIGRATIONS: readonly TenantMigration[] = [
  recordHistoryMigration,
  importBatchesMigration,
  historyImportBatchMigration,
  recordHistoryBatchesMigration,
];

export const LATEST_TENANT_REVISION = TENANT_MIGRATIONS[TENANT_MIGRATIONS.length - 1].revision;

/** The migrations a schema at `revision` still needs, in order. */
export const pendingTenantMigrations = (revision: number): TenantMigration[] =>
  TENANT_MIGRATIONS.filter((m) => m.revision > revision);
