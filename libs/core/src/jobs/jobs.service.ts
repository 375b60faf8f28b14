import { HttpStatus, Injectable } from '@nestjs/common';
import { AppException } from '../errors/app.exception';
import { CoreErrorCode } from '../errors/error-code';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JobOptions } from 'bull';
import { DataSource, EntityManager } from 'typeorm';
import { JobEntity } from './job.entity';
import { addToQueue, queueOf } from './queue-job';
import { QueueName } from './queue-names';

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

  /** Inserts the job row and enqueues it at once. */
  async enqueue(request: EnqueueRequest): Promise<JobEntity> {
    const row = await this.createRow(request);
    await this.dispatch(row, request.options);
    return row;
  }

  /**
   * Inserts the job row only, inside the caller's transaction; call `dispatch` after it commits
   * so that no worker picks up a job whose row it cannot see yet. A job that must survive the
   * process dying before that dispatch goes through `JobOutbox.stage` instead.
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
    try {
      await addToQueue(queueOf(this.moduleRef, row.queue as QueueName), row, options);
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
    const started = await this.changed(
      `UPDATE jobs SET status = 'running', attempts = $2, started_at = coalesce(started_at, now()), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, attempts],
    );
    if (!started) return false;
    await this.log(id, 'info', `Attempt ${attempts} started`);
    return true;
  }

  async progress(id: string, progress: Record<string, unknown>, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `UPDATE jobs SET progress = $2, updated_at = now() WHERE id = $1`,
      [id, progress],
    );
  }

  /**
   * Marks a running job succeeded. Returns false, and changes nothing, when the row is no longer
   * running: a job cancelled (or finished by another attempt) meanwhile keeps its status.
   */
  async succeed(id: string, result: Record<string, unknown>): Promise<boolean> {
    const succeeded = await this.changed(
      `UPDATE jobs SET status = 'succeeded', result = $2, error = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'running'`,
      [id, result],
    );
    if (!succeeded) return this.ignored(id, 'Succeeded', result);
    await this.log(id, 'info', 'Succeeded', result);
    return true;
  }

  /**
   * Records a failed attempt; the row is `failed` only when no retry is left. Returns false, and
   * changes nothing, when the row is no longer queued or running (cancelled, finished).
   */
  async fail(id: string, error: string, final: boolean, result?: Record<string, unknown>): Promise<boolean> {
    const failed = await this.changed(
      `UPDATE jobs SET status = CASE WHEN $3 THEN 'failed' ELSE 'queued' END, error = $2, result = coalesce($4, result),
         finished_at = CASE WHEN $3 THEN now() ELSE NULL END, updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, error, final, result ?? null],
    );
    if (!failed) return this.ignored(id, `Failed: ${error}`);
    await this.log(id, final ? 'error' : 'warn', final ? `Failed: ${error}` : `Attempt failed, will retry: ${error}`);
    return true;
  }

  /** Cancels a queued or running job; false when it has already ended. A running attempt is not interrupted. */
  async cancel(id: string): Promise<boolean> {
    const cancelled = await this.changed(
      `UPDATE jobs SET status = 'cancelled', finished_at = now(), updated_at = now()
        WHERE id = $1 AND status IN ('queued', 'running')`,
      [id],
    );
    if (!cancelled) return false;
    await this.log(id, 'warn', 'Cancelled');
    return true;
  }

  /**
   * Runs a one-row UPDATE and tells whether it changed the row. (TypeORM answers an UPDATE with
   * `[rows, rowCount]`, whatever it returns, so the rows are read through a CTE instead.)
   */
  private async changed(update: string, parameters: unknown[]): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH changed AS (${update} RETURNING 1) SELECT 1 FROM changed`,
      parameters,
    );
    return rows.length > 0;
  }

  /** Logs an attempt's outcome that came after the row had ended, and left it as it was. */
  private async ignored(id: string, outcome: string, data?: Record<string, unknown>): Promise<false> {
    const rows: Array<{ status: string }> = await this.dataSource.query(`SELECT status FROM jobs WHERE id = $1`, [id]);
    if (rows.length > 0) {
      await this.log(id, 'warn', `Attempt ended (${outcome}) after the job was ${rows[0].status}; status kept`, data);
    }
    return false;
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
