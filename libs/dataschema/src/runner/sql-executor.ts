import type { ClientBase } from 'pg';

/** What the runner and the catalog reader need of a connection: one query at a time, rows back. */
export interface SqlExecutor {
  query(text: string, values?: unknown[]): Promise<Array<Record<string, unknown>>>;
}

/** A node-postgres client (or pool client). */
export function pgExecutor(client: Pick<ClientBase, 'query'>): SqlExecutor {
  return { query: async (text, values) => (await client.query(text, values)).rows };
}

/** Anything with TypeORM's `query(text, params)` (a QueryRunner or an EntityManager) that returns rows. */
export function typeormExecutor(runner: { query(text: string, params?: unknown[]): Promise<unknown> }): SqlExecutor {
  return {
    query: async (text, values) => {
      const result = await runner.query(text, values);
      return Array.isArray(result) ? (result as Array<Record<string, unknown>>) : [];
    },
  };
}

/** Runs `work` in one transaction on a pg client: commit when it resolves, roll back when it throws. */
export async function inTransaction<T>(client: Pick<ClientBase, 'query'>, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
