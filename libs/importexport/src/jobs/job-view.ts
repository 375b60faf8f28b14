import { JobEntity } from '@app/core';

const EMPTY_PROGRESS = { rowsRead: 0, rowsValid: 0, rowsInvalid: 0, bytesRead: 0, bytesTotal: 0, percent: 0 };

/** An import or export job as the API shows it. */
export function jobView(row: JobEntity) {
  const data = row.data as Record<string, unknown>;
  // the phase, the committed summary and an export's file key are the worker's own notes
  const { phase: _phase, summary: committed, fileKey: _fileKey, ...progress } = row.progress as Record<string, unknown>;
  const result = (row.result ?? committed ?? null) as Record<string, unknown> | null;
  const { errorsKey: _e, badRowsKey: _b, fileKey: _f, ...summary } = result ?? {};
  return {
    id: row.id,
    table: data.table as string,
    format: data.format as string,
    ...(row.queue === 'imports'
      ? { mode: data.mode, onError: data.onError, dryRun: data.dryRun, fileName: data.fileName }
      : {}),
    status: row.status,
    progress: { ...EMPTY_PROGRESS, ...(row.queue === 'imports' ? { bytesTotal: data.bytesTotal } : {}), ...progress },
    summary: result === null ? null : summary,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
