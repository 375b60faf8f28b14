import { createUser, CreatedUser } from '../factories/users.factory';
import { HttpResponse } from '../utils/http-client';
import { startTestRedis, TestRedis } from '../utils/redis-server';
import { startTestApp, TestApp } from '../utils/test-app';

const fieldsOf = (res: HttpResponse) => (res.body.details ?? []).map((d: { field: string }) => d.field);

describe('login while Redis is unreachable', () => {
  let redis: TestRedis;
  let t: TestApp;
  let user: CreatedUser;

  beforeAll(async () => {
    redis = await startTestRedis();
    t = await startTestApp({ REDIS_URL: redis.url, LOGIN_RATE_LIMIT: '3', TRUST_PROXY: '1' });
    user = await createUser(t, await t.adminToken());
  });

  afterAll(async () => {
    await redis.start();
    await t.close();
    await redis.stop();
  });

  const attempt = (password: string, ip: string) =>
    t.http.post('/api/auth/login', { email: user.email, password }, { headers: { 'x-forwarded-for': ip } });

  /** Polls /health/ready until `done` holds for its answer. */
  async function readyUntil(done: (res: HttpResponse) => boolean): Promise<HttpResponse> {
    const deadline = Date.now() + 15000;
    for (;;) {
      const res = await t.http.get('/health/ready');
      if (done(res) || Date.now() > deadline) return res;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('keeps logging in, limited per process, says so in readiness, and shares the limits again after', async () => {
    const before = await t.http.get('/health/ready');
    expect(before.status).toBe(200);
    expect(before.body.info.loginRateLimit).toEqual({ status: 'up' });

    await redis.stop();
    const ok = await attempt(user.password, '10.8.0.1');
    expect(ok.status).toBe(200);
    expect(ok.body.accessToken).toEqual(expect.any(String));

    for (let i = 0; i < 3; i++) expect((await attempt('wrong-password', '10.8.0.2')).status).toBe(401);
    const limited = await attempt(user.password, '10.8.0.2');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');

    const down = await t.http.get('/health/ready');
    expect(down.status).toBe(503);
    expect(fieldsOf(down)).toContain('loginRateLimit');
    const detail = down.body.details.find((d: { field: string }) => d.field === 'loginRateLimit');
    expect(detail.message).toContain('per process');

    await redis.start();
    const back = await readyUntil((res) => res.body.info?.loginRateLimit?.status === 'up');
    expect(back.status).toBe(200);
    expect((await attempt(user.password, '10.8.0.3')).status).toBe(200);
  }, 60000);
});
