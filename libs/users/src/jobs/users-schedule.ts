import { Env, ensureRepeatableJobsInBackground, InjectEnv, QueueName, waitAtMost } from '@app/core';
import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { JobOptions, Queue } from 'bull';
import { UsersJobName } from './users-job-names';

/** How long start-up waits for the schedules to be registered: milliseconds when Redis is up. */
const START_UP_WAIT_MS = 2000;

const SCHEDULED_JOB_OPTIONS: JobOptions = { attempts: 3, backoff: { type: 'exponential', delay: 30_000 } };

/** Registers the users lib's repeatable jobs when a worker starts (once per queue, whatever the number of workers). */
@Injectable()
export class UsersSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(UsersSchedule.name);
  private readonly stopping = new AbortController();

  constructor(
    @InjectEnv() private readonly env: Env,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  schedules(): Array<{ name: UsersJobName; cron: string }> {
    return [
      { name: UsersJobName.DailyReport, cron: this.env.DAILY_REPORT_CRON },
      { name: UsersJobName.InactiveUserCleanup, cron: this.env.INACTIVE_USER_CLEANUP_CRON },
      { name: UsersJobName.RefreshTokenPurge, cron: this.env.REFRESH_TOKEN_PURGE_CRON },
    ];
  }

  /**
   * With Redis up the schedules are in place before the app serves; with Redis down start-up goes
   * on after a moment and they are registered once it is back (see `ensureRepeatableJobsInBackground`).
   */
  async onApplicationBootstrap(): Promise<void> {
    const schedules = this.schedules().map(({ name, cron }) => ({ name, cron, options: SCHEDULED_JOB_OPTIONS }));
    const registered = ensureRepeatableJobsInBackground(
      this.queue,
      schedules,
      {
        registered: ({ name, cron }, change) =>
          this.logger.log({ job: name, cron, change }, `Scheduled job ${name}: ${change}`),
        retrying: (error) =>
          this.logger.warn(
            `Scheduled jobs not registered yet, trying again: ${error instanceof Error ? error.message : String(error)}`,
          ),
      },
      this.stopping.signal,
    );
    await waitAtMost(registered, START_UP_WAIT_MS);
  }

  onApplicationShutdown(): void {
    this.stopping.abort();
  }
}
