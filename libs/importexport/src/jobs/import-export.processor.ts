import { isLastAttempt, JobRunner, QueueName } from '@app/core';
import { MailService } from '@app/notifications';
import { Process, Processor } from '@nestjs/bull';
import type { Job } from 'bull';
import { ExportRunner } from './export-runner';
import { ExportJobData, ImportExportJobName, ImportJobData } from './import-export-jobs';
import { importExportDurationSeconds } from './import-metrics';
import { ImportRunner } from './import-runner';
import { importMail } from './job-mail';
import { FinalJobFailure } from '@app/core';

/** Times a job and mails its creator when it fails for good (success mails go with the commit). */
async function observed<T>(
  kind: 'import' | 'export',
  job: Job<ImportJobData | ExportJobData>,
  mail: MailService,
  work: () => Promise<T>,
): Promise<T> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const result = await work();
    const skipped = typeof result === 'object' && result !== null && 'skipped' in result;
    importExportDurationSeconds.observe(
      { kind, format: job.data.format, outcome: skipped ? 'cancelled' : 'succeeded' },
      seconds(),
    );
    return result;
  } catch (error) {
    importExportDurationSeconds.observe({ kind, format: job.data.format, outcome: 'failed' }, seconds());
    const final = error instanceof FinalJobFailure || isLastAttempt(job);
    if (final && job.data.actor.email) {
      const message = error instanceof Error ? error.message : String(error);
      await mail
        .enqueue(importMail(job.data, 'failed', message, kind === 'import' ? 'Import' : 'Export'))
        .catch(() => undefined);
    }
    throw error;
  }
}

@Processor(QueueName.Imports)
export class ImportProcessor {
  constructor(
    private readonly runner: JobRunner,
    private readonly imports: ImportRunner,
    private readonly mail: MailService,
  ) {}

  @Process({ name: ImportExportJobName.Import, concurrency: 1 })
  handle(job: Job<ImportJobData>) {
    return observed('import', job, this.mail, () => this.runner.run(job, (rowId) => this.imports.run(job.data, rowId)));
  }
}

@Processor(QueueName.Exports)
export class ExportProcessor {
  constructor(
    private readonly runner: JobRunner,
    private readonly exports: ExportRunner,
    private readonly mail: MailService,
  ) {}

  @Process({ name: ImportExportJobName.Export, concurrency: 1 })
  handle(job: Job<ExportJobData>) {
    return observed('export', job, this.mail, () => this.runner.run(job, (rowId) => this.exports.run(job.data, rowId)));
  }
}
