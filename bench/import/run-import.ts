import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../../test/utils/test-database';
import { freePort, profilePreload, startNode, Started, waitForHttp } from '../http/processes';
import { clearQueues } from '../redis-keys';
import { productionLikeEnv } from '../server-env';
import { CUSTOMERS_TABLE, writeCustomersCsv } from './customers-file';
import { machine, Ratio, report, Step } from './import-report';
import { cpuSeconds, peakRssBytes, resetPeakRss } from './peak-memory';
import { cpuBetween, sampleCpu } from './step-cpu';
import { startBareExport } from './bare-export';
import { downloadCsv } from './download';
import { copyFileInto, copyOut } from './raw-copy';
import { JobView, StrataClient } from './strata-client';

/**
 * `npm run bench:import`: builds Strata, starts the built API (WORKER_EMBEDDED=false) and a separate
 * worker on a fresh database, and measures on the deterministic customers CSV (BENCH_ROWS rows):
 *   a  raw `COPY FROM STDIN` of the clean file into a copy of the customers table (same unique index);
 *   b  our import of the clean file: upload, queue, worker, load, polled until the job has ended;
 *   c  our import of the 1%-bad file (onError=skip) into a table that already holds 0.5% of its emails;
 *   our CSV export of the table (POST, then the download at once, which follows the file as the
 *   worker writes it) against the same `COPY (SELECT ...) TO STDOUT (FORMAT csv, HEADER)` streamed
 *   by a bare HTTP server (bare-export-server.ts) and downloaded the same way: "COPY TO over HTTP",
 *   the baseline issue #10's export target names; and, for continuity with earlier figures, read
 *   directly by this process.
 * Prints rows/s, b/a, c/a, both export ratios and the worker's peak RSS per step. Traffic goes to
 * 127.0.0.1 only; the database, the file store and the run's Redis keys are removed at the end.
 *
 * BENCH_ROWS (default 1,000,000), BENCH_STEPS (default `clean,dirty,export`), BENCH_NO_BUILD=1,
 * BENCH_CPU_PROF=<dir> writes a CPU profile of the worker there.
 */
const root = resolve(__dirname, '../..');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const STEPS = new Set((process.env.BENCH_STEPS ?? 'clean,dirty,export').split(','));
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;
const TENANT = 'bench';
const BAD_EVERY = 100;
/** Rows of the dirty table stored before its import: every STORED_EVERY-th email of the file. */
const STORED_EVERY = 200;
const WORKER_TARGET_BYTES = 256 * 2 ** 20;
const JOB_TIMEOUT_MS = 120_000 + ROWS;
const COLUMNS = CUSTOMERS_TABLE.columns.map((c) => c.name);

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const elapsedMs = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const jobMs = (job: JobView) =>
  job.startedAt && job.finishedAt ? Date.parse(job.finishedAt) - Date.parse(job.startedAt) : undefined;

/** The input files, generated once under var/bench and reused (they are deterministic). */
async function inputFile(rows: number, badEvery = 0): Promise<string> {
  const dir = join(root, 'var', 'bench');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `customers-${rows}${badEvery ? '-bad' : ''}.csv`);
  if (!existsSync(file)) {
    await writeCustomersCsv(`${file}.part`, rows, badEvery);
    renameSync(`${file}.part`, file);
  }
  return file;
}

async function sql<T = Record<string, unknown>>(databaseUrl: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  if (!process.env.BENCH_NO_BUILD)
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const [clean, dirty, warmUp] = [await inputFile(ROWS), await inputFile(ROWS, BAD_EVERY), await inputFile(1000)];
  const suffix = uniqueSuffix();
  const database = `strata_bench_import_${suffix}`;
  const databaseUrl = databaseUrlFor(database);
  const queuePrefix = `strata_bench_${suffix}`;
  const fileStore = join(tmpdir(), `strata-bench-files-${suffix}`);
  const logDir = join(root, 'var', 'bench');
  const admin = { email: 'admin@bench.local', password: randomBytes(12).toString('hex') };
  const port = await freePort();
  const env = productionLikeEnv({ port, databaseUrl, admin, queuePrefix, fileStore });
  // no mail server in a bench: the job mails are logged
  delete env.MAIL_URL;
  const started: Started[] = [];
  const steps: Step[] = [];
  const ratios: Ratio[] = [];
  try {
    const api = startNode(['dist/apps/api/src/main.js'], env, join(logDir, `import-api-${suffix}.log`), 'SIGTERM');
    started.push(api);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/health`, api.child, 60_000);
    const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '-r', profilePreload()] : [];
    const worker = startNode(
      [...profileArgs, 'dist/apps/worker/src/main.js'],
      env,
      join(logDir, `import-worker-${suffix}.log`),
      PROFILE_DIR ? 'SIGUSR2' : 'SIGTERM',
    );
    started.push(worker);
    const workerPid = worker.child.pid!;

    const client = new StrataClient(base);
    await client.login(admin.email, admin.password);
    const tenant = await client.call<{ schemaName: string }>('POST', '/api/tenants', { name: 'Bench', slug: TENANT });
    const tables = ['customers', 'customers_dirty', 'warm_up'].map((name) => ({ ...CUSTOMERS_TABLE, name }));
    await client.call('PUT', `/api/tenants/${TENANT}/schema`, { definition: { tables }, expectedVersion: 0 });
    const qualified = (table: string) => `"${tenant.schemaName}"."${table}"`;
    const postgres = (await sql<{ v: string }>(databaseUrl, "SELECT current_setting('server_version') AS v"))[0].v;
    console.log(`\n${machine(`PostgreSQL ${postgres}`)}; ${ROWS} rows`);

    // the worker is up and its code warm once a small import has gone through it
    const warm = await client.startImport(TENANT, warmUp, { table: 'warm_up', onError: 'abort' });
    await client.waitForJob(TENANT, 'imports', warm.id, 120_000);

    /** Our import of `file`, from the upload to the job's end. */
    const ourImport = async (name: string, table: string, file: string, onError: 'abort' | 'skip') => {
      await sql(databaseUrl, 'CHECKPOINT');
      resetPeakRss(workerPid);
      const cpuBefore = cpuSeconds(workerPid);
      const start = process.hrtime.bigint();
      const queued = await client.startImport(TENANT, file, { table, onError });
      const uploadMs = elapsedMs(start);
      // every row read and staged: the rest is the load transaction
      let stagedMs = 0;
      const job = await client.waitForJob(TENANT, 'imports', queued.id, JOB_TIMEOUT_MS, (view) => {
        if (!stagedMs && view.progress.rowsRead >= ROWS) stagedMs = elapsedMs(start);
      });
      const ms = elapsedMs(start);
      if (job.status !== 'succeeded') throw new Error(`${name}: the job ${job.status}: ${job.error ?? ''}`);
      const s = job.summary as { rowsStored: number; rowsInvalid: number };
      const step: Step = {
        name,
        rows: ROWS,
        ms,
        workerMs: jobMs(job),
        workerPeakBytes: peakRssBytes(workerPid),
        note: `worker CPU ${(cpuSeconds(workerPid) - cpuBefore).toFixed(2)} s, upload ${seconds(uploadMs)} s, staged at ${seconds(stagedMs)} s, load ${seconds(ms - stagedMs)} s, stored ${s.rowsStored}, rejected ${s.rowsInvalid}`,
      };
      steps.push(step);
      return step;
    };

    await sql(databaseUrl, `CREATE TABLE public.copy_baseline (LIKE ${qualified('customers')} INCLUDING ALL)`);
    await sql(databaseUrl, 'CHECKPOINT');
    let start = process.hrtime.bigint();
    const copied = await copyFileInto(databaseUrl, 'public.copy_baseline', COLUMNS, clean);
    const copyIn: Step = { name: 'a  COPY FROM STDIN, clean file', rows: copied, ms: elapsedMs(start) };
    steps.push(copyIn);

    if (STEPS.has('clean')) {
      const b = await ourImport('b  our import, clean file', 'customers', clean, 'abort');
      ratios.push({ name: 'b/a', ours: b, baseline: copyIn, target: 0.8 });
    }
    if (STEPS.has('dirty')) {
      await sql(
        databaseUrl,
        `INSERT INTO ${qualified('customers_dirty')} (email, first_name, last_name)
         SELECT 'customer' || g || '@example.com', 'Stored', 'Row' FROM generate_series(50, ${ROWS}, ${STORED_EVERY}) g`,
      );
      const c = await ourImport('c  our import, 1%-bad file', 'customers_dirty', dirty, 'skip');
      ratios.push({ name: 'c/a', ours: c, baseline: copyIn, target: 0.5 });
    }
    if (STEPS.has('export') && STEPS.has('clean')) {
      await sql(databaseUrl, 'CHECKPOINT');
      resetPeakRss(workerPid);
      const processes = { worker: workerPid, api: api.child.pid, bench: process.pid };
      let cpu = sampleCpu(processes, database);
      start = process.hrtime.bigint();
      const queued = await client.call<JobView>('POST', `/api/tenants/${TENANT}/exports`, {
        table: 'customers',
        format: 'csv',
      });
      // downloaded at once: the API follows the file while the worker writes it
      const downloaded = await client.download(TENANT, queued.id);
      const job = await client.waitForJob(TENANT, 'exports', queued.id, JOB_TIMEOUT_MS);
      const exportMs = elapsedMs(start);
      if (job.status !== 'succeeded') throw new Error(`export: the job ${job.status}: ${job.error ?? ''}`);
      const exported: Step = {
        name: 'our CSV export (POST, download while written)',
        rows: ROWS,
        ms: exportMs,
        workerMs: jobMs(job),
        workerPeakBytes: peakRssBytes(workerPid),
        note: `${(downloaded.bytes / 1e6).toFixed(0)} MB in ${downloaded.chunks} pieces, first byte at ${seconds(Number(downloaded.firstChunkAt - start) / 1e6)} s, ${cpuBetween(cpu, sampleCpu(processes, database))}`,
      };
      steps.push(exported);
      // the same columns in the same order (by id), without our cell expressions
      const select = `SELECT ${downloaded.header} FROM ${qualified('customers')} ORDER BY id`;
      const bare = await startBareExport(databaseUrl, select, join(logDir, `import-bare-${suffix}.log`));
      started.push(bare.server);
      await sql(databaseUrl, 'CHECKPOINT');
      const bareProcesses = { bare: bare.pid, bench: process.pid };
      cpu = sampleCpu(bareProcesses, database);
      start = process.hrtime.bigint();
      const overHttp = await downloadCsv(`${bare.base}/export`);
      const copyOverHttp: Step = {
        name: 'COPY (SELECT ...) TO STDOUT over HTTP (bare server)',
        rows: ROWS,
        ms: elapsedMs(start),
        note: `${(overHttp.bytes / 1e6).toFixed(0)} MB in ${overHttp.chunks} pieces, first byte at ${seconds(Number(overHttp.firstChunkAt - start) / 1e6)} s, ${cpuBetween(cpu, sampleCpu(bareProcesses, database))}`,
      };
      steps.push(copyOverHttp);
      await bare.server.stop();
      await sql(databaseUrl, 'CHECKPOINT');
      start = process.hrtime.bigint();
      cpu = sampleCpu({ bench: process.pid }, database);
      let copyCpu = '';
      const bytes = await copyOut(databaseUrl, select, () => {
        copyCpu = cpuBetween(cpu, sampleCpu({ bench: process.pid }, database));
      });
      const copyTo: Step = {
        name: 'COPY (SELECT ...) TO STDOUT read directly',
        rows: ROWS,
        ms: elapsedMs(start),
        note: `${(bytes / 1e6).toFixed(0)} MB, ${copyCpu}`,
      };
      steps.push(copyTo);
      ratios.push({
        name: 'export/COPY TO over HTTP (issue #10 target)',
        ours: exported,
        baseline: copyOverHttp,
        target: 0.7,
      });
      ratios.push({
        name: 'export/COPY TO read directly (for continuity)',
        ours: exported,
        baseline: copyTo,
        target: 0.7,
      });
    }
    report(steps, ratios, WORKER_TARGET_BYTES);
  } finally {
    for (const process of started.reverse()) await process.stop();
    await dropDatabase(database).catch(() => undefined);
    await clearQueues(queuePrefix).catch(() => undefined);
    rmSync(fileStore, { recursive: true, force: true });
  }
  if (PROFILE_DIR) console.log(`CPU profile of the worker written to ${PROFILE_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
