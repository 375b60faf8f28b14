import { getQueueToken } from '@nestjs/bull';
import { HttpStatus, Injectable } from '@nestjs/common';
import { withTimeout } from '../async/with-timeout';
import { AppException } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobOptions, Queue } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';
import { QueueName } from './queue-names';

/** How long handing a job to Redis may take before the request gives up. */
const DISPATCH_TIMEOUT_MS = 5000;

export interface EnqueueRequest {
  queue: QueueName;
  name: string;
  data: Record<string, unknown>;
  tenantId?: string | null;
  createdBy?: string | null;
  options?: JobOptions;
}

/**
 * Creates job rows in Postgres and hands the work to Bull with the row's id as the job id,
 * so the job's state survives Redis losing it.
 */
@Injectable()
export class JobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  private queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** Inserts the job row and enqueues it at once. */
  async enqueue(request: EnqueueRequest): Promise<JobEntity> {
    const row = await this.createRow(request);
    await this.dispatch(row, request.options);
    return row;
  }

  /**
   * Inserts the job row only, inside the caller's transaction; call `dispatch` after it commits
   * so that no worker picks up a job whose row it cannot see yet.
   */
  createRow(request: Omit<EnqueueRequest, 'options'>, manager?: EntityManager): Promise<JobEntity> {
    const repo = (manager ?? this.dataSource.manager).getRepository(JobEntity);
    return repo.save(
      repo.create({
        queue: request.queue,
        name: request.name,
        data: request.data,
        tenantId: request.tenantId ?? null,
        createdBy: request.createdBy ?? null,
        status: 'queued',
        progress: {},
        attempts: 0,
      }),
    );
  }

  /**
   * Hands the row's work to Bull. When the queue cannot be reached in time, the row is marked
   * failed (a worker that gets the job later skips it) and the caller gets a 503.
   */
  async dispatch(row: JobEntity, options?: JobOptions): Promise<void> {
    const queue = this.queue(row.queue as QueueName);
    try {
      await withTimeout(
        queue.add(row.name, { ...row.data, jobId: row.id }, { ...options, jobId: row.id }),
        DISPATCH_TIMEOUT_MS,
        'Queueing the job',
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.fail(row.id, `Could not be queued: ${reason}`, true);
      throw new AppException(
        CoreErrorCode.SERVICE_UNAVAILABLE,
        'The job queue is unavailable; nothing was queued, try again later',
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }

  /**
   * Marks an attempt as started. Returns false, and changes nothing, when the row is no longer
   * queued or running (failed to queue, cancelled, finished): such a job must not run.
   */
  async markRunning(id: string, attempts: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE jobs SET status = 'running', attempts = $2, started_at = coalesce(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id, attempts],
    );
    if (rows.length === 0) return false;
    await this.log(id, 'info', `Attempt ${attempts} started`);
    return true;
  }

  async progress(id: string, progress: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(`UPDATE jobs SET progress = $2, updated_at = now() WHERE id = $1`, [id, progress]);
  }

  async succeed(id: string, result: Record<string, unknown>): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET status = 'succeeded', result = $2, error = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
      [id, result],
    );
    await this.log(id, 'info', 'Succeeded', result);
  }

  /** Records a failed attempt; the row is `failed` only when no retry is left. */
  async fail(id: string, error: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET status = CASE WHEN $3 THEN 'failed' ELSE 'queued' END, error = $2,
         finished_at = CASE WHEN $3 THEN now() ELSE NULL END, updated_at = now() WHERE id = $1`,
      [id, error, final],
    );
    await this.log(id, final ? 'error' : 'warn', final ? `Failed: ${error}` : `Attempt failed, will retry: ${error}`);
  }

  async log(
    id: string,
    level: 'info' | 'warn' | 'error',
    message: string,
    data?: Record<string, unknown>,
  ): Promise<void> {
    await this.dataSource.query(`INSERT INTO job_events (job_id, level, message, data) VALUES ($1, $2, $3, $4)`, [
      id,
      level,
      message,
      data ?? null,
    ]);
  }

  findById(id: string): Promise<JobEntity | null> {
    return this.dataSource.getRepository(JobEntity).findOneBy({ id });
  }
}
