import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../utils/test-database';
import { startTestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');

interface LogLine {
  context?: string;
  msg: string;
}

/** Starts `apps/api/src/main.ts` as `npm start` would and collects its log lines until it says where it listens. */
async function startMainUntilListening(
  env: Record<string, string>,
): Promise<{ lines: LogLine[]; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
  });
  const lines: LogLine[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  await new Promise<void>((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no listening line in 45 s; stderr: ${stderr}`));
    }, 45000);
    child.on('exit', (code) => reject(new Error(`main.ts exited with ${code}: ${stderr}`)));
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const text of complete) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as LogLine;
        lines.push(line);
        if (line.msg.startsWith('Listening on')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
  });
  return {
    lines,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

describe('start-up', () => {
  it('stops with one clear line naming every invalid variable', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, PORT: 'eighty', JWT_SECRET: 'short', DATABASE_URL: 'mysql://nope' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      'Invalid configuration: PORT must be an integer number; DATABASE_URL must be a postgres:// URL; JWT_SECRET must be at least 32 characters',
    ]);
  });

  it('refuses the default secret and a missing audit signing key in production', () => {
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', ADMIN_PASSWORD: 'a-real-password' },
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Invalid configuration: JWT_SECRET must be set in production (the default is refused); AUDIT_SIGNING_KEY must be set in production',
    );
  });

  it('creates a missing database, migrates it and seeds the superadmin', async () => {
    const name = `strata_fresh_${uniqueSuffix()}`;
    const t = await startTestApp({ DATABASE_URL: databaseUrlFor(name) });
    try {
      const client = new Client({ connectionString: databaseUrlFor(name) });
      await client.connect();
      const tables = await client.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
      );
      const users = await client.query('SELECT email, is_superadmin FROM users');
      await client.end();
      expect(tables.rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'audit_log',
          'jobs',
          'memberships',
          'refresh_tokens',
          'tenants',
          'users',
          'platform_migrations',
        ]),
      );
      expect(users.rows).toEqual([{ email: 'superadmin@strata.test', is_superadmin: true }]);
      expect(
        (await t.http.post('/api/auth/login', { email: 'superadmin@strata.test', password: 'superadmin-password-1' }))
          .status,
      ).toBe(200);
    } finally {
      await t.close();
      await dropDatabase(name);
    }
  });

  it('ends its log with where it listens and the URLs to open, and logs real route paths', async () => {
    const fileStore = mkdtempSync(join(tmpdir(), 'strata-files-'));
    const main = await startMainUntilListening({
      DATABASE_URL: process.env.DATABASE_URL ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      WORKER_EMBEDDED: 'false',
      QUEUE_PREFIX: `strata_test_${uniqueSuffix()}`,
      FILE_STORE_DIR: fileStore,
    });
    try {
      const last = main.lines[main.lines.length - 1].msg;
      const match = /^Listening on 127\.0\.0\.1:(\d+)\. API (\S+), docs (\S+), health (\S+)$/.exec(last);
      expect(match).not.toBeNull();
      const base = `http://127.0.0.1:${match![1]}`;
      expect(match!.slice(2)).toEqual([`${base}/api`, `${base}/docs`, `${base}/health`]);
      expect((await fetch(match![4])).status).toBe(200);
      expect((await fetch(match![3])).status).toBe(200);

      const routeLines = main.lines.filter((l) => l.context === 'RoutesResolver' || l.context === 'RouterExplorer');
      const messages = routeLines.map((l) => l.msg);
      expect(messages).toEqual(
        expect.arrayContaining(['HealthController {/health}:', 'MetricsController {/metrics}:']),
      );
      expect(messages.filter((m) => /\/api\/(health|metrics)\b/.test(m))).toEqual([]);
    } finally {
      await main.stop();
      rmSync(fileStore, { recursive: true, force: true });
    }
  });
});
