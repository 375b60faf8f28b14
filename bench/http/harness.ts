import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../../test/utils/test-database';
import { clearQueues } from '../redis-keys';
import { productionLikeEnv } from '../server-env';
import { load, LoadResult, LoadTarget } from './load';
import { freePort, profilePreload, startNode, Started, waitForHttp } from './processes';

/**
 * What bench:http and bench:api share: the built API started as production runs it (NODE_ENV
 * production, API only, LOG_LEVEL info to a file under var/bench/) on a fresh database, baseline
 * servers started next to it, autocannon loads with a warm-up, and the comparison table.
 *
 * BENCH_SECONDS (default 10) per side of a comparison, in BENCH_ROUNDS (default 3) alternating rounds,
 * BENCH_CONNECTIONS (default 32), BENCH_NO_BUILD=1 skips
 * the build, BENCH_CPU_PROF=<dir> writes a CPU profile of the API under load there,
 * BENCH_API_NODE_OPTIONS sets NODE_OPTIONS for our API only.
 */
export const ROOT = resolve(__dirname, '../..');
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
export const WARM_UP_SECONDS = 3;
/** Alternating rounds per comparison (BENCH_ROUNDS, default 3). */
export const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

export interface BenchRun {
  suffix: string;
  database: string;
  databaseUrl: string;
  /** Our API's origin, `http://127.0.0.1:<port>`. */
  base: string;
  admin: { email: string; password: string };
  logDir: string;
  apiLog: string;
  /** Started processes, stopped in reverse order by `stopBench`. */
  started: Started[];
  /** Our API's process id, to read its CPU time. */
  apiPid: number | undefined;
  queuePrefix: string;
}

/** Builds (unless BENCH_NO_BUILD), creates a fresh database and starts the built API on it. */
export async function startBench(name: string, apiEnv: NodeJS.ProcessEnv = {}): Promise<BenchRun> {
  if (!process.env.BENCH_NO_BUILD)
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  const suffix = uniqueSuffix();
  const database = `strata_bench_${name}_${suffix}`;
  const logDir = join(ROOT, 'var', 'bench');
  mkdirSync(logDir, { recursive: true });
  const port = await freePort();
  const run: BenchRun = {
    suffix,
    database,
    databaseUrl: databaseUrlFor(database),
    base: `http://127.0.0.1:${port}`,
    admin: { email: 'admin@bench.local', password: randomBytes(12).toString('hex') },
    logDir,
    apiLog: join(logDir, `${name}-api-${suffix}.log`),
    started: [],
    apiPid: undefined,
    queuePrefix: `strata_bench_${suffix}`,
  };
  const env = {
    ...productionLikeEnv({
      port,
      databaseUrl: run.databaseUrl,
      admin: run.admin,
      queuePrefix: run.queuePrefix,
      fileStore: join(tmpdir(), `strata-bench-files-${suffix}`),
    }),
    // BENCH_API_NODE_OPTIONS: try a runtime flag on our API alone (e.g. --max-semi-space-size=64).
    ...(process.env.BENCH_API_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_API_NODE_OPTIONS } : {}),
    ...apiEnv,
  };
  const profileArgs = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, '-r', profilePreload()] : [];
  const api = startNode(
    [...profileArgs, 'dist/apps/api/src/main.js'],
    env,
    run.apiLog,
    PROFILE_DIR ? 'SIGUSR2' : 'SIGTERM',
  );
  run.started.push(api);
  run.apiPid = api.child.pid;
  await waitForHttp(`${run.base}/health`, api.child, 60_000);
  return run;
}

/** A server the bench started: its origin and process id. */
export interface Baseline {
  base: string;
  pid: number | undefined;
}

/**
 * Starts a baseline server (`node -r @swc-node/register <entry>`) on the run's database, with `env`
 * added, once `readyPath` answers 200.
 */
export async function startBaseline(
  run: BenchRun,
  entry: string,
  readyPath: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Baseline> {
  const port = await freePort();
  const server = startNode(
    ['-r', '@swc-node/register', entry],
    { ...process.env, ...env, DATABASE_URL: run.databaseUrl, PORT: String(port) },
    join(run.logDir, `bare-${run.suffix}.log`),
    'SIGTERM',
  );
  run.started.push(server);
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}${readyPath}`, server.child, 30_000);
  return { base, pid: server.child.pid };
}

/** Stops every process, drops the database and the run's Redis keys. */
export async function stopBench(run: BenchRun): Promise<void> {
  for (const server of [...run.started].reverse()) await server.stop();
  await dropDatabase(run.database).catch(() => undefined);
  await clearQueues(run.queuePrefix).catch(() => undefined);
  if (PROFILE_DIR) console.log(`CPU profile of the API written to ${PROFILE_DIR}`);
}

/** A load on one side of a comparison: what to send, and the server's process (for its CPU time). */
export interface Side {
  target: LoadTarget;
  pid?: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** The median of each figure over rounds, failures summed. */
function medianOf(results: LoadResult[]): LoadResult {
  const cpu = results.map((r) => r.cpuMicrosPerRequest).filter((v): v is number => v !== undefined);
  return {
    requestsPerSecond: median(results.map((r) => r.requestsPerSecond)),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
    cpuMicrosPerRequest: cpu.length ? median(cpu) : undefined,
  };
}

/**
 * Ours against the baseline: a warm-up of each, then ROUNDS alternating loads of SECONDS / ROUNDS
 * each (ours, baseline, ours, ...), so load from other work on a shared machine falls on both
 * sides alike. Answers the median of each figure, and the median of the rounds' ratios.
 */
export async function compareSides(
  ours: Side,
  baseline: Side,
): Promise<{ ours: LoadResult; baseline: LoadResult; ratio: number }> {
  await load(ours.target, { connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
  await load(baseline.target, { connections: CONNECTIONS, seconds: WARM_UP_SECONDS });
  const seconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  const oursRounds: LoadResult[] = [];
  const baselineRounds: LoadResult[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    oursRounds.push(await load(ours.target, { connections: CONNECTIONS, seconds, serverPid: ours.pid }));
    baselineRounds.push(await load(baseline.target, { connections: CONNECTIONS, seconds, serverPid: baseline.pid }));
  }
  const ratios = oursRounds.map((r, i) => r.requestsPerSecond / baselineRounds[i].requestsPerSecond);
  return { ours: medianOf(oursRounds), baseline: medianOf(baselineRounds), ratio: median(ratios) };
}

/** One line of the comparison: our route against the baseline doing the same work. */
export interface Comparison {
  /** e.g. `a/c list`: how the ratio is named in the issue. */
  name: string;
  route: string;
  ours: LoadResult;
  baseline: LoadResult;
  /** Median of the rounds' ours / baseline requests per second. */
  ratio: number;
  targetRatio: number;
  /** Our p99 must stay under this many milliseconds. */
  maxP99Ms?: number;
}

export function machine(extra = ''): string {
  return `${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}${extra ? `, ${extra}` : ''}`;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const cpu = (result: LoadResult) =>
  result.cpuMicrosPerRequest === undefined ? '-' : `${result.cpuMicrosPerRequest.toFixed(0)} µs`;

/** Prints each comparison: requests/s, p50, p99 for both sides, the ratio and the targets it misses. */
export function printComparisons(comparisons: readonly Comparison[], apiLog: string): void {
  console.log(
    `concurrency ${CONNECTIONS}; per side ${WARM_UP_SECONDS} s warm-up, then ${ROUNDS} alternating rounds of ` +
      `${Math.max(1, Math.round(SECONDS / ROUNDS))} s; medians of the rounds`,
  );
  console.log(
    'ratio | route | ours req/s | p50 | p99 | CPU/req | baseline req/s | p50 | p99 | CPU/req | ours/baseline',
  );
  for (const { name, route, ours, baseline, ratio, targetRatio, maxP99Ms } of comparisons) {
    const misses = [
      ...(ratio >= targetRatio ? [] : [`below the ${targetRatio} target`]),
      ...(maxP99Ms === undefined || ours.p99 < maxP99Ms ? [] : [`p99 not under ${maxP99Ms} ms`]),
    ];
    console.log(
      [
        name,
        route,
        ours.requestsPerSecond.toFixed(0),
        ms(ours.p50),
        ms(ours.p99),
        cpu(ours),
        baseline.requestsPerSecond.toFixed(0),
        ms(baseline.p50),
        ms(baseline.p99),
        cpu(baseline),
        `${ratio.toFixed(2)}${misses.length ? ` (${misses.join(', ')})` : ''}`,
      ].join(' | '),
    );
    if (ours.failures + baseline.failures > 0) {
      console.log(`  ! failed responses: ours ${ours.failures}, baseline ${baseline.failures} (see ${apiLog})`);
    }
  }
  console.log(`API log: ${apiLog}`);
}

/** Runs `main`, exiting non-zero on failure. */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
