import { StrataClient } from '../import/strata-client';
import { runManyTenantsBench, runSchemaScaleBench, type ScaleTarget } from '../scale';
import type { BenchRun } from '../http/harness';
import type { ApiBenchSection } from './section';

const SECONDS = process.env.BENCH_SECONDS ? Number(process.env.BENCH_SECONDS) : undefined;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

/** The scale benches on bench:api's running API (no restart there: `npm run bench:scale` times start-up). */
function targetOf(run: BenchRun): ScaleTarget {
  const client = new StrataClient(run.base);
  return {
    base: run.base,
    adminToken: async () =>
      (await client.call<{ accessToken: string }>('POST', '/api/auth/login', run.admin)).accessToken,
  };
}

/** Issue 11 item 4: schema reads and plans with 1 table against 200 tables in 50 versions. */
export const schemaScaleSection: ApiBenchSection = {
  name: 'schema-scale',
  run: ({ run }) =>
    runSchemaScaleBench(targetOf(run), { seconds: SECONDS, connections: CONNECTIONS }).then(() => undefined),
};

/** Issue 11 item 5, only with BENCH_TENANTS=<n> (e.g. 1000): n tenants, time per tenant, list latency before and after. */
export const manyTenantsSection: ApiBenchSection = {
  name: 'many-tenants',
  run: async ({ run }) => {
    const tenants = Number(process.env.BENCH_TENANTS ?? 0);
    if (tenants <= 0) {
      console.log('many-tenants: skipped (set BENCH_TENANTS=1000 to provision 1,000 tenants)');
      return;
    }
    await runManyTenantsBench(targetOf(run), { tenants, seconds: SECONDS, connections: CONNECTIONS });
  },
};
