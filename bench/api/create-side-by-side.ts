import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Comparison,
  compareSides,
  machine,
  printComparisons,
  runMain,
  startBaseline,
  startBench,
  stopBench,
} from '../http/harness';
import { StrataClient } from '../import/strata-client';
import { productionLikeEnv } from '../server-env';
import { ORDERS_TABLE, sampleOrder } from './orders-table';

/**
 * `node -r @swc-node/register bench/api/create-side-by-side.ts`: this tree's create route against
 * another build's (OTHER_API, the `dist/apps/api/src/main.js` of e.g. `main` built in a copy of the
 * tree), both APIs on one database with the same JWT secret and audit key, loaded in alternating
 * rounds, so a loaded machine's noise falls on both alike. Compare CPU per create. REPEAT (default
 * 3) comparisons; the harness's options apply (BENCH_SECONDS, BENCH_ROUNDS, BENCH_NO_BUILD, ...).
 */
const OTHER_API = process.env.OTHER_API;
const REPEAT = Number(process.env.REPEAT ?? 3);
const shared = {
  JWT_SECRET: randomBytes(32).toString('hex'),
  AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
};

async function main(): Promise<void> {
  if (!OTHER_API) throw new Error('OTHER_API: the main.js of the build to compare with');
  const run = await startBench('create-side-by-side', shared);
  try {
    const fileStore = join(tmpdir(), `strata-bench-files-${run.suffix}`);
    const env = {
      ...productionLikeEnv({
        port: 0,
        databaseUrl: run.databaseUrl,
        admin: run.admin,
        queuePrefix: run.queuePrefix,
        fileStore,
      }),
      ...shared,
    };
    const other = await startBaseline(run, OTHER_API, '/health', env);
    const admin = new StrataClient(run.base);
    await admin.login(run.admin.email, run.admin.password);
    await admin.call('POST', '/api/tenants', { name: 'Bench', slug: 'bench' });
    await admin.call('PUT', '/api/tenants/bench/schema', {
      definition: { tables: [ORDERS_TABLE] },
      expectedVersion: 0,
    });
    const editor = { username: 'editor', email: 'editor@bench.local', password: 'editor-password-1' };
    await admin.call('POST', '/api/users', editor);
    await admin.call('POST', '/api/tenants/bench/members', { email: editor.email, role: 'editor' });
    const client = new StrataClient(run.base);
    await client.login(editor.email, editor.password);
    const path = '/api/tenants/bench/tables/orders/records';
    const target = { token: client.accessToken, method: 'POST' as const, body: sampleOrder(3) };
    const comparisons: Comparison[] = [];
    for (let i = 0; i < REPEAT; i++) {
      const measured = await compareSides(
        { target: { url: `${run.base}${path}`, ...target }, pid: run.apiPid },
        { target: { url: `${other.base}${path}`, ...target }, pid: other.pid },
      );
      comparisons.push({ name: 'this/other', route: 'create', targetRatio: 1, maxP99Ms: 50, ...measured });
    }
    console.log(machine());
    printComparisons(comparisons, run.apiLog);
  } finally {
    await stopBench(run);
  }
}

runMain(main);
