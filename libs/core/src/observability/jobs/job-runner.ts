import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { JobsService } from '../../jobs/jobs.service';
import { QueueName } from '../../jobs/queue-names';
import { JobOutcome, recordJobAttempt } from '../metrics/job-metrics';

/** What every job payload carries once its row exists (`JobsService.dispatch` adds it). */
export interface JobRowRef {
  jobId?: string;
}

/**
 * A failure that no retry can mend (a bad file, an abort import with bad rows): the row is failed at
 * once, with `result` as its summary, and Bull retries nothing.
 */
export class FinalJobFailure extends Error {
  constructor(
    message: string,
    readonly result?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FinalJobFailure';
  }
}

/** The attempt in progress is the last one Bull will make. */
export function isLastAttempt(job: Pick<Job, 'attemptsMade' | 'opts'>): boolean {
  return job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
}

/**
 * Runs one attempt of a Bull job around its row in `public.jobs`: running -> succeeded, or
 * failed once no retry is left (queued again before that); a row cancelled while the attempt
 * ran stays cancelled. Each attempt is counted in the `strata_jobs_*` metrics. Every processor
 * goes through it, so a processor stays one line:
 *
 * ```ts
 * @Process(JobName.X) handle(job: Job<XJobData>) { return this.runner.run(job, (rowId) => this.x.run(job.data, rowId)); }
 * ```
 *
 * Jobs added without a row (repeatable runs) get one on their first attempt; its id is written
 * back into the Bull job so retries reuse it.
 */
@Injectable()
export class JobRunner {
  private readonly logger = new Logger(JobRunner.name);

  constructor(private readonly jobs: JobsService) {}

  async run<D extends object, T extends Record<string, unknown>>(
    job: Job<D & JobRowRef>,
    work: (rowId: string) => Promise<T>,
  ): Promise<T | { skipped: string }> {
    const queue = job.queue.name;
    const rowId = await this.rowFor(job, queue as QueueName);
    const started = process.hrtime.bigint();
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    if (!(await this.jobs.markRunning(rowId, job.attemptsMade + 1))) {
      this.logger.warn({ jobId: rowId, queue, name: job.name }, 'Job row is no longer queued; not running it');
      return { skipped: 'the job row is no longer queued' };
    }
    let result: T;
    try {
      result = await work(rowId);
    } catch (error) {
      const final = isLastAttempt(job) || error instanceof FinalJobFailure;
      if (error instanceof FinalJobFailure) await job.discard();
      const outcome: JobOutcome = final ? 'failed' : 'retried';
      recordJobAttempt(queue, job.name, outcome, seconds());
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { jobId: rowId, queue, name: job.name, attempt: job.attemptsMade + 1, final, err: error },
        message,
      );
      const summary = error instanceof FinalJobFailure ? error.result : undefined;
      if (await this.jobs.fail(rowId, message, final, summary)) throw error;
      // The row was cancelled (or ended) meanwhile: it keeps its status and Bull retries nothing.
      return { skipped: 'the job row ended while the attempt ran' };
    }
    recordJobAttempt(queue, job.name, 'succeeded', seconds());
    if (!(await this.jobs.succeed(rowId, result))) {
      this.logger.warn({ jobId: rowId, queue, name: job.name }, 'Job row ended while the attempt ran; status kept');
    }
    return result;
  }

  private async rowFor(job: Job<JobRowRef>, queue: QueueName): Promise<string> {
    if (typeof job.data.jobId === 'string') return job.data.jobId;
    const { jobId: _none, ...data } = job.data as JobRowRef & Record<string, unknown>;
    const row = await this.jobs.createRow({ queue, name: job.name, data });
    await job.update({ ...job.data, jobId: row.id });
    return row.id;
  }
}
