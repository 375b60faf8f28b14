import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');
const ROWS = 300_000;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an import whose worker is killed mid-file', () => {
  const files = mkdtempSync(join(tmpdir(), 'strata-crash-files-'));
  const shared = {
    QUEUE_PREFIX: `strata_test_impcrash_${uniqueSuffix()}`,
    QUEUE_LOCK_SECONDS: '2',
    FILE_STORE_DIR: files,
  };
  let api: TestApp;
  let worker: ChildProcess | undefined;
  let rescuer: TestApp | undefined;

  afterAll(async () => {
    worker?.kill('SIGKILL');
    await rescuer?.close();
    await api?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('leaves none of the file’s rows, and the retried job loads the file once', async () => {
    api = await startTestApp({ ...shared, WORKER_EMBEDDED: 'false' });
    const token = await api.adminToken();
    const tenant = await createTenant(api, token);
    const definition = {
      tables: [
        {
          name: 'people',
          columns: [
            { name: 'email', type: 'email', required: true, unique: true },
            { name: 'name', type: 'string' },
          ],
        },
      ],
    };
    const schemaRes = await api.http.put(
      `/api/tenants/${tenant.slug}/schema`,
      { definition, expectedVersion: 0 },
      { token },
    );
    expect(schemaRes.status).toBe(200);
    const lines = ['email,name'];
    for (let i = 0; i < ROWS; i++) lines.push(`p${i}@x.test,Person ${i}`);
    const form = new FormData();
    form.append('table', 'people');
    form.append('file', new Blob([lines.join('\n')]), 'people.csv');
    const res = await fetch(`${api.http.baseUrl}/api/tenants/${tenant.slug}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };

    worker = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...shared, LOG_LEVEL: 'silent', DATABASE_URL: api.env.DATABASE_URL },
      stdio: 'ignore',
    });
    await waitFor('the worker to be part-way through the file', async () => {
      const rows: Array<{ status: string; progress: { rowsRead?: number } }> = await api.db.query(
        'SELECT status, progress FROM jobs WHERE id = $1',
        [id],
      );
      return rows[0]?.status === 'running' && (rows[0].progress.rowsRead ?? 0) > 0 ? rows[0] : undefined;
    });
    worker.kill('SIGKILL');
    await new Promise((resolve) => worker!.once('exit', resolve));
    const count = async () =>
      Number(
        ((await api.db.query(`SELECT count(*) AS n FROM "${tenant.schemaName}".people`)) as Array<{ n: string }>)[0].n,
      );
    expect(await count()).toBe(0);

    rescuer = await startTestApp(shared);
    const done = await waitFor('the job to end', async () => {
      const rows: Array<{ status: string; attempts: number; result: { rowsStored?: number } | null }> =
        await api.db.query('SELECT status, attempts, result FROM jobs WHERE id = $1', [id]);
      return ['succeeded', 'failed'].includes(rows[0]?.status) ? rows[0] : undefined;
    });
    expect(done.status).toBe('succeeded');
    // Bull re-runs a stalled job without counting an attempt; the job's log shows both starts
    const starts = await api.db.query(
      `SELECT 1 FROM job_events WHERE job_id = $1 AND message LIKE 'Attempt % started'`,
      [id],
    );
    expect(starts).toHaveLength(2);
    expect(done.result?.rowsStored).toBe(ROWS);
    expect(await count()).toBe(ROWS);
    const staging = await api.db.query(
      `SELECT 1 FROM pg_tables WHERE schemaname = $1 AND tablename ~ '^_import_[0-9a-f]{32}$'`,
      [tenant.schemaName],
    );
    expect(staging).toEqual([]);
  }, 120000);
});
