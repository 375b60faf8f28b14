import { Client } from 'pg';

export interface SuperuserOptions {
  /** The database to connect to; by default the run's (DATABASE_URL, set by global-setup). */
  databaseUrl?: string;
  /**
   * Run `fn` in one transaction with triggers switched off (`session_replication_role = replica`),
   * committed when it returns: an attacker holding the database rewriting what the triggers guard.
   * Without it every statement runs on its own, so one that fails does not spoil the next.
   */
  triggersOff?: boolean;
}

/**
 * Runs `fn` on a separate connection as the database superuser the test run was set up with (the
 * owner of every table), for what the app's own role may not do: acting as a database
 * administrator, or tampering with the data. Never the app's own connection.
 */
export async function asDatabaseSuperuser<T>(
  fn: (client: Client) => Promise<T>,
  options: SuperuserOptions = {},
): Promise<T> {
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (test/utils/global-setup.ts sets it)');
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    if (!options.triggersOff) return await fn(client);
    await client.query('BEGIN');
    await client.query('SET LOCAL session_replication_role = replica');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (options.triggersOff) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
