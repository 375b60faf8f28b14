import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runManyTenantsBench, runSchemaScaleBench, startScaleApi } from '.';

/**
 * `npm run bench:scale`: builds Strata, starts the built API as production runs it on a fresh
 * database, then
 *   - the schema scale bench (1 table against 200 tables in 50 versions), and
 *   - with BENCH_TENANTS=<n> (e.g. 1000), the many-tenants bench: n tenants provisioned through
 *     the API, the time per tenant, the tenant list and one tenant's reads before and after, and
 *     the API's start-up time with them.
 * Everything it creates is removed at the end (tenants, database, Redis keys).
 *
 * BENCH_SECONDS per measurement (default 3 for the schema bench, which prints the median of 3;
 * 5 for many tenants), BENCH_CONNECTIONS (default 32), BENCH_NO_BUILD=1 skips the build,
 * BENCH_SCALE_SCHEMA=0 skips the schema bench, BENCH_SCALE_ROUTES=<words> measures only the schema
 * routes whose label contains one of them, BENCH_CPU_PROF=<dir> writes a CPU profile of the API.
 */
const root = resolve(__dirname, '../..');
const SECONDS = process.env.BENCH_SECONDS ? Number(process.env.BENCH_SECONDS) : undefined;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 0);
const PROFILE_DIR = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : undefined;

async function main(): Promise<void> {
  if (!process.env.BENCH_NO_BUILD)
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  console.log(
    `${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load ${loadavg()[0].toFixed(1)}`,
  );
  const api = await startScaleApi(PROFILE_DIR);
  try {
    if (process.env.BENCH_SCALE_SCHEMA !== '0') {
      const only = process.env.BENCH_SCALE_ROUTES?.split(',');
      await runSchemaScaleBench(api, { seconds: SECONDS, connections: CONNECTIONS, only });
    }
    if (TENANTS > 0) await runManyTenantsBench(api, { tenants: TENANTS, seconds: SECONDS, connections: CONNECTIONS });
  } finally {
    await api.stop();
  }
  console.log(`API log: ${api.logFile}`);
  if (PROFILE_DIR) console.log(`CPU profile of the API written to ${PROFILE_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
