import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../utils/test-database';
import { startTestApp } from '../utils/test-app';

const ROOT = join(__dirname, '..', '..');

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
});
