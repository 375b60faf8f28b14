import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';
import { createUser } from '../factories/users.factory';
import { startSmtpSink } from '../utils/smtp-sink';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** An SMTP peer that accepts connections and never answers: a send through it hangs. */
async function startSilentSmtp(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

describe('a job whose worker dies', () => {
  const queuePrefix = `strata_test_crash_${uniqueSuffix()}`;
  const lock = { QUEUE_PREFIX: queuePrefix, QUEUE_LOCK_SECONDS: '2' };
  let api: TestApp;
  let worker: ChildProcess | undefined;
  let rescuer: TestApp | undefined;

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await rescuer?.close();
    await api?.close();
  });

  it('runs again on another worker, completes once, and its row says so', async () => {
    const silent = await startSilentSmtp();
    const sink = await startSmtpSink();
    try {
      // An API without a worker queues the welcome mail of a new user.
      api = await startTestApp({ ...lock, WORKER_EMBEDDED: 'false' });
      const admin = await api.adminToken();

      // A separate worker process takes the job and hangs in the SMTP conversation...
      worker = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, ...lock, LOG_LEVEL: 'silent', MAIL_URL: silent.url, DATABASE_URL: api.env.DATABASE_URL },
        stdio: 'ignore',
      });
      const user = await createUser(api, admin);
      const job = await waitFor('the worker to start the welcome mail', async () => {
        const rows: Array<{ id: string; status: string }> = await api.db.query(
          `SELECT id, status FROM jobs WHERE queue = 'mail' AND data->'to' ? $1`,
          [user.email],
        );
        return rows[0]?.status === 'running' ? rows[0] : undefined;
      });

      // ...and dies without a word.
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker!.once('exit', resolve));

      // Another worker finds the stalled job once the dead one's lock lapses, and finishes it.
      rescuer = await startTestApp({ ...lock, MAIL_URL: sink.url });
      const mail = await sink.waitFor((m) => m.to.includes(user.email.toLowerCase()), 30000);
      expect(mail.text).toContain(user.username);

      const row = await waitFor('the job row to succeed', async () => {
        const rows: Array<{ status: string; error: string | null }> = await api.db.query(
          'SELECT status, error FROM jobs WHERE id = $1',
          [job.id],
        );
        return rows[0]?.status === 'succeeded' ? rows[0] : undefined;
      });
      expect(row.error).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(sink.to(user.email)).toHaveLength(1);
    } finally {
      await silent.close();
      await sink.close();
    }
  }, 90000);
});
