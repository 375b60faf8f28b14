import type { JobOptions, Queue } from 'bull';

/** Values of a `*_CRON` setting that switch its job off. */
const DISABLED = new Set(['', 'off', 'false', 'disabled', 'none']);

export function cronEnabled(cron: string | undefined | null): cron is string {
  return cron != null && !DISABLED.has(cron.trim().toLowerCase());
}

export interface RepeatableSchedule {
  name: string;
  /** A cron expression; empty or `off` removes the schedule. */
  cron: string | undefined | null;
  tz?: string;
  options?: Omit<JobOptions, 'repeat' | 'jobId'>;
}

export type ScheduleChange = 'added' | 'kept' | 'removed' | 'disabled';

/**
 * Makes `name` repeat on `cron` exactly once per queue, however many workers call this at
 * start-up: the fixed job id makes the repeat key the same for every caller (Bull stores it in a
 * sorted set, so adding it twice keeps one), and schedules of the same name with another cron
 * (an old setting) are removed.
 */
export async function ensureRepeatableJob(queue: Queue, schedule: RepeatableSchedule): Promise<ScheduleChange> {
  const cron = cronEnabled(schedule.cron) ? schedule.cron.trim() : null;
  const tz = schedule.tz ?? null;
  const existing = (await queue.getRepeatableJobs()).filter((job) => job.name === schedule.name);
  const current = (job: (typeof existing)[number]) =>
    cron !== null && job.cron === cron && job.id === schedule.name && (job.tz || null) === tz;
  let removed = false;
  for (const job of existing) {
    if (current(job)) continue;
    await queue.removeRepeatableByKey(job.key);
    removed = true;
  }
  if (cron === null) return removed ? 'removed' : 'disabled';
  if (existing.some(current)) return 'kept';
  await queue.add(
    schedule.name,
    {},
    {
      ...schedule.options,
      jobId: schedule.name,
      repeat: { cron, ...(tz ? { tz } : {}) },
    },
  );
  return 'added';
}

/** How long to wait before trying again when registering schedules failed (Redis went away). */
const SCHEDULE_RETRY_MS = 5000;

/**
 * Registers `schedules` on `queue` without holding up start-up: while Redis is down, Bull keeps the
 * commands until it is back (and this tries again if they fail meanwhile), so a worker, and the API
 * it is embedded in, starts and serves without Redis. Resolves when every schedule is registered
 * or `signal` aborts.
 */
export async function ensureRepeatableJobsInBackground(
  queue: Queue,
  schedules: readonly RepeatableSchedule[],
  report: { registered(schedule: RepeatableSchedule, change: ScheduleChange): void; retrying(error: unknown): void },
  signal: AbortSignal,
): Promise<void> {
  while (!signal.aborted) {
    try {
      for (const schedule of schedules) report.registered(schedule, await ensureRepeatableJob(queue, schedule));
      return;
    } catch (error) {
      if (signal.aborted) return;
      report.retrying(error);
      await new Promise((resolve) => setTimeout(resolve, SCHEDULE_RETRY_MS).unref());
    }
  }
}
