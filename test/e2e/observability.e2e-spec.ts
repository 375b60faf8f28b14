import { MailService } from '@app/notifications';
import { __resetOutOfContextForTests } from 'nestjs-pino/PinoLogger';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRedis, TestRedis } from '../utils/redis-server';
import { startTestApp, TestApp } from '../utils/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 15000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The value of one series line, e.g. `strata_users{state="active"}`; undefined when absent. */
function sample(metrics: string, series: string): number | undefined {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('observability', () => {
  describe('health, metrics and request ids', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    it('GET /health answers 200 {status: ok} without a token', async () => {
      const res = await t.http.get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('GET /health/ready answers 200 when PostgreSQL and Redis are reachable', async () => {
      const res = await t.http.get('/health/ready');
      expect(res.status).toBe(200);
      const { tenantSchemas, ...dependencies } = res.body.info;
      expect(dependencies).toEqual({
        database: { status: 'up' },
        redis: { status: 'up' },
        loginRateLimit: { status: 'up' },
      });
      // Other test files leave tenant rows without a schema in the shared database; readiness.e2e-spec
      // checks that part against a database of its own.
      expect(res.body.status).toBe(tenantSchemas.status === 'up' ? 'ok' : 'degraded');
    });

    it('health routes are not under /api', async () => {
      expect((await t.http.get('/api/health')).status).toBe(404);
      expect((await t.http.get('/api/metrics')).status).toBe(404);
    });

    it('GET /metrics is open without METRICS_TOKEN and speaks the Prometheus text format', async () => {
      const res = await t.http.get('/metrics');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(res.text).toContain('# TYPE process_cpu_user_seconds_total counter');
      expect(res.text).toContain('# TYPE strata_tenant_migrations_total counter');
    });

    it('records HTTP latency per route pattern, method and status', async () => {
      const id = randomUUID();
      const token = await t.adminToken();
      expect((await t.http.get(`/api/users/${id}`, { token })).status).toBe(404);
      expect((await t.http.get(`/api/users/${randomUUID()}`)).status).toBe(401);
      const metrics = (await t.http.get('/metrics')).text;
      expect(metrics).toContain('# TYPE strata_http_request_duration_seconds histogram');
      const labels = (status: number) => `method="GET",route="/api/users/:id",status_code="${status}"`;
      expect(sample(metrics, `strata_http_request_duration_seconds_count{${labels(404)}}`)).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, `strata_http_request_duration_seconds_count{${labels(401)}}`)).toBeGreaterThanOrEqual(1);
      expect(metrics).toContain(`strata_http_request_duration_seconds_bucket{le="+Inf",${labels(404)}}`);
      // The id itself never becomes a label value.
      expect(metrics).not.toContain(id);
    });

    it('labels requests that match no route as unmatched, whatever their path', async () => {
      const path = `/api/nowhere-${randomUUID()}`;
      expect((await t.http.get(path)).status).toBe(404);
      const metrics = (await t.http.get('/metrics')).text;
      expect(
        sample(metrics, 'strata_http_request_duration_seconds_count{method="GET",route="unmatched",status_code="404"}'),
      ).toBeGreaterThanOrEqual(1);
      expect(metrics).not.toContain(path);
    });

    it('counts jobs by queue, name and outcome with their duration', async () => {
      const before =
        sample(
          (await t.http.get('/metrics')).text,
          'strata_jobs_total{queue="mail",name="send",outcome="succeeded"}',
        ) ?? 0;
      const { jobId } = await t.app.get(MailService).enqueue({
        to: 'metrics@example.test',
        subject: 'Metrics',
        template: 'bulk',
        context: { subject: 'Metrics', text: 'Counted.' },
      });
      const row = await eventually(
        async () => (await t.db.query(`SELECT status FROM jobs WHERE id = $1`, [jobId]))[0] as { status: string },
        (r) => r.status === 'succeeded',
      );
      expect(row.status).toBe('succeeded');
      const metrics = (await t.http.get('/metrics')).text;
      expect(sample(metrics, 'strata_jobs_total{queue="mail",name="send",outcome="succeeded"}')).toBe(before + 1);
      expect(sample(metrics, 'strata_job_duration_seconds_count{queue="mail",name="send"}')).toBeGreaterThanOrEqual(1);
    });

    it('exposes users and tenants gauges counted at scrape time', async () => {
      const metrics = (await t.http.get('/metrics')).text;
      expect(metrics).toContain('# TYPE strata_users gauge');
      expect(metrics).toContain('# TYPE strata_tenants gauge');
      const [counts] = await t.db.query(`SELECT count(*)::int AS users FROM users WHERE is_active`);
      // Other test files may add users meanwhile, never remove the seeded superadmin.
      expect(sample(metrics, 'strata_users{state="active"}')).toBeGreaterThanOrEqual(1);
      expect(sample(metrics, 'strata_users{state="active"}')).toBeLessThanOrEqual(counts.users);
      expect(sample(metrics, 'strata_users{state="inactive"}')).toEqual(expect.any(Number));
      expect(sample(metrics, 'strata_tenants')).toEqual(expect.any(Number));
    });

    it('echoes a sane X-Request-Id and generates one otherwise', async () => {
      const given = `obs-${randomUUID()}`;
      const echoed = await t.http.get('/health', { headers: { 'x-request-id': given } });
      expect(echoed.headers.get('x-request-id')).toBe(given);

      const generated = await t.http.get('/health');
      expect(generated.headers.get('x-request-id')).toMatch(UUID);

      const insane = await t.http.get('/health', { headers: { 'x-request-id': 'bad id with spaces' } });
      expect(insane.headers.get('x-request-id')).toMatch(UUID);
    });

    it('puts the request id of an error in its body and header', async () => {
      const given = `obs-${randomUUID()}`;
      const res = await t.http.get('/api/no-such-route', { headers: { 'x-request-id': given } });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-request-id')).toBe(given);
      expect(res.body).toMatchObject({ statusCode: 404, requestId: given });

      const unauthenticated = await t.http.get('/api/users');
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.body.requestId).toMatch(UUID);
      expect(unauthenticated.body.requestId).toBe(unauthenticated.headers.get('x-request-id'));
    });
  });

  describe('readiness with a Redis that goes away, and a metrics token', () => {
    const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
    let redis: TestRedis;
    let t: TestApp;

    beforeAll(async () => {
      redis = await startTestRedis();
      t = await startTestApp({ REDIS_URL: redis.url, METRICS_TOKEN });
    });
    afterAll(async () => {
      await redis?.start();
      await t?.close();
      await redis?.stop();
    });

    it('/metrics needs the bearer METRICS_TOKEN when it is set', async () => {
      const without = await t.http.get('/metrics');
      expect(without.status).toBe(401);
      expect(without.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'UNAUTHORIZED' });
      expect(without.body.requestId).toBe(without.headers.get('x-request-id'));

      const wrong = await t.http.get('/metrics', { token: `${METRICS_TOKEN}x` });
      expect(wrong.status).toBe(401);

      const userToken = await t.http.get('/metrics', { token: await t.adminToken() });
      expect(userToken.status).toBe(401);

      const right = await t.http.get('/metrics', { token: METRICS_TOKEN });
      expect(right.status).toBe(200);
      expect(right.text).toContain('strata_http_request_duration_seconds');
    });

    it('/health/ready turns 503 quickly when Redis stops and 200 again once it is back', async () => {
      expect((await t.http.get('/health/ready')).status).toBe(200);

      await redis.stop();
      const started = Date.now();
      const down = await t.http.get('/health/ready');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'SERVICE_UNAVAILABLE',
        details: [
          { field: 'redis', message: 'is unreachable' },
          { field: 'loginRateLimit', message: expect.stringContaining('per process') },
        ],
      });
      // Which dependency, never the driver's error text (addresses, ports).
      expect(down.text).not.toContain(String(redis.port));
      expect(down.text).not.toMatch(/ECONNREFUSED|connect/i);
      expect(down.body.requestId).toBe(down.headers.get('x-request-id'));
      // Liveness does not depend on Redis.
      expect((await t.http.get('/health')).status).toBe(200);

      await redis.start();
      const up = await eventually(
        () => t.http.get('/health/ready'),
        (res) => res.status === 200,
      );
      expect(up.status).toBe(200);
      expect(up.body.info.redis).toEqual({ status: 'up' });
    });
  });

  describe('logs', () => {
    let dir: string;
    let t: TestApp;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'strata-logs-'));
      // nestjs-pino keeps the first app's logger for lines outside a request (job processors) per
      // process; this app must log through its own, as it would alone in production.
      __resetOutOfContextForTests();
      t = await startTestApp({ LOG_LEVEL: 'info', LOG_FILE: join(dir, 'strata.log') });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const logLines = () => readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n'));

    it('writes JSON lines carrying the request id to the rotating LOG_FILE', async () => {
      const requestId = `log-${randomUUID()}`;
      expect((await t.http.get('/api/no-such-route', { headers: { 'x-request-id': requestId } })).status).toBe(404);
      const lines = await eventually(
        async () => logLines().filter((line) => line.includes(requestId)),
        (found) => found.length > 0,
        10000,
      );
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        expect(entry.requestId).toBe(requestId);
        expect(typeof entry.level).toBe('number');
      }
      const completed = lines.map((line) => JSON.parse(line)).find((entry) => entry.res);
      expect(completed).toMatchObject({ requestId, res: { statusCode: 404 }, req: { method: 'GET' } });
    });

    it('logs requests to the routes outside /api too', async () => {
      const requestId = `log-${randomUUID()}`;
      expect((await t.http.get('/health/ready', { headers: { 'x-request-id': requestId } })).status).toBe(200);
      const lines = await eventually(
        async () => logLines().filter((line) => line.includes(requestId)),
        (found) => found.length > 0,
        10000,
      );
      expect(JSON.parse(lines[0])).toMatchObject({ requestId, req: { url: '/health/ready' } });
    });

    it('writes a mail to the log as one JSON line when MAIL_URL is unset', async () => {
      const to = `logged-${randomUUID()}@example.test`;
      const { jobId } = await t.app.get(MailService).enqueue({
        to,
        subject: 'Logged, not sent',
        template: 'welcome',
        context: { username: 'logged_user', firstName: 'Lou', email: to },
      });
      const lines = await eventually(
        async () => logLines().filter((line) => line.includes(to) && line.includes('"mail"')),
        (found) => found.length > 0,
        10000,
      );
      expect(lines).toHaveLength(1);
      const { mail } = JSON.parse(lines[0]) as { mail: Record<string, unknown> };
      expect(mail).toEqual({
        to: [to],
        subject: 'Logged, not sent',
        text: expect.stringContaining('Username: logged_user'),
        html: expect.stringContaining('<strong>logged_user</strong>'),
      });
      const row = await eventually(
        async () => (await t.db.query(`SELECT status FROM jobs WHERE id = $1`, [jobId]))[0] as { status: string },
        (r) => r.status === 'succeeded',
      );
      expect(row.status).toBe('succeeded');
    });

    it('starts without the legacy route path warning of the request logger', () => {
      const all = logLines();
      expect(all.some((line) => line.includes('"msg"'))).toBe(true);
      expect(all.filter((line) => line.includes('Unsupported route path'))).toEqual([]);
    });
  });
});
