import { Env } from '@app/core';
import { Client } from 'pg';

/**
 * Runs `fn` with a connection as DATABASE_URL's role (the owner, a superuser in tests), for what
 * the app's own role may not do: acting as a database administrator who tampers with the data.
 */
export async function asDatabaseOwner<T>(env: Env, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
