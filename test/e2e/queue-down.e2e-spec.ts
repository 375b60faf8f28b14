import { startTestRedis, TestRedis } from '../utils/redis-server';
import { startTestApp, TestApp } from '../utils/test-app';

describe('when Redis cannot take a job', () => {
  let redis: TestRedis;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    redis = await startTestRedis();
    t = await startTestApp({ REDIS_URL: redis.url });
    admin = await t.adminToken();
  });

  afterAll(async () => {
    await redis.start();
    await t.close();
    await redis.stop();
  });

  it('answers 503 in time, marks the job row failed, and never runs it later', async () => {
    await redis.stop();
    const started = Date.now();
    const res = await t.http.post('/api/users/notify', { subject: 'Hello', text: 'Never sent' }, { token: admin });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'SERVICE_UNAVAILABLE' });
    expect(res.body.message).toContain('nothing was queued');
    expect(Date.now() - started).toBeLessThan(15000);

    const rows: Array<{ id: string; status: string; error: string }> = await t.db.query(
      `SELECT id, status, error FROM jobs WHERE name = 'notify-users' AND data->>'text' = 'Never sent'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed' });
    expect(rows[0].error).toMatch(/^Could not be queued/);

    // Redis comes back and may still deliver the late job to the worker: it must not run.
    await redis.start();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const after: Array<{ status: string; attempts: number }> = await t.db.query(
      'SELECT status, attempts FROM jobs WHERE id = $1',
      [rows[0].id],
    );
    expect(after[0]).toEqual({ status: 'failed', attempts: 0 });
  }, 60000);
});
