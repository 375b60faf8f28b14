import { Query } from 'pg';
import type Result from 'pg/lib/result';
import { QueryFailedError } from 'typeorm';
import { SqlQuery } from '../sql/sql';
import { RowsResult } from './pg-rows';
import type { SqlResult } from './sql-database';

/** What pg answers a statement: its result, or one per statement of a text holding several. */
type PgAnswer = { rows: unknown[]; rowCount: number | null } | unknown[];

/** The part of a pg client (pooled or held by a TypeORM transaction) that runs statements. */
export interface PgClient {
  query(statement: Query): unknown;
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

/** What `Statement` sets on pg's query beyond its constructor's arguments. */
interface QueryInternals {
  name?: string;
  _result: Result;
  _results: Result | Result[];
}

/**
 * `q` as pg runs it, made from its text, values and name as they are: given a config object
 * instead, pg first copies it through its property descriptors (`cloneQueryConfig`), more CPU
 * than the rest of making the query. Its rows are built by `RowsResult`.
 */
class Statement extends Query {
  constructor(q: SqlQuery, callback: (error: Error | undefined, answer: PgAnswer) => void) {
    super(q.text, q.values, callback as never);
    const query = this as unknown as QueryInternals;
    // pg reads the name when the query is sent: set, it parses the text once per connection.
    if (q.name !== undefined) query.name = q.name;
    query._result = query._results = new RowsResult();
  }
}

/** How a statement ended: its failure as TypeORM reports it, else its answer. */
export type StatementDone<T> = (failure: QueryFailedError | undefined, result?: SqlResult<T>) => void;

/**
 * Sends `q` on `client` (by name when it has one) and calls `done` once PostgreSQL answered,
 * failing as TypeORM does (QueryFailedError). Callbacks, not promises: this is every statement's path.
 */
export function sendOnClient<T>(client: PgClient, q: SqlQuery, done: StatementDone<T>): void {
  const statement = new Statement(q, (error, answer) => {
    if (error) return done(asQueryFailed(q, error));
    if (q.name !== undefined) notePrepared(client, q.name);
    // Several statements in one text without parameters answer one result each: no rows, as TypeORM had it.
    if (Array.isArray(answer)) return done(undefined, { rows: [], rowCount: 0 });
    done(undefined, { rows: answer.rows as T[], rowCount: answer.rowCount ?? answer.rows.length });
  });
  try {
    client.query(statement);
  } catch (error) {
    done(asQueryFailed(q, error));
  }
}

/** Runs `q` on `client` (by name when it has one), failing as TypeORM does (QueryFailedError). */
export function runOnClient<T>(client: PgClient, q: SqlQuery): Promise<SqlResult<T>> {
  return new Promise((resolve, reject) =>
    sendOnClient<T>(client, q, (failure, result) => (failure ? reject(failure) : resolve(result!))),
  );
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
