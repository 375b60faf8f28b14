import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadEnv } from '@app/core';
import { HttpClient } from '../utils/http-client';
import { TEST_ADMIN_EMAIL, TEST_ADMIN_PASSWORD } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Runs the real API process (`main.ts`) at LOG_LEVEL=trace, captures everything it prints, makes
 * failing requests that carry known secrets, and greps every line for them.
 */
describe('logs never carry secrets', () => {
  const canary = `canary-${uniqueSuffix()}-secret`;
  // The run's own secret: the app's database role is shared by every app of the test run and its
  // password is derived from JWT_SECRET, so a secret of this test's own would reset it under the others.
  const jwtSecret = loadEnv(process.env).JWT_SECRET;
  // A real key (the run's, see global-setup), or the API would refuse to start.
  const signingKey = process.env.AUDIT_SIGNING_KEY!;
  // A JSON log line escapes the PEM's line breaks, so look for its base64 body instead.
  const signingKeyBody = signingKey
    .replace(/\\n/g, '\n')
    .split('\n')
    .find((line) => line && !line.startsWith('-----'))!;
  const fileStore = mkdtempSync(join(tmpdir(), 'strata-logs-'));
  let child: ChildProcess;
  let output = '';
  let http: HttpClient;
  const requestIds: string[] = [];
  const leaks: string[] = [canary, jwtSecret, signingKeyBody, '$argon2'];

  beforeAll(async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: process.env.DATABASE_URL,
        LOG_LEVEL: 'trace',
        QUEUE_PREFIX: `strata_test_${uniqueSuffix()}`,
        JWT_SECRET: jwtSecret,
        AUDIT_SIGNING_KEY: signingKey,
        ADMIN_EMAIL: TEST_ADMIN_EMAIL,
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
        FILE_STORE_DIR: fileStore,
        LOGIN_RATE_LIMIT: '1000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    http = new HttpClient(`http://127.0.0.1:${port}`);
    for (let tries = 0; ; tries++) {
      const up = await http.get('/health').catch(() => undefined);
      if (up?.status === 200) break;
      if (tries > 120 || !running()) throw new Error(`the API did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  const running = () => child.exitCode === null && child.signalCode === null;

  async function stop(): Promise<void> {
    if (!running()) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  afterAll(async () => {
    await stop();
    rmSync(fileStore, { recursive: true, force: true });
  });

  /** Sends a request and remembers its id, to check later that its lines were captured. */
  async function send(method: string, path: string, body?: unknown, token?: string) {
    const res = await http.request(method, path, { body, token });
    requestIds.push(String(res.headers.get('x-request-id')));
    return res;
  }

  it('redacts passwords, hashes, tokens, configured secrets and SQL parameters', async () => {
    const adminLogin = await send('POST', '/api/auth/login', {
      email: TEST_ADMIN_EMAIL,
      password: TEST_ADMIN_PASSWORD,
    });
    expect(adminLogin.status).toBe(200);
    const admin = adminLogin.body.accessToken as string;
    leaks.push(admin, adminLogin.body.refreshToken);

    expect((await send('POST', '/api/auth/login', { email: TEST_ADMIN_EMAIL, password: canary })).status).toBe(401);

    const suffix = uniqueSuffix();
    const user = { username: `leak_${suffix}`, email: `leak_${suffix}@example.test`, password: canary };
    const created = await send('POST', '/api/users', user, admin);
    expect(created.status).toBe(201);
    // The same username again: PostgreSQL refuses it (23505) with the new hash among its parameters.
    const duplicate = await send('POST', '/api/users', { ...user, email: `other_${suffix}@example.test` }, admin);
    expect(duplicate.status).toBe(409);
    // A NUL byte: refused before SQL (it used to be a 500 that logged every parameter).
    const nul = await send('POST', '/api/users', { ...user, username: `nul_${suffix}`, firstName: 'a\u0000b' }, admin);
    expect(nul.status).toBe(400);

    const session = await send('POST', '/api/auth/login', { email: user.email, password: canary });
    expect(session.status).toBe(200);
    const { accessToken, refreshToken } = session.body as { accessToken: string; refreshToken: string };
    leaks.push(accessToken, refreshToken);
    expect((await send('POST', '/api/auth/refresh', { refreshToken: canary })).status).toBe(401);
    const next = await send('POST', '/api/auth/refresh', { refreshToken });
    expect(next.status).toBe(200);
    leaks.push(next.body.accessToken, next.body.refreshToken);
    // Reusing the spent token revokes the family and is logged as a warning.
    expect((await send('POST', '/api/auth/refresh', { refreshToken })).status).toBe(401);
    // A forbidden call with a valid token, and a field the validator refuses.
    expect((await send('GET', '/api/users', undefined, accessToken)).status).toBe(403);
    const patched = await send('PATCH', `/api/users/${created.body.id}`, { phone: canary.repeat(5) }, admin);
    expect(patched.status).toBe(400);

    const db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    const hash = await db.query('SELECT password_hash FROM users WHERE id = $1', [created.body.id]);
    await db.end();
    leaks.push(hash.rows[0].password_hash);

    await stop();
    const lines = output.split('\n').filter(Boolean);
    for (const id of requestIds) expect(lines.some((line) => line.includes(id))).toBe(true);
    // The refusals were logged, so the check below looked at them.
    expect(lines.some((line) => line.includes('Database refused a value') && line.includes('23505'))).toBe(true);
    const leaked = lines.flatMap((line, n) =>
      leaks.filter((secret) => line.includes(secret)).map((secret) => `line ${n + 1} holds ${secret}: ${line}`),
    );
    expect(leaked).toEqual([]);
  });
});
