import { loadEnv, prepareDatabase } from '../../libs/core/src';
import { databaseUrlFor, uniqueSuffix } from './test-database';

/** One fresh database per test run, migrated once; dropped by global-teardown. */
export default async function globalSetup(): Promise<void> {
  const name = `strata_test_${uniqueSuffix()}`;
  const url = databaseUrlFor(name);
  process.env.STRATA_TEST_DATABASE = name;
  process.env.DATABASE_URL = url;
  await prepareDatabase(loadEnv({ ...process.env, DATABASE_URL: url }));
}
