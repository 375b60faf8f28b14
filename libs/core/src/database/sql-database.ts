import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource, EntityManager, QueryFailedError, QueryRunner } from 'typeorm';
import { SqlQuery } from '../sql/sql';
import { ImplicitTransaction } from './implicit-transaction';
import { asQueryFailed, notePrepared, PgClient, runOnClient, sendOnClient } from './pg-client';

/** What a statement answered: the rows it returned (RETURNING included) and the rows it changed. */
export interface SqlResult<T> {
  rows: T[];
  rowCount: number;
}

/** Runs hand-written SQL, on the pool or inside one transaction. */
export interface SqlRunner {
  /** The rows of `q`, whatever its command (a DELETE ... RETURNING answers its rows too). */
  query<T = Record<string, unknown>>(q: SqlQuery): Promise<T[]>;
  /** The rows of `q` and how many rows it changed. */
  execute<T = Record<string, unknown>>(q: SqlQuery): Promise<SqlResult<T>>;
}

/** One transaction: SQL, and the TypeORM manager of the same transaction for platform entities. */
export interface SqlTransaction extends SqlRunner {
  readonly manager: EntityManager;
}

/**
 * A transaction on a pooled pg connection without TypeORM's query runner: SQL only (no entity
 * manager, no TypeORM subscribers), and work to run once it has committed.
 */
export interface PlainTransaction extends SqlRunner {
  /** Runs `q` with the commit, without waiting for its answer (one round trip fewer): its failure fails the commit. */
  defer(q: SqlQuery): void;
  /** Runs `fn` once the transaction has committed; never when it rolls back. */
  afterCommit(fn: () => void): void;
}

export interface TenantTransactionOptions {
  /** How long one statement may wait for a row or table lock (after the tenant's lock is held). */
  lockTimeoutMs?: number;
  /** How long one statement may run. */
  statementTimeoutMs?: number;
}

/** The lock that puts one tenant's schema-level work (DDL, schema versions, system migrations) in line. */
export const tenantLockKey = (tenantId: string) => `tenant:${tenantId}`;

type PooledClient = PgClient & {
  release(destroy?: boolean): void;
  query(session: ImplicitTransaction): unknown;
  on(event: 'error', listener: () => void): void;
};

const ignoreError = () => undefined;
const COMMIT = new SqlQuery('COMMIT', []);

/** A refusal by PostgreSQL (an SQLSTATE) leaves the connection usable; anything else may not. */
const isRefusal = (error: unknown) =>
  error instanceof QueryFailedError && typeof (error.driverError as { code?: unknown }).code === 'string';
const heard = new WeakSet<PooledClient>();

/**
 * A connection lost while checked out emits 'error' (the query fails as well); the pool's own
 * listener is off until the release, and an unheard 'error' would end the process. One listener
 * per connection, for its life.
 */
function listenedTo(client: PooledClient): PooledClient {
  if (!heard.has(client)) {
    heard.add(client);
    client.on('error', ignoreError);
  }
  return client;
}

/** On the transaction's own connection, without TypeORM's per-query work (it has no query subscribers here). */
async function run<T>(runner: QueryRunner, q: SqlQuery): Promise<SqlResult<T>> {
  if (runner.isReleased) throw new Error('The transaction has ended');
  runner.connection.logger.logQuery(q.text, q.values, runner);
  return runOnClient<T>((await runner.connect()) as PgClient, q);
}

function transactionOf(manager: EntityManager): SqlTransaction {
  const runner = manager.queryRunner;
  if (!runner) throw new Error('An EntityManager outside a transaction has no query runner');
  return {
    manager,
    execute: (q) => run(runner, q),
    query: async (q) => (await run(runner, q)).rows as never,
  };
}

/**
 * The one way to run hand-written SQL (`sql` tagged templates): on the pool, in a transaction, or
 * in a tenant-scoped transaction that holds the tenant's lock and bounded timeouts.
 */
@Injectable()
export class SqlDatabase implements SqlRunner {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The pg pool TypeORM made; statements outside a transaction take a connection from it directly. */
  private get pool(): Pool {
    return (this.dataSource.driver as unknown as { master: Pool }).master;
  }

  /**
   * On a pooled connection, in callbacks rather than awaits (every read passes here): the
   * statement is logged first, in the caller's async context, as the pool may hand the connection
   * over from another request's release.
   */
  execute<T = Record<string, unknown>>(q: SqlQuery): Promise<SqlResult<T>> {
    return new Promise((resolve, reject) => {
      // TypeORM's logger still sees every statement (query logging, tests that count a request's queries).
      this.dataSource.logger.logQuery(q.text, q.values);
      this.pool.connect((error: Error | undefined, connected?: unknown) => {
        if (error) return reject(error);
        const client = listenedTo(connected as PooledClient);
        sendOnClient<T>(client, q, (failure, result) => {
          client.release((failure !== undefined && !isRefusal(failure)) || client.tooManyPrepared === true);
          if (failure) reject(failure);
          else resolve(result!);
        });
      });
    });
  }

  /**
   * A transaction straight on a pooled connection, for hot writes that need no TypeORM entity: it
   * skips the query runner and its subscribers, and sends neither BEGIN nor COMMIT (the extended
   * protocol's implicit transaction, `ImplicitTransaction`): a statement whose rows are awaited
   * costs one round trip, and the commit one more, with the deferred statements. Failures are
   * TypeORM's `QueryFailedError`, as in `transaction`; on any failure it rolls back.
   */
  async plainTransaction<T>(fn: (tx: PlainTransaction) => Promise<T>): Promise<T> {
    const client = await this.checkout();
    const committed: Array<() => void> = [];
    const session = new ImplicitTransaction();
    let broken = false;
    let result: T;
    try {
      client.query(session);
      await session.started;
      const run = async <R>(q: SqlQuery) => {
        this.dataSource.logger.logQuery(q.text, q.values);
        try {
          const answer = await session.execute<R>(q);
          if (q.name !== undefined) notePrepared(client, q.name);
          return answer;
        } catch (error) {
          throw asQueryFailed(q, error);
        }
      };
      const tx: PlainTransaction = {
        execute: run,
        query: async (q) => (await run(q)).rows as never,
        defer: (q) => {
          this.dataSource.logger.logQuery(q.text, q.values);
          session.defer(q);
        },
        afterCommit: (callback) => committed.push(callback),
      };
      try {
        result = await fn(tx);
      } catch (error) {
        session.rollback();
        throw error;
      }
      try {
        await session.commit();
      } catch (error) {
        throw asQueryFailed(COMMIT, error);
      }
    } catch (error) {
      // A refusal by PostgreSQL leaves the connection usable, unless a statement prepared here may or may not exist.
      broken = !isRefusal(error) || session.uncertainStatements;
      throw error;
    } finally {
      client.release(broken || client.tooManyPrepared === true);
    }
    for (const callback of committed) callback();
    return result;
  }

  private async checkout(): Promise<PooledClient> {
    return listenedTo((await this.pool.connect()) as PooledClient);
  }

  async query<T = Record<string, unknown>>(q: SqlQuery): Promise<T[]> {
    return (await this.execute<T>(q)).rows;
  }

  transaction<T>(fn: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => fn(transactionOf(manager)));
  }

  /** Joins a transaction that TypeORM code already runs. */
  within(manager: EntityManager): SqlTransaction {
    return transactionOf(manager);
  }

  /**
   * A transaction that first waits for the tenant's lock (as long as another holder needs: waiting
   * for one's turn is no failure), then bounds every lock wait and statement by `options`.
   */
  tenantTransaction<T>(
    tenantId: string,
    options: TenantTransactionOptions,
    fn: (tx: SqlTransaction) => Promise<T>,
  ): Promise<T> {
    return this.transaction(async (tx) => {
      await tx.query(new SqlQuery(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [tenantLockKey(tenantId)]));
      await tx.query(
        new SqlQuery(`SELECT set_config('lock_timeout', $1, true), set_config('statement_timeout', $2, true)`, [
          `${Math.trunc(options.lockTimeoutMs ?? 0)}ms`,
          `${Math.trunc(options.statementTimeoutMs ?? 0)}ms`,
        ]),
      );
      return fn(tx);
    });
  }
}
