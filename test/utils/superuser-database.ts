import { Client } from 'pg';

/**
 * Runs `fn` in a transaction of a separate connection as the database superuser the test run
 * was set up with (DATABASE_URL from global-setup), with triggers switched off: what an
 * attacker holding the database, and not the app, can do. Never the app's own connection.
 */
export async function asDatabaseSuperuser<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (test/utils/global-setup.ts sets it)');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
