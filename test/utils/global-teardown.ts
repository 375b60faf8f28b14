import { dropDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const name = process.env.STRATA_TEST_DATABASE;
  if (name) await dropDatabase(name);
}
