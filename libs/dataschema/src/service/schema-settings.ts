import { Env } from '@app/core';
import { SchemaLimits } from '../definition/schema-limits';
import { ApplyOptions } from '../runner/apply-operations';

/** What the environment decides about schema changes. */
export interface SchemaSettings {
  limits: SchemaLimits;
  timeouts: ApplyOptions;
  /** Days a set-aside item is kept before a later change purges it; 0 keeps it until an explicit purge. */
  retentionDays: number;
}

export const schemaSettingsOf = (env: Env): SchemaSettings => ({
  limits: {
    maxTables: env.SCHEMA_MAX_TABLES,
    maxColumnsPerTable: env.SCHEMA_MAX_COLUMNS_PER_TABLE,
    maxIndexesPerTable: env.SCHEMA_MAX_INDEXES_PER_TABLE,
  },
  timeouts: { lockTimeoutMs: env.SCHEMA_LOCK_TIMEOUT_MS, statementTimeoutMs: env.SCHEMA_STATEMENT_TIMEOUT_MS },
  retentionDays: env.SCHEMA_RETENTION_DAYS,
});
