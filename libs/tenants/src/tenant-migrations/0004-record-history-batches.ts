import { ident, qualified, sql } from '@app/core';
import { TenantMigration } from './tenant-migration';

/**
 * `_record_history_batches`: one history entry for many records created together (an import).
 * Their ids share a prefix, so the batch names them as one id range; each record's first revision
 * is read from it (see docs/records.md, "History of imported records").
 */
export const recordHistoryBatchesMigration: TenantMigration = {
  revision: 4,
  name: 'record-history-batches',
  up: (schema) => [
    sql`CREATE TABLE ${qualified(schema, '_record_history_batches')} (
      id uuid PRIMARY KEY,
      table_id text NOT NULL,
      first_id uuid NOT NULL,
      last_id uuid NOT NULL,
      actor_id uuid,
      at timestamptz NOT NULL DEFAULT now(),
      schema_version integer,
      "rows" integer NOT NULL,
      CONSTRAINT ${ident('_record_history_batches_range_check')} CHECK (first_id <= last_id)
    )`,
    // ranges never overlap: two batches share a prefix, and so a range, or share no id at all
    sql`CREATE UNIQUE INDEX ${ident('_record_history_batches_first_idx')} ON ${qualified(schema, '_record_history_batches')} (table_id, first_id)`,
  ],
};
