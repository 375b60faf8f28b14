import { JobsService, QueueName } from '@app/core';
import { MailService } from '@app/notifications';
import { NotifyUsersService } from '@app/users';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { Client } from 'pg';
import { createUser, CreatedUser } from '../factories/users.factory';
import { startTestRedis, TestRedis } from '../utils/redis-server';
import { startSmtpSink, SmtpSink } from '../utils/smtp-sink';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

interface JobRow {
  id: string;
  status: string;
  attempts: number;
  data: Record<string, unknown>;
  result: Record<string, unknown> | null;
}

async function eventually<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const jobRow = async (t: TestApp, id: string) =>
  ((await t.db.query(`SELECT * FROM jobs WHERE id = $1`, [id])) as JobRow[])[0];

/** Statements as the database owner (the test run's superuser URL), for faults the app could never cause itself. */
async function asOwner(t: TestApp, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: t.env.DATABASE_URL });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Settled by hand, perhaps before the SMTP conversation awaits it: a rejection nobody awaits yet
  // must not count as unhandled. Awaiting `promise` still sees it.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

describe('jobs and mail delivery', () => {
  describe('with Redis and SMTP up', () => {
    /** Mails to these addresses wait in the SMTP conversation until the test settles their gate. */
    const gates = new Map<string, ReturnType<typeof deferred>>();
    let sink: SmtpSink;
    let t: TestApp;
    let admin: string;

    beforeAll(async () => {
      sink = await startSmtpSink({
        beforeAccept: async (to) => {
          for (const address of to) await gates.get(address)?.promise;
        },
      });
      t = await startTestApp({ MAIL_URL: sink.url });
      admin = await t.adminToken();
    });
    afterAll(async () => {
      await t?.close();
      await sink?.close();
    });

    it('a notify job that fails mid-way and is retried mails each recipient exactly once', async () => {
      const tag = `dlv${uniqueSuffix()}`;
      const users: CreatedUser[] = [];
      for (let i = 0; i < 5; i += 1) users.push(await createUser(t, admin, { username: `${tag}_${i}` }));
      // Recipients are served in id order: the last one fails the first attempt, after the others were handled.
      const poisoned = [...users].sort((a, b) => a.id.localeCompare(b.id))[users.length - 1];
      const fault = `fail_once_${tag}`;
      await asOwner(t, [
        `CREATE SEQUENCE ${fault}`,
        `CREATE FUNCTION ${fault}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
         BEGIN
           -- nextval is not rolled back with the failed transaction, so this fires once only.
           IF NEW.data->'to' ? '${poisoned.email}' THEN
             IF nextval('${fault}') = 1 THEN
               RAISE EXCEPTION 'injected failure for %', '${poisoned.email}';
             END IF;
           END IF;
           RETURN NEW;
         END $$`,
        `CREATE TRIGGER ${fault} BEFORE INSERT ON jobs FOR EACH ROW EXECUTE FUNCTION ${fault}()`,
      ]);
      try {
        const subject = `Exactly once ${tag}`;
        const data = { subject, text: 'One each.', filter: { search: tag } };
        const res = await t.http.post('/api/users/notify', data, { token: admin });
        expect(res.status).toBe(202);
        const row = await eventually(
          'the notify job to end',
          () => jobRow(t, res.body.jobId),
          (r) => ['succeeded', 'failed'].includes(r.status),
          45000,
        );
        expect(row).toMatchObject({ status: 'succeeded', result: { recipients: users.length } });
        // At least the failed attempt and the one that succeeded; a stalled attempt on a busy machine adds one.
        expect(row.attempts).toBeGreaterThanOrEqual(2);

        const ofSubject = () => sink.messages.filter((m) => m.subject === subject);
        await eventually(
          'every recipient to get the mail',
          async () => ofSubject().length,
          (n) => n >= users.length,
        );
        await sleep(2000); // time for a duplicate to arrive, were one on its way
        const received = ofSubject()
          .flatMap((m) => m.to)
          .sort();
        expect(received).toEqual(users.map((u) => u.email.toLowerCase()).sort());

        const deliveries: Array<{ recipient: string; delivery_job_id: string | null }> = await t.db.query(
          `SELECT recipient, delivery_job_id FROM job_deliveries WHERE job_id = $1`,
          [row.id],
        );
        expect(deliveries.map((d) => d.recipient).sort()).toEqual(users.map((u) => u.id).sort());
        expect(deliveries.every((d) => d.delivery_job_id !== null)).toBe(true);

        // An attempt that starts over, its progress lost (a stalled duplicate), finds everyone served.
        await t.db.query(`UPDATE jobs SET progress = '{}' WHERE id = $1`, [row.id]);
        expect(await t.app.get(NotifyUsersService).run(row.id, data)).toEqual({ recipients: 0 });
        const mailRows: unknown[] = await t.db.query(
          `SELECT id FROM jobs WHERE queue = 'mail' AND name = 'send' AND data->>'subject' = $1`,
          [subject],
        );
        expect(mailRows).toHaveLength(users.length);
      } finally {
        await asOwner(t, [
          `DROP TRIGGER IF EXISTS ${fault} ON jobs`,
          `DROP FUNCTION IF EXISTS ${fault}()`,
          `DROP SEQUENCE IF EXISTS ${fault}`,
        ]);
      }
    }, 90000);

    it('a job cancelled while its attempt runs stays cancelled, whether the attempt succeeds or fails', async () => {
      const mailQueue = t.app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false });
      for (const outcome of ['succeeds', 'fails'] as const) {
        const address = `held_${outcome}_${uniqueSuffix()}@example.test`;
        const gate = deferred();
        gates.set(address, gate);
        const { jobId } = await t.app.get(MailService).enqueue({
          to: address,
          subject: `Held ${outcome}`,
          template: 'bulk',
          context: { subject: 'Held', text: 'x' },
        });
        await eventually(
          'the mail to be sending',
          () => jobRow(t, jobId),
          (r) => r.status === 'running',
        );

        expect(await t.app.get(JobsService).cancel(jobId)).toBe(true);
        if (outcome === 'succeeds') gate.resolve();
        else gate.reject(new Error('mailbox unavailable'));

        const state = await eventually(
          'the attempt to end',
          async () => (await mailQueue.getJob(jobId))?.getState(),
          (s) => s === 'completed' || s === 'failed' || s === 'delayed',
        );
        expect({ outcome, state }).toEqual({ outcome, state: 'completed' });
        if (outcome === 'succeeds') expect(sink.to(address)).toHaveLength(1);
        await sleep(2500); // past the mail queue's first retry delay, were a retry scheduled
        expect({ outcome, row: await jobRow(t, jobId) }).toMatchObject({
          outcome,
          row: { status: 'cancelled', attempts: 1 },
        });
      }
    });

    it('never runs a job whose row has ended, even when Redis delivers it late', async () => {
      const jobs = t.app.get(JobsService);
      const address = `late_${uniqueSuffix()}@example.test`;
      const row = await jobs.createRow({
        queue: QueueName.Mail,
        name: 'send',
        data: { to: [address], subject: 'Late', template: 'bulk', context: { subject: 'Late', text: 'x' } },
      });
      // As after a dispatch that timed out: the row is failed, but Redis got the job after all.
      await jobs.fail(row.id, 'Could not be queued: timed out', true);
      const mailQueue = t.app.get<Queue>(getQueueToken(QueueName.Mail), { strict: false });
      await mailQueue.add('send', { ...row.data, jobId: row.id }, { jobId: row.id });
      await eventually(
        'the late job to be taken',
        async () => (await mailQueue.getJob(row.id))?.getState(),
        (s) => s === 'completed' || s === 'failed',
      );
      await sleep(500);
      expect(sink.to(address)).toEqual([]);
      expect(await jobRow(t, row.id)).toMatchObject({ status: 'failed', attempts: 0 });
    });
  });

  describe('while Redis is unreachable', () => {
    let redis: TestRedis;
    let sink: SmtpSink;
    let t: TestApp;
    let admin: string;

    beforeAll(async () => {
      redis = await startTestRedis();
      sink = await startSmtpSink();
      t = await startTestApp({
        REDIS_URL: redis.url,
        MAIL_URL: sink.url,
        OUTBOX_SWEEP_INTERVAL_SECONDS: '1',
        OUTBOX_GRACE_SECONDS: '2',
      });
      admin = await t.adminToken();
      await redis.stop();
    });
    afterAll(async () => {
      await redis?.start();
      await t?.close();
      await redis?.stop();
      await sink?.close();
    });

    it('answers 503 to a notification and audits no user.notify', async () => {
      const text = `Never queued ${uniqueSuffix()}`;
      const res = await t.http.post('/api/users/notify', { subject: 'Hello', text }, { token: admin });
      expect(res.status).toBe(503);
      const [row]: Array<{ id: string; status: string }> = await t.db.query(
        `SELECT id, status FROM jobs WHERE name = 'notify-users' AND data->>'text' = $1`,
        [text],
      );
      expect(row.status).toBe('failed');
      const audited: unknown[] = await t.db.query(
        `SELECT id FROM audit_log WHERE action = 'user.notify' AND entity_id = $1`,
        [row.id],
      );
      expect(audited).toEqual([]);
    }, 30000);

    it('still sends the welcome mail of a user created meanwhile, through the outbox sweeper', async () => {
      const user = await createUser(t, admin);
      const [row]: Array<{ id: string; status: string; outboxed: boolean }> = await t.db.query(
        `SELECT j.id, j.status, EXISTS (SELECT 1 FROM job_outbox o WHERE o.job_id = j.id) AS outboxed
           FROM jobs j WHERE j.queue = 'mail' AND j.data->'to' ? $1`,
        [user.email],
      );
      expect(row).toMatchObject({ status: 'queued', outboxed: true });

      await redis.start();
      const mail = await sink.waitFor((m) => m.to.includes(user.email.toLowerCase()), 45000);
      expect(mail.subject).toBe('Welcome to Strata');
      const done = await eventually(
        'the welcome job to succeed',
        () => jobRow(t, row.id),
        (r) => r.status === 'succeeded',
      );
      expect(done.attempts).toBe(1);
      const events: Array<{ message: string }> = await t.db.query(
        `SELECT message FROM job_events WHERE job_id = $1 ORDER BY id`,
        [row.id],
      );
      expect(events.map((e) => e.message)).toContain('Dispatched by the outbox sweeper (it was left undispatched)');
      const [outbox] = await t.db.query(`SELECT count(*)::int AS n FROM job_outbox WHERE job_id = $1`, [row.id]);
      expect(outbox.n).toBe(0);
    }, 90000);
  });
});
