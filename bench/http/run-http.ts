import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../../test/utils/test-database';
import { load, LoadResult } from './load';
import { clearQueues } from '../redis-keys';
import { productionLikeEnv } from '../server-env';
import { freePort, profilePreload, startNode, Started, waitForHttp } from './processes';
import { BENCH_TENANT, seed } from './seed';

/**
 * `npm run bench:http`: builds Strata, starts the built API as production runs it (NODE_ENV
 * production, API only, LOG_LEVEL info to a file) on a fresh database, seeds it, and loads two
 * authenticated routes with autocannon; then the same routes on a bare Fastify + pg server
 * (bench/http/bare-server.ts). Prints requests/s, p50, p99 and the ratio to the bare server.
 * Traffic goes to 127.0.0.1 only.
 *
 * BENCH_SECONDS (default 10) per measurement, BENCH_CONNECTIONS (default 32),
 * BENCH_CPU_PROF=<dir> writes a CPU profile of the API under load there, BENCH_NO_BUILD=1 skips the build.
 */
const root = resolve(__dirname, '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WARM_UP_SECONDS = 3;
const TARGET_RATIO = 0.6;
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

interface Row {
  route: string;
  ours: LoadResult;
  bare: LoadResult;
}

async function measure(url: string, token: string): Promise<LoadResult> {
  await load({ url, token, connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
  return load({ url, token, connections: CONNECTIONS, seconds: SECONDS });
}

async function main(): Promise<void> {
  if (!process.env.BENCH_NO_BUILD)
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  const suffix = uniqueSuffix();
  const database = `strata_bench_http_${suffix}`;
  const databaseUrl = databaseUrlFor(database);
  const queuePrefix = `strata_bench_${suffix}`;
  const logDir = join(root, 'var', 'bench');
  mkdirSync(logDir, { recursive: true });
  const admin = { email: 'admin@bench.local', password: randomBytes(12).toString('hex') };
  const [apiPort, barePort] = [await freePort(), await freePort()];
  const apiEnv = productionLikeEnv({
    port: apiPort,
    databaseUrl,
    admin,
    queuePrefix,
    fileStore: join(tmpdir(), `strata-bench-files-${suffix}`),
  });
  const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '-r', profilePreload()] : [];
  const apiLog = join(logDir, `api-${suffix}.log`);
  const started: Started[] = [];
  try {
    const api = startNode(
      [...profileArgs, 'dist/apps/api/src/main.js'],
      apiEnv,
      apiLog,
      PROFILE_DIR ? 'SIGUSR2' : 'SIGTERM',
    );
    started.push(api);
    await waitForHttp(`http://127.0.0.1:${apiPort}/health`, api.child, 60_000);
    const base = `http://127.0.0.1:${apiPort}`;
    const tokens = await seed(base, databaseUrl, admin);
    const bare = startNode(
      ['-r', '@swc-node/register', 'bench/http/bare-server.ts'],
      { ...process.env, DATABASE_URL: databaseUrl, PORT: String(barePort) },
      join(logDir, `bare-${suffix}.log`),
      'SIGTERM',
    );
    started.push(bare);
    const bareBase = `http://127.0.0.1:${barePort}`;
    await waitForHttp(`${bareBase}/api/tenants/${BENCH_TENANT}`, bare.child, 30_000);

    const routes = [
      { route: 'GET /api/users?pageSize=20', path: '/api/users?pageSize=20', token: tokens.adminToken },
      { route: 'GET /api/tenants/:tenant', path: `/api/tenants/${BENCH_TENANT}`, token: tokens.viewerToken },
    ];
    const rows: Row[] = [];
    for (const { route, path, token } of routes) {
      const ours = await measure(`${base}${path}`, token);
      const bareResult = await measure(`${bareBase}${path}`, token);
      rows.push({ route, ours, bare: bareResult });
    }
    report(rows, apiLog);
  } finally {
    for (const server of started.reverse()) await server.stop();
    await dropDatabase(database).catch(() => undefined);
    await clearQueues(queuePrefix).catch(() => undefined);
  }
  if (PROFILE_DIR) console.log(`CPU profile of the API written to ${PROFILE_DIR}`);
}

function report(rows: Row[], apiLog: string): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`\n${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}`);
  console.log(`concurrency ${CONNECTIONS}, ${SECONDS} s per measurement after ${WARM_UP_SECONDS} s warm-up`);
  console.log('route | ours req/s | p50 | p99 | bare req/s | p50 | p99 | ratio');
  for (const { route, ours, bare } of rows) {
    const ratio = ours.requestsPerSecond / bare.requestsPerSecond;
    console.log(
      [
        route,
        ours.requestsPerSecond.toFixed(0),
        ms(ours.p50),
        ms(ours.p99),
        bare.requestsPerSecond.toFixed(0),
        ms(bare.p50),
        ms(bare.p99),
        `${ratio.toFixed(2)}${ratio >= TARGET_RATIO ? '' : ` (below the ${TARGET_RATIO} target)`}`,
      ].join(' | '),
    );
    if (ours.failures + bare.failures > 0) {
      console.log(`  ! failed responses: ours ${ours.failures}, bare ${bare.failures} (see ${apiLog})`);
    }
  }
  console.log(`API log: ${apiLog}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
