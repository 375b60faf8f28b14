import { generateSigningKey } from '../../libs/audit/src/signing/audit-signing-key';
import { loadEnv, prepareDatabase } from '../../libs/core/src';
import { databaseUrlFor, uniqueSuffix } from './test-database';

const base64Der = (key: ReturnType<typeof generateSigningKey>) =>
  key.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

/**
 * One fresh database per test run, migrated once; dropped by global-teardown.
 *
 * Every app of the run writes to the one platform chain, and `verify` trusts only keys configured
 * outside the database, so every app signs with one run key and trusts one more: the key the
 * rotation test rotates to (STRATA_TEST_NEXT_SIGNING_KEY).
 */
export default async function globalSetup(): Promise<void> {
  const name = `strata_test_${uniqueSuffix()}`;
  const url = databaseUrlFor(name);
  const next = generateSigningKey();
  process.env.STRATA_TEST_DATABASE = name;
  process.env.DATABASE_URL = url;
  process.env.AUDIT_SIGNING_KEY = base64Der(generateSigningKey());
  process.env.AUDIT_TRUSTED_PUBLIC_KEYS = next.publicKeyPem;
  process.env.STRATA_TEST_NEXT_SIGNING_KEY = base64Der(next);
  await prepareDatabase(loadEnv({ ...process.env, DATABASE_URL: url }));
}
