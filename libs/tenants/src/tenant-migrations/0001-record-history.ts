import { ident, qualified, sql } from '@app/core';
import { TenantMigration } from './tenant-migration';

/** `_record_history`: one row per revision of a record, written with the change itself. */
export const recordHistoryMigration: TenantMigration = {
  revision: 1,
  name: 'record-history',
  up: (schema) => [
    sql`CREATE TABLE ${qualified(schema, '_record_history')} (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      table_id text NOT NULL,
      record_id uuid NOT NULL,
      revision integer NOT NULL,
      operation varchar(10) NOT NULL,
      before jsonb,
      after jsonb,
      actor_id uuid,
      at timestamptz NOT NULL DEFAULT now(),
      schema_version integer,
      CONSTRAINT ${ident('_record_history_revision_key')} UNIQUE (table_id, record_id, revision)
    )`,
    sql`CREATE INDEX ${ident('_record_history_record_idx')} ON ${qualified(schema, '_record_history')} (table_id, record_id)`,
  ],
};
