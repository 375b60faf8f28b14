import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../../test/utils/test-database';
import { freePort, profilePreload, startNode, Started, waitForHttp } from '../http/processes';
import { StrataClient } from '../import/strata-client';
import { clearQueues } from '../redis-keys';
import { productionLikeEnv } from '../server-env';

/** What the scale benches need of a running Strata: its address and a superadmin's token. */
export interface ScaleTarget {
  base: string;
  /** A fresh superadmin access token (a bench may outlive one). */
  adminToken(): Promise<string>;
  /** Restarts the API; answers the milliseconds from the spawn until `/health/ready` answers 200. */
  restart?: () => Promise<number>;
}

export interface ScaleApi extends ScaleTarget {
  restart(): Promise<number>;
  logFile: string;
  /** Stops the API, drops its database, the run's Redis keys and its file store. */
  stop(): Promise<void>;
}

const root = resolve(__dirname, '../..');

/**
 * The built API (`dist/`), started as production runs it on a fresh database, with a superadmin.
 * With `profileDir`, the API writes a CPU profile there when it stops (`node --cpu-prof`).
 */
export async function startScaleApi(profileDir?: string): Promise<ScaleApi> {
  const suffix = uniqueSuffix();
  const database = `strata_bench_scale_${suffix}`;
  const databaseUrl = databaseUrlFor(database);
  const queuePrefix = `strata_bench_${suffix}`;
  const logDir = join(root, 'var', 'bench');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `scale-api-${suffix}.log`);
  const admin = { email: 'admin@bench.local', password: randomBytes(12).toString('hex') };
  const port = await freePort();
  const fileStore = join(tmpdir(), `strata-bench-files-${suffix}`);
  const env = productionLikeEnv({ port, databaseUrl, admin, queuePrefix, fileStore });
  const base = `http://127.0.0.1:${port}`;
  let api: Started | undefined;

  const start = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, '-r', profilePreload()] : [];
    api = startNode([...profileArgs, 'dist/apps/api/src/main.js'], env, logFile, profileDir ? 'SIGUSR2' : 'SIGTERM');
    await waitForHttp(`${base}/health/ready`, api.child, 600_000);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };
  const stop = async () => {
    await api?.stop();
    api = undefined;
  };
  const removeAll = async () => {
    await stop();
    await dropDatabase(database).catch(() => undefined);
    await clearQueues(queuePrefix).catch(() => undefined);
    rmSync(fileStore, { recursive: true, force: true });
  };

  try {
    await start();
    const client = new StrataClient(base);
    return {
      base,
      adminToken: async () =>
        (await client.call<{ accessToken: string }>('POST', '/api/auth/login', admin)).accessToken,
      logFile,
      async restart() {
        await stop();
        return start();
      },
      stop: removeAll,
    };
  } catch (error) {
    await removeAll();
    throw error;
  }
}
