import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../utils/test-app';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The variables `.env.example` sets or shows commented out. */
function envExampleVariables(): string[] {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
}

/** The quick start's shell blocks that talk to the API, as a newcomer would paste them. */
function walkthrough(): string[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.filter((block) => block.includes('localhost:3000/api/'));
}

describe('README', () => {
  it('documents every variable of .env.example in its configuration table', () => {
    const table = README.slice(README.indexOf('## Configuration'), README.indexOf('### Redis'));
    expect(envExampleVariables().filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
  });

  it('names the health, readiness and metrics routes', () => {
    for (const path of ['/health', '/health/ready', '/metrics']) expect(README).toContain(`localhost:3000${path}`);
  });

  describe('walkthrough, run against a fresh server with the default superadmin', () => {
    const database = `strata_readme_${uniqueSuffix()}`;
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp({
        DATABASE_URL: databaseUrlFor(database),
        ADMIN_EMAIL: 'admin@strata.local',
        ADMIN_PASSWORD: 'change-me-now',
      });
    });

    afterAll(async () => {
      await t.close();
      await dropDatabase(database);
    });

    function run(blocks: string[]) {
      const host = new URL(t.http.baseUrl).host;
      const script = blocks
        .join('\n')
        .split('\n')
        .filter((line) => !line.trim().startsWith('psql ')) // the local database is named differently
        .join('\n')
        .replaceAll('localhost:3000', host);
      // Asynchronously: the server answering these requests runs in this process.
      return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn('bash', ['-c', script], { timeout: 30000 });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (chunk) => (stdout += chunk));
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.on('close', (status) => resolve({ status, stdout, stderr }));
      });
    }

    it('stops with a clear message when the login fails, sending no request without a token', async () => {
      const [login, rest] = walkthrough();
      const result = await run([login.replace('change-me-now', 'not-the-password'), rest]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('Login failed: Invalid email or password');
      expect(result.stderr).toContain('TOKEN: log in first');
      expect(result.stdout).toBe('');
      const users = await t.db.query(`SELECT count(*)::int AS n FROM users WHERE username = 'ada'`);
      expect(users[0].n).toBe(0);
    });

    it('creates the user and the tenant, and shows their audit trail', async () => {
      const [login, rest] = walkthrough();
      const result = await run([login, rest]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const tenant = await t.db.query(`SELECT schema_name FROM tenants WHERE slug = 'acme'`);
      expect(tenant).toEqual([{ schema_name: 'tenant_acme' }]);
      expect(result.stdout).toContain('"action":"tenant.member.add"');
      expect(result.stdout).toContain('"action":"user.create"');
    });
  });
});
