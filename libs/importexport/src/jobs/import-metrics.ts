import { metricsRegistry } from '@app/core';
import { Counter, Histogram } from 'prom-client';

export const importRowsTotal = new Counter({
  name: 'strata_import_rows_total',
  help: 'Rows of import files by outcome: imported (stored) or rejected (a bad row)',
  labelNames: ['format', 'outcome'] as const,
  registers: [metricsRegistry],
});

export const importBytesTotal = new Counter({
  name: 'strata_import_bytes_read_total',
  help: 'Bytes of import files read by the worker',
  labelNames: ['format'] as const,
  registers: [metricsRegistry],
});

export const importExportDurationSeconds = new Histogram({
  name: 'strata_import_export_duration_seconds',
  help: 'Duration of import and export jobs by kind, format and outcome',
  labelNames: ['kind', 'format', 'outcome'] as const,
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [metricsRegistry],
});
