import { QueryFailedError } from 'typeorm';
import { SqlQuery } from '../sql/sql';
import type { SqlResult } from './sql-database';

/** The part of a pg client (pooled or held by a TypeORM transaction) that runs statements. */
export interface PgClient {
  query(config: {
    text: string;
    values: unknown[];
    name?: string;
  }): Promise<{ rows: unknown[]; rowCount: number | null }>;
  /** Set once the connection holds more prepared statements than it should keep: closed on release. */
  tooManyPrepared?: boolean;
}

/**
 * Most prepared statements one connection keeps. Each costs memory in its PostgreSQL backend, and
 * dynamic names (records lists per table, version and shape) only ever grow; past this, the pool
 * closes the connection when it is released and opens a fresh one.
 */
export const MAX_PREPARED_PER_CONNECTION = 500;

/** The names a connection has prepared, kept on the connection itself. */
const PREPARED = Symbol('strataPreparedNames');
type TrackedClient = PgClient & { [PREPARED]?: Set<string> };

/** Runs `q` on `client` (by name when it has one), failing as TypeORM does (QueryFailedError). */
export async function runOnClient<T>(client: PgClient, q: SqlQuery): Promise<SqlResult<T>> {
  let result: { rows: unknown[]; rowCount: number | null };
  try {
    result = await client.query(
      q.name === undefined ? { text: q.text, values: q.values } : { name: q.name, text: q.text, values: q.values },
    );
  } catch (error) {
    throw asQueryFailed(q, error);
  }
  if (q.name !== undefined) notePrepared(client, q.name);
  // Several statements in one text without parameters answer one result each: no rows, as TypeORM had it.
  if (Array.isArray(result)) return { rows: [], rowCount: 0 };
  return { rows: result.rows as T[], rowCount: result.rowCount ?? result.rows.length };
}

/** A failure of `q` as TypeORM reports it. */
export const asQueryFailed = (q: SqlQuery, error: unknown) =>
  error instanceof QueryFailedError ? error : new QueryFailedError(q.text, q.values, error as Error);

/** Counts `name` among the statements `client` has prepared (see MAX_PREPARED_PER_CONNECTION). */
export function notePrepared(client: TrackedClient, name: string): void {
  const names = (client[PREPARED] ??= new Set());
  if (names.has(name)) return;
  names.add(name);
  if (names.size > MAX_PREPARED_PER_CONNECTION) client.tooManyPrepared = true;
}
