import { JobsService, QueueName } from '@app/core';
import { MailService } from '@app/notifications';
import { DailyReportService, InactiveUsersCleanupService, RefreshTokenPurgeService, UsersSchedule } from '@app/users';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { freePort } from '../utils/redis-server';
import { startSmtpSink, SmtpSink } from '../utils/smtp-sink';
import { startTestApp, TEST_ADMIN_EMAIL, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

interface JobRow {
  id: string;
  status: string;
  result: Record<string, unknown> | null;
  error: string | null;
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const maintenanceQueue = (t: TestApp) => t.app.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });

describe('notifications and scheduled jobs', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let admin: string;

  const password = 'a-long-password-1';

  async function createUser(tag: string, overrides: Record<string, unknown> = {}) {
    const s = uniqueSuffix();
    const res = await t.http.post(
      '/api/users',
      { username: `${tag}_${s}`, email: `${tag}_${s}@example.test`, password, ...overrides },
      { token: admin },
    );
    expect(res.status).toBe(201);
    return res.body as { id: string; username: string; email: string; isActive: boolean };
  }

  const jobRow = async (id: string) => ((await t.db.query(`SELECT * FROM jobs WHERE id = $1`, [id])) as JobRow[])[0];
  const finished = (row: JobRow | undefined) => row?.status === 'succeeded' || row?.status === 'failed';
  /** Mail job rows (public.jobs) addressed to `email`. */
  const mailRowsTo = async (email: string) =>
    (await t.db.query(`SELECT * FROM jobs WHERE queue = 'mail' AND name = 'send' AND data->'to' ? $1`, [
      email,
    ])) as JobRow[];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      MAIL_URL: sink.url,
      MAIL_FROM: 'Strata Test <robot@strata.test>',
      INACTIVE_USER_DAYS: '30',
    });
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t?.close();
    await sink?.close();
  });

  describe('welcome mail', () => {
    it('reaches a new user through the mail queue, with text and HTML parts', async () => {
      const user = await createUser('welcome', { firstName: 'Wanda' });
      const mail = await sink.waitFor((m) => m.to.includes(user.email));
      expect(mail.to).toEqual([user.email]);
      expect(mail.from).toContain('robot@strata.test');
      expect(mail.text).toContain(user.username);
      expect(mail.text).toContain('Wanda');
      expect(mail.html).toContain(user.username);
      expect(mail.html).toContain('<h1');

      const rows = await eventually(
        () => mailRowsTo(user.email),
        (r) => r.length === 1 && finished(r[0]),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'succeeded', error: null });
    });
  });

  describe('POST /api/users/notify', () => {
    it('mails every matching active user and never an inactive one', async () => {
      const tag = `ntf${uniqueSuffix()}`;
      const first = await createUser(tag);
      const second = await createUser(tag);
      const inactive = await createUser(tag, { isActive: false });
      expect(inactive.isActive).toBe(false);
      const outsider = await createUser('outsider');

      const subject = `Maintenance ${tag}`;
      const res = await t.http.post(
        '/api/users/notify',
        { subject, text: 'Strata is down on Sunday.\n\nSorry for <the> trouble & noise.', filter: { search: tag } },
        { token: admin },
      );
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ jobId: expect.any(String), status: 'queued' });

      const row = await eventually(
        () => jobRow(res.body.jobId),
        (r) => finished(r),
      );
      expect(row).toMatchObject({ status: 'succeeded', result: { recipients: 2 } });

      for (const user of [first, second]) {
        const mail = await sink.waitFor((m) => m.to.includes(user.email) && m.subject === subject);
        expect(mail.text).toContain('Strata is down on Sunday.');
        expect(mail.text).toContain('Sorry for <the> trouble & noise.');
        expect(mail.html).toContain('Sorry for &lt;the&gt; trouble &amp; noise.');
        expect(mail.html).not.toContain('<the>');
      }
      // Every mail job the notification queued has ended: the inactive user and the outsider got none.
      const queued = await eventually(
        async () =>
          (await t.db.query(
            `SELECT status FROM jobs WHERE queue = 'mail' AND name = 'send' AND data->>'subject' = $1`,
            [subject],
          )) as JobRow[],
        (rows) => rows.length === 2 && rows.every(finished),
      );
      expect(queued.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      expect(
        sink.messages
          .filter((m) => m.subject === subject)
          .flatMap((m) => m.to)
          .sort(),
      ).toEqual([first.email, second.email].sort());
      expect(sink.to(inactive.email).filter((m) => m.subject === subject)).toEqual([]);
      expect(sink.to(outsider.email).filter((m) => m.subject === subject)).toEqual([]);
    });

    it('records a user.notify audit entry with the subject and filter', async () => {
      const subject = `Audited ${uniqueSuffix()}`;
      const filter = { search: `nobody-${uniqueSuffix()}` };
      const res = await t.http.post('/api/users/notify', { subject, text: 'Hello', filter }, { token: admin });
      expect(res.status).toBe(202);
      const [entry] = await t.db.query(
        `SELECT tenant_id, action, entity_type, details, actor_email FROM audit_log WHERE entity_id = $1`,
        [res.body.jobId],
      );
      expect(entry).toMatchObject({
        tenant_id: null,
        action: 'user.notify',
        entity_type: 'job',
        actor_email: TEST_ADMIN_EMAIL,
        details: { subject, filter },
      });
      const row = await eventually(
        () => jobRow(res.body.jobId),
        (r) => finished(r),
      );
      expect(row).toMatchObject({ status: 'succeeded', result: { recipients: 0 } });
    });

    it('with filter.isActive false mails nobody', async () => {
      const tag = `ina${uniqueSuffix()}`;
      await createUser(tag, { isActive: false });
      const res = await t.http.post(
        '/api/users/notify',
        { subject: 'Nobody', text: 'x', filter: { search: tag, isActive: false } },
        { token: admin },
      );
      expect(res.status).toBe(202);
      const row = await eventually(
        () => jobRow(res.body.jobId),
        (r) => finished(r),
      );
      expect(row).toMatchObject({ status: 'succeeded', result: { recipients: 0 } });
    });

    it('is for superadmins only, needs a token and validates its body', async () => {
      const user = await createUser('plain');
      const login = await t.http.post('/api/auth/login', { email: user.email, password });
      expect(login.status).toBe(200);
      const body = { subject: 'Hi', text: 'Hello' };

      expect((await t.http.post('/api/users/notify', body)).status).toBe(401);
      const forbidden = await t.http.post('/api/users/notify', body, { token: login.body.accessToken });
      expect(forbidden.status).toBe(403);

      for (const bad of [
        { text: 'no subject' },
        { subject: '', text: 'empty subject' },
        { subject: 'two\nlines', text: 'x' },
        { subject: 'Hi', text: '' },
        { subject: 'Hi', text: 'x', filter: { unknown: 1 } },
        { subject: 'Hi', text: 'x', filter: { isActive: 'yes' } },
        { subject: 'Hi', text: 'x', extra: true },
      ]) {
        const res = await t.http.post('/api/users/notify', bad, { token: admin });
        expect({ bad, status: res.status, code: res.body.code }).toEqual({
          bad,
          status: 400,
          code: 'VALIDATION_FAILED',
        });
      }
    });
  });

  describe('scheduled job handlers', () => {
    it('the daily report reaches the superadmin with the users, tenants and audit anchors sections', async () => {
      const before = sink.messages.length;
      const result = await t.app.get(DailyReportService).run();
      expect(result).toEqual({ recipients: 1, sections: 3 });
      const mail = await sink.waitFor(
        (m) =>
          sink.messages.indexOf(m) >= before &&
          m.to.includes(TEST_ADMIN_EMAIL) &&
          m.subject.startsWith('Strata daily report'),
      );
      expect(mail.text).toContain('Users');
      expect(mail.text).toMatch(/New users: \d+/);
      expect(mail.text).toMatch(/Logins: [1-9]\d*/);
      expect(mail.text).toContain('Tenants');
      expect(mail.text).toMatch(/New tenants: \d+/);
      expect(mail.html).toMatch(/<li>New users: \d+<\/li>/);
      expect(mail.text).toContain('Audit anchors');
      expect(mail.text).toMatch(/Chain platform: seq \d+, hash [0-9a-f]{64}, signature \S+ \(key [0-9a-f]{16}\)/);
    });

    it('the inactive-user clean-up deactivates long-inactive users, revokes their tokens and audits it', async () => {
      const stale = await createUser('stale');
      const login = await t.http.post('/api/auth/login', { email: stale.email, password });
      expect(login.status).toBe(200);
      const neverLoggedIn = await createUser('never');
      const recent = await createUser('recent');
      await t.db.query(`UPDATE users SET last_login_at = now() - interval '40 days' WHERE id = $1`, [stale.id]);
      await t.db.query(`UPDATE users SET created_at = now() - interval '40 days' WHERE id = $1`, [neverLoggedIn.id]);
      // Logged in 40 days ago but created recently: the login counts, not the creation.
      await t.db.query(`UPDATE users SET last_login_at = now() - interval '10 days' WHERE id = $1`, [recent.id]);

      const [superadmin] = await t.db.query(`SELECT id, last_login_at, created_at FROM users WHERE email = $1`, [
        TEST_ADMIN_EMAIL,
      ]);
      await t.db.query(
        `UPDATE users SET last_login_at = now() - interval '400 days', created_at = now() - interval '400 days' WHERE id = $1`,
        [superadmin.id],
      );
      let result;
      try {
        result = await t.app.get(InactiveUsersCleanupService).run();
      } finally {
        await t.db.query(`UPDATE users SET last_login_at = $2, created_at = $3 WHERE id = $1`, [
          superadmin.id,
          superadmin.last_login_at,
          superadmin.created_at,
        ]);
      }
      expect(result).toMatchObject({ inactiveDays: 30 });
      expect(result.deactivated).toBeGreaterThanOrEqual(2);

      const states = await t.db.query(`SELECT id, is_active FROM users WHERE id = ANY($1::uuid[])`, [
        [stale.id, neverLoggedIn.id, recent.id, superadmin.id],
      ]);
      const active = Object.fromEntries(states.map((r: { id: string; is_active: boolean }) => [r.id, r.is_active]));
      expect(active).toEqual({
        [stale.id]: false,
        [neverLoggedIn.id]: false,
        [recent.id]: true,
        [superadmin.id]: true,
      });

      const refresh = await t.http.post('/api/auth/refresh', { refreshToken: login.body.refreshToken });
      expect(refresh.status).toBe(401);
      const [tokens] = await t.db.query(
        `SELECT count(*)::int AS live FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [stale.id],
      );
      expect(tokens.live).toBe(0);

      const audit = await t.db.query(
        `SELECT entity_id, actor_id, actor_email, tenant_id, details FROM audit_log WHERE action = 'user.deactivate' AND entity_id = ANY($1)`,
        [[stale.id, neverLoggedIn.id, recent.id]],
      );
      expect(audit).toHaveLength(2);
      for (const entry of audit) {
        expect(entry).toMatchObject({
          actor_id: null,
          actor_email: 'system',
          tenant_id: null,
          details: { reason: 'inactive', inactiveDays: 30 },
        });
      }

      // Nothing is left to do: a second run changes nothing.
      const again = await t.app.get(InactiveUsersCleanupService).run();
      const [still] = await t.db.query(`SELECT is_active FROM users WHERE id = $1`, [recent.id]);
      expect(still.is_active).toBe(true);
      expect(again.deactivated).toBe(0);
    });

    it('the refresh-token purge deletes expired and long-revoked tokens, keeps the others, and counts them', async () => {
      const user = await createUser('tokens');
      for (let i = 0; i < 5; i += 1) {
        expect((await t.http.post('/api/auth/login', { email: user.email, password })).status).toBe(200);
      }
      const ids: string[] = (
        await t.db.query(`SELECT id FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at, id`, [user.id])
      ).map((r: { id: string }) => r.id);
      expect(ids).toHaveLength(5);
      // Whatever earlier tests left to purge goes first, so the count below is this test's own.
      await t.app.get(RefreshTokenPurgeService).run();
      const [expired, alsoExpired, longRevoked, recentlyRevoked, live] = ids;
      await t.db.query(`UPDATE refresh_tokens SET expires_at = now() - interval '1 minute' WHERE id = ANY($1)`, [
        [expired, alsoExpired],
      ]);
      await t.db.query(`UPDATE refresh_tokens SET revoked_at = now() - interval '8 days' WHERE id = $1`, [longRevoked]);
      await t.db.query(`UPDATE refresh_tokens SET revoked_at = now() - interval '1 day' WHERE id = $1`, [
        recentlyRevoked,
      ]);

      // Three, not two: TypeORM answers a DELETE ... RETURNING with [rows, count], whose length is always 2.
      const result = await t.app.get(RefreshTokenPurgeService).run();
      expect(result.purged).toBe(3);
      const left = (await t.db.query(`SELECT id FROM refresh_tokens WHERE user_id = $1`, [user.id])).map(
        (r: { id: string }) => r.id,
      );
      expect(left.sort()).toEqual([recentlyRevoked, live].sort());
    });

    it('a scheduled run through the maintenance queue is recorded in public.jobs', async () => {
      const started = new Date();
      await maintenanceQueue(t).add('refresh-token-purge', {}, { removeOnComplete: true });
      const rows = await eventually(
        async () =>
          (await t.db.query(
            `SELECT * FROM jobs WHERE queue = 'maintenance' AND name = 'refresh-token-purge' AND created_at >= $1`,
            [started],
          )) as JobRow[],
        (r) => r.length === 1 && finished(r[0]),
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'succeeded', result: { purged: expect.any(Number) } });
    });
  });

  describe('mail delivery failures', () => {
    let down: TestApp;

    beforeAll(async () => {
      // Nothing listens on this port: every SMTP connection is refused.
      down = await startTestApp({ MAIL_URL: `smtp://127.0.0.1:${await freePort()}` });
    });
    afterAll(async () => {
      await down?.close();
    });

    const rowOf = async (id: string) =>
      ((await down.db.query(`SELECT * FROM jobs WHERE id = $1`, [id])) as Array<JobRow & { attempts: number }>)[0];

    it('keeps a failed mail queued for its retries, with the error recorded', async () => {
      const { jobId } = await down.app.get(MailService).enqueue({
        to: 'retry@example.test',
        subject: 'Retried',
        template: 'bulk',
        context: { subject: 'Retried', text: 'x' },
      });
      const row = await eventually(
        () => rowOf(jobId),
        (r) => r.error !== null,
      );
      expect(row).toMatchObject({
        status: 'queued',
        attempts: 1,
        error: expect.stringMatching(/ECONNREFUSED|connect/i),
      });
      const bull = await down.app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false }).getJob(jobId);
      expect(bull?.opts.attempts).toBe(5);
      expect(bull?.opts.backoff).toEqual({ type: 'exponential', delay: 2000 });
    });

    it('marks the row failed once no attempt is left', async () => {
      const row = await down.app.get(JobsService).enqueue({
        queue: QueueName.Mail,
        name: 'send',
        data: { to: ['final@example.test'], subject: 'Final', template: 'bulk', context: { text: 'x' } },
        options: { attempts: 1 },
      });
      const ended = await eventually(
        () => rowOf(row.id),
        (r) => r.status === 'failed',
      );
      expect(ended).toMatchObject({ status: 'failed', attempts: 1, error: expect.any(String) });
    });

    it('refuses an unknown template before queuing anything', async () => {
      await expect(
        down.app.get(MailService).enqueue({ to: 'a@example.test', subject: 's', template: 'no-such', context: {} }),
      ).rejects.toThrow(/Unknown mail template "no-such"/);
    });
  });

  describe('repeatable jobs', () => {
    const prefix = `strata_test_rep_${uniqueSuffix()}`;
    const apps: TestApp[] = [];
    const start = async (env: Record<string, string> = {}) => {
      const app = await startTestApp({ QUEUE_PREFIX: prefix, ...env });
      apps.push(app);
      return app;
    };
    const schedule = async (app: TestApp) =>
      (await maintenanceQueue(app).getRepeatableJobs())
        .map((job) => ({ name: job.name, id: job.id, cron: job.cron }))
        .sort((a, b) => a.name.localeCompare(b.name));

    afterAll(async () => {
      if (apps[0]) {
        await maintenanceQueue(apps[0]).obliterate({ force: true });
        await apps[0].app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false }).obliterate({ force: true });
      }
      for (const app of apps) await app.close();
    });

    it('exist once in Redis however many workers start, and follow a changed or emptied cron', async () => {
      const first = await start();
      await start();
      expect(await schedule(first)).toEqual([
        { name: 'daily-report', id: 'daily-report', cron: '0 7 * * *' },
        { name: 'inactive-user-cleanup', id: 'inactive-user-cleanup', cron: '30 3 * * *' },
        { name: 'refresh-token-purge', id: 'refresh-token-purge', cron: '15 * * * *' },
      ]);

      await start({ DAILY_REPORT_CRON: '0 8 * * 1-5', REFRESH_TOKEN_PURGE_CRON: '' });
      expect(await schedule(first)).toEqual([
        { name: 'daily-report', id: 'daily-report', cron: '0 8 * * 1-5' },
        { name: 'inactive-user-cleanup', id: 'inactive-user-cleanup', cron: '30 3 * * *' },
      ]);

      // A worker starting at the same moment as another registers nothing twice.
      const fourth = await start({ DAILY_REPORT_CRON: '0 8 * * 1-5', REFRESH_TOKEN_PURGE_CRON: 'off' });
      await Promise.all(apps.slice(2).map((app) => app.app.get(UsersSchedule).onApplicationBootstrap()));
      expect(await schedule(fourth)).toHaveLength(2);
    });

    it('the clean-up does nothing while INACTIVE_USER_DAYS is 0', async () => {
      const off = apps[0];
      expect(off.env.INACTIVE_USER_DAYS).toBe(0);
      const s = uniqueSuffix();
      const created = await off.http.post(
        '/api/users',
        { username: `off_${s}`, email: `off_${s}@example.test`, password },
        { token: await off.adminToken() },
      );
      expect(created.status).toBe(201);
      await off.db.query(`UPDATE users SET created_at = now() - interval '5000 days' WHERE id = $1`, [created.body.id]);
      expect(await off.app.get(InactiveUsersCleanupService).run()).toEqual({
        inactiveDays: 0,
        deactivated: 0,
        keptAsLastAdmin: 0,
      });
      const [row] = await off.db.query(`SELECT is_active FROM users WHERE id = $1`, [created.body.id]);
      expect(row.is_active).toBe(true);
      await off.db.query(`DELETE FROM users WHERE id = $1`, [created.body.id]);
    });
  });
});
