import { AuditService } from '@app/audit';
import { JobsService } from '@app/core';
import { MailService } from '@app/notifications';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { ImportJobData } from './import-export-jobs';
import { ImportCounts } from './import-findings';
import { importRowsTotal } from './import-metrics';
import { ImportCancelled, ImportSummary } from './import-summary';
import { importMail } from './job-mail';

/** An import job's row while an attempt runs: progress, cancel, and the end of the load transaction. */
@Injectable()
export class ImportJobState {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly mail: MailService,
  ) {}

  /** Writes the progress and stops the attempt when the job was cancelled meanwhile. */
  async report(jobId: string, data: ImportJobData, counts: ImportCounts, bytesRead: number): Promise<void> {
    const total = data.bytesTotal;
    const percent = total > 0 ? Math.min(100, Math.floor((bytesRead / total) * 100)) : 100;
    const rows: Array<{ status: string }> = await this.dataSource.query(
      `WITH u AS (UPDATE jobs SET progress = $2, updated_at = now() WHERE id = $1 RETURNING status) SELECT status FROM u`,
      [jobId, { ...counts, bytesRead, bytesTotal: total, percent }],
    );
    if (rows[0]?.status !== 'running') throw new ImportCancelled();
  }

  /** The summary an earlier attempt committed before it died, if one did. */
  async committedSummary(jobId: string): Promise<ImportSummary | undefined> {
    const row = await this.jobs.findById(jobId);
    const progress = row?.progress as { phase?: string; summary?: ImportSummary } | undefined;
    return progress?.phase === 'committed' ? progress.summary : undefined;
  }

  log(jobId: string, message: string, data?: Record<string, unknown>): Promise<void> {
    return this.jobs.log(jobId, 'info', message, data);
  }

  /** In the load transaction: locks the job row; a job no longer running (cancelled) stores nothing. */
  async lockRunning(runner: QueryRunner, jobId: string): Promise<void> {
    const status: Array<{ status: string }> = await runner.query(`SELECT status FROM jobs WHERE id = $1 FOR UPDATE`, [
      jobId,
    ]);
    if (status[0]?.status !== 'running') throw new ImportCancelled();
  }

  /**
   * Ends the load transaction: `import.end` (audit), `progress.phase = committed` with the summary
   * (a retried attempt returns it and loads nothing twice), the mail staged, the commit; then the
   * mail goes out and the rows are counted.
   */
  async commit(runner: QueryRunner, data: ImportJobData, jobId: string, summary: ImportSummary): Promise<void> {
    const manager = runner.manager;
    await this.audit.record(manager, data.actor, {
      tenantId: data.tenantId,
      action: 'import.end',
      entityType: 'import',
      entityId: jobId,
      details: {
        table: data.table,
        mode: data.mode,
        outcome: 'succeeded',
        rowsRead: summary.rowsRead,
        rowsValid: summary.rowsValid,
        rowsInvalid: summary.rowsInvalid,
        rowsStored: summary.rowsStored,
      },
    });
    await runner.query(`UPDATE jobs SET progress = progress || $2::jsonb, updated_at = now() WHERE id = $1`, [
      jobId,
      { phase: 'committed', summary },
    ]);
    const mail = data.actor.email
      ? await this.mail.stage(manager, importMail(data, 'succeeded', summary.message))
      : undefined;
    await runner.commitTransaction();
    importRowsTotal.inc({ format: data.format, outcome: 'imported' }, summary.rowsStored);
    if (mail) await this.mail.dispatch(mail);
  }
}
