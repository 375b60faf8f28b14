import {
  Comparison,
  machine,
  compareSides,
  printComparisons,
  runMain,
  startBaseline,
  startBench,
  stopBench,
} from './harness';
import { BENCH_TENANT, seed } from './seed';

/**
 * `npm run bench:http`: builds Strata, starts the built API as production runs it on a fresh
 * database, seeds it, and loads two authenticated routes with autocannon; then the same routes on
 * a bare Fastify + pg server (bench/http/bare-server.ts). Prints requests/s, p50, p99 and the ratio
 * to the bare server (target 0.6, issue 7 item 14). Traffic goes to 127.0.0.1 only. Options: see
 * bench/http/harness.ts.
 */
const TARGET_RATIO = 0.6;
/** BENCH_ROUTES=users,tenant (default both): which routes load, e.g. to profile one. */
const WANTED = process.env.BENCH_ROUTES?.split(',').map((key) => key.trim());

async function main(): Promise<void> {
  const run = await startBench('http');
  try {
    const tokens = await seed(run.base, run.databaseUrl, run.admin);
    const bare = await startBaseline(run, 'bench/http/bare-server.ts', `/api/tenants/${BENCH_TENANT}`);
    const routes = [
      { key: 'users', route: 'GET /api/users?pageSize=20', path: '/api/users?pageSize=20', token: tokens.adminToken },
      {
        key: 'tenant',
        route: 'GET /api/tenants/:tenant',
        path: `/api/tenants/${BENCH_TENANT}`,
        token: tokens.viewerToken,
      },
    ];
    const comparisons: Comparison[] = [];
    for (const { route, path, token } of routes.filter((r) => !WANTED || WANTED.includes(r.key))) {
      const measured = await compareSides(
        { target: { url: `${run.base}${path}`, token }, pid: run.apiPid },
        { target: { url: `${bare.base}${path}`, token }, pid: bare.pid },
      );
      comparisons.push({ name: 'ours/bare', route, ...measured, targetRatio: TARGET_RATIO });
    }
    console.log(`\n${machine()}`);
    printComparisons(comparisons, run.apiLog);
  } finally {
    await stopBench(run);
  }
}

runMain(main);
