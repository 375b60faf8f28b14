import type { RequestActor } from '@app/core';
import type { JobOptions } from 'bull';
import type { ExportFormat } from '../encode/export-encoders';
import type { HeaderMapping } from '../mapping/header-mapping';

export const IMPORT_FORMATS = ['csv', 'xlsx', 'json', 'ndjson'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export const IMPORT_MODES = ['insert', 'upsert'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];
export const ON_ERROR = ['abort', 'skip'] as const;
export type OnError = (typeof ON_ERROR)[number];

export enum ImportExportJobName {
  Import = 'import',
  Export = 'export',
}

/** Where a job's tenant is: fixed when the job is created (the schema name never changes). */
export interface JobTenant {
  tenantId: string;
  slug: string;
  schemaName: string;
}

/** An `import` job's payload: everything the worker needs, the uploaded file by its store key. */
export interface ImportJobData extends JobTenant {
  table: string;
  format: ImportFormat;
  mode: ImportMode;
  upsertKey: string | null;
  onError: OnError;
  dryRun: boolean;
  mapping: HeaderMapping | null;
  fileKey: string;
  fileName: string;
  bytesTotal: number;
  idempotencyKey: string | null;
  actor: RequestActor;
  jobId?: string;
}

export interface ExportJobData extends JobTenant {
  table: string;
  format: ExportFormat;
  filter: Record<string, unknown> | null;
  sort: string | null;
  fields: string | null;
  neutralize: boolean;
  actor: RequestActor;
  jobId?: string;
}

/**
 * Two attempts: a worker that dies mid-import has its job put back by Bull's stalled-job check and
 * started again from a clean staging table; a second death fails the job.
 */
export const IMPORT_EXPORT_JOB_OPTIONS: JobOptions = {
  attempts: 2,
  backoff: { type: 'fixed', delay: 1000 },
};

/** At most this many row errors are kept (all are counted). */
export const MAX_STORED_ERRORS = 100_000;
