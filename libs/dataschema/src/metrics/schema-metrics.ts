import { metricsRegistry } from '@app/core';
import { Counter, Gauge, Histogram } from 'prom-client';

/** `applied`; `invalid` (400); `conflict` (409, another version came first); `refused` (422, a precheck); `failed` (anything else). */
export type SchemaChangeOutcome = 'applied' | 'invalid' | 'conflict' | 'refused' | 'failed';

export const schemaVersionsTotal = new Counter({
  name: 'strata_schema_versions_total',
  help: 'Schema changes asked for, by outcome (applied, invalid, conflict, refused, failed)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

export const schemaPlanningSeconds = new Histogram({
  name: 'strata_schema_planning_duration_seconds',
  help: 'Time to validate, assign ids and plan a schema change (dry runs included)',
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
  registers: [metricsRegistry],
});

export const schemaApplySeconds = new Histogram({
  name: 'strata_schema_apply_duration_seconds',
  help: 'Time to apply a schema version (lock wait, prechecks, DDL, version row), by outcome',
  labelNames: ['outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
  registers: [metricsRegistry],
});

export const schemaDriftedTenants = new Gauge({
  name: 'strata_schema_drifted_tenants',
  help: 'Tenants whose live catalog differs from what their active schema version left, at the last check',
  registers: [metricsRegistry],
});

let countTables: (() => Promise<number>) | null = null;

export const schemaTablesGauge = new Gauge({
  name: 'strata_schema_tables',
  help: 'Tables in the active schema versions of all tenants, counted at scrape time',
  registers: [metricsRegistry],
  async collect() {
    if (countTables) this.set(await countTables());
  },
});

/** Sets where the tables gauge counts from; returns a function that unsets it (unless replaced since). */
export function setSchemaTablesSource(next: () => Promise<number>): () => void {
  countTables = next;
  return () => {
    if (countTables === next) countTables = null;
  };
}
