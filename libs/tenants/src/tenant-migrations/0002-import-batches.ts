import { ident, qualified, sql } from '@app/core';
import { TenantMigration } from './tenant-migration';

/** `_import_batches`: which rows an import job added, so that a succeeded import can be reverted. */
export const importBatchesMigration: TenantMigration = {
  revision: 2,
  name: 'import-batches',
  up: (schema) => [
    sql`CREATE TABLE ${qualified(schema, '_import_batches')} (
      id uuid PRIMARY KEY,
      job_id uuid NOT NULL,
      table_id text NOT NULL,
      "rows" integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      reverted_at timestamptz
    )`,
    sql`CREATE INDEX ${ident('_import_batches_job_idx')} ON ${qualified(schema, '_import_batches')} (job_id)`,
  ],
};
