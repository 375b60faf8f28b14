import { loadEnv, prepareDatabase } from '@app/core';
import { DataSource } from 'typeorm';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../test/utils/test-database';

/** A fresh, migrated database for one benchmark run; dropped by `close`. */
export async function benchDatabase(): Promise<{ dataSource: DataSource; url: string; close: () => Promise<void> }> {
  const name = `strata_bench_${uniqueSuffix()}`;
  const env = loadEnv({ ...process.env, DATABASE_URL: databaseUrlFor(name) });
  await prepareDatabase(env);
  const dataSource = new DataSource({ type: 'postgres', url: env.DATABASE_URL, extra: { max: 8 } });
  await dataSource.initialize();
  return {
    dataSource,
    url: env.DATABASE_URL,
    close: async () => {
      await dataSource.destroy();
      await dropDatabase(name);
    },
  };
}

export async function timed(fn: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
