import { JobsService, QueueName, withTimeout } from '@app/core';
import { MailJobName, SEND_MAIL_JOB_OPTIONS } from '@app/notifications';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { startTestRedis, TestRedis } from '../utils/redis-server';
import { startTestApp, TestApp } from '../utils/test-app';

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `npm start`: the API with the worker embedded, here started while Redis is down. */
describe('Redis down', () => {
  let redis: TestRedis;
  let t: TestApp;

  const jobStatus = async (id: string) =>
    ((await t.db.query(`SELECT status FROM jobs WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const mailJob = (to: string, delay = 0) =>
    t.app.get(JobsService).enqueue({
      queue: QueueName.Mail,
      name: MailJobName.Send,
      data: { to: [to], subject: 'Queued', template: 'bulk', context: { subject: 'Queued', text: 'Sent later.' } },
      options: { ...SEND_MAIL_JOB_OPTIONS, delay },
    });

  beforeAll(async () => {
    redis = await startTestRedis({ persistent: true });
    await redis.stop();
    t = await withTimeout(startTestApp({ REDIS_URL: redis.url }), 20000, 'Starting the app while Redis is down');
  }, 30000);
  afterAll(async () => {
    await redis?.start();
    await t?.close();
    await redis?.stop();
  });

  it('the API listens, answers /health, and readiness names Redis as down', async () => {
    expect((await t.http.get('/health')).status).toBe(200);
    const ready = await t.http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details).toEqual([
      { field: 'redis', message: 'is unreachable' },
      { field: 'loginRateLimit', message: expect.stringContaining('per process') },
    ]);
  });

  it('registers the scheduled jobs and runs queued work once Redis is back', async () => {
    await redis.start();
    expect(
      (
        await eventually(
          () => t.http.get('/health/ready'),
          (res) => res.status === 200,
        )
      ).status,
    ).toBe(200);
    const maintenance = t.app.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });
    const scheduled = await eventually(
      async () => (await maintenance.getRepeatableJobs()).map((job) => job.name).sort(),
      (names) => names.length === 3,
    );
    expect(scheduled).toEqual(['daily-report', 'inactive-user-cleanup', 'refresh-token-purge']);

    const { id } = await mailJob('back@example.test');
    expect(
      await eventually(
        () => jobStatus(id),
        (status) => status === 'succeeded',
      ),
    ).toBe('succeeded');
  });

  it('runs a job that was waiting in Redis when it went down, once it is back', async () => {
    const { id } = await mailJob('waiting@example.test', 2000);
    await redis.stop();
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(await jobStatus(id)).toBe('queued');
    await redis.start();
    expect(
      await eventually(
        () => jobStatus(id),
        (status) => status === 'succeeded',
      ),
    ).toBe('succeeded');
  });
});
