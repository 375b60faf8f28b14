import { ident, qualified, sql } from '@app/core';
import { TenantMigration } from './tenant-migration';

/**
 * `_record_history.batch_id`: the import batch (`_import_batches.id`) that wrote a history entry, so
 * that reverting an import finds exactly the records it created.
 */
export const historyImportBatchMigration: TenantMigration = {
  revision: 3,
  name: 'history-import-batch',
  up: (schema) => [
    sql`ALTER TABLE ${qualified(schema, '_record_history')} ADD COLUMN batch_id uuid`,
    sql`CREATE INDEX ${ident('_record_history_batch_idx')} ON ${qualified(schema, '_record_history')} (batch_id) WHERE batch_id IS NOT NULL`,
  ],
};
