import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobOptions } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { JobsService, EnqueueRequest } from './jobs.service';
import { queueConnected } from './queue-connection';
import { addToQueue, DISPATCH_TIMEOUT_MS, DispatchableJob, queueOf } from './queue-job';
import { QueueName } from './queue-names';

/** A job written to the outbox, to hand to `JobOutbox.dispatch` once its transaction commits. */
export interface StagedJob extends DispatchableJob {
  options: JobOptions;
}

interface OutboxRow extends StagedJob {
  status: string;
}

/**
 * The transactional outbox of jobs. `stage` writes the job row and its outbox row in the
 * caller's transaction; `dispatch`, after the commit, hands the job to Bull and deletes the
 * outbox row. A job whose dispatch failed, or whose process died before dispatching it, keeps
 * its outbox row, and `sweep` (run by the worker's `OutboxSweeper`) dispatches it later.
 * Dispatching twice is harmless: the Bull job id is the row id.
 */
@Injectable()
export class JobOutbox {
  private readonly logger = new Logger(JobOutbox.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async stage(manager: EntityManager, request: EnqueueRequest): Promise<StagedJob> {
    const { options = {}, ...job } = request;
    const row = await this.jobs.createRow(job, manager);
    await manager.query(`INSERT INTO job_outbox (job_id, options) VALUES ($1, $2)`, [row.id, options]);
    return { id: row.id, queue: row.queue, name: row.name, data: row.data, options };
  }

  /**
   * Hands a committed staged job to Bull. Returns false, leaving the job to the sweeper, when
   * Redis cannot take it now; never throws.
   */
  async dispatch(job: StagedJob): Promise<boolean> {
    try {
      if (!(await this.add(job))) return false;
    } catch (error) {
      this.logger.warn(
        { jobId: job.id, queue: job.queue, name: job.name, err: error },
        'Could not dispatch the job; the outbox sweeper will',
      );
      return false;
    }
    // Should this fail, the sweeper dispatches the job once more, which Bull ignores.
    await this.dataSource
      .query(`DELETE FROM job_outbox WHERE job_id = $1`, [job.id])
      .catch((error: unknown) => this.logger.warn({ jobId: job.id, err: error }, 'Could not clear the outbox row'));
    return true;
  }

  /**
   * Dispatches up to `limit` jobs staged more than `graceSeconds` ago and still in the outbox,
   * oldest first; rows another sweeper holds are skipped. Jobs no longer queued (cancelled) just
   * leave the outbox. Stops at the first job Redis does not take. Returns how many were dispatched.
   */
  sweep(graceSeconds: number, limit: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT j.id, j.queue, j.name, j.data, j.status, o.options
           FROM job_outbox o JOIN jobs j ON j.id = o.job_id
          WHERE o.created_at < now() - make_interval(secs => $1)
          ORDER BY o.created_at
          LIMIT $2
            FOR UPDATE OF o SKIP LOCKED`,
        [graceSeconds, limit],
      );
      let dispatched = 0;
      for (const row of rows) {
        if (row.status === 'queued') {
          if (!(await this.add(row).catch(() => false))) break;
          await this.jobs.log(row.id, 'warn', 'Dispatched by the outbox sweeper (it was left undispatched)');
          dispatched += 1;
        }
        await manager.query(`DELETE FROM job_outbox WHERE job_id = $1`, [row.id]);
      }
      return dispatched;
    });
  }

  private async add(job: StagedJob): Promise<boolean> {
    const queue = queueOf(this.moduleRef, job.queue as QueueName);
    if (!(await queueConnected(queue, DISPATCH_TIMEOUT_MS))) return false;
    await addToQueue(queue, job, job.options);
    return true;
  }
}
