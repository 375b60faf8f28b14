/** Per-tenant limits the validator enforces; the caller passes them in (from the environment). */
export interface SchemaLimits {
  maxTables: number;
  maxColumnsPerTable: number;
  maxIndexesPerTable: number;
}

/**
 * PostgreSQL allows 1600 attributes per table, and set-aside (dropped) columns and columns purged
 * with DROP COLUMN still count; 200 live columns plus 5 system columns leave room for ~1400 drops.
 */
export const DEFAULT_SCHEMA_LIMITS: SchemaLimits = {
  maxTables: 200,
  maxColumnsPerTable: 200,
  maxIndexesPerTable: 20,
};
