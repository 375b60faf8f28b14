import { fromDatabaseError, loadEnv, platformDataSourceOptions, SqlDatabase, SqlQuery } from '@app/core';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MAX_PREPARED_PER_CONNECTION } from '../../../libs/core/src/database/pg-client';
import { uniqueSuffix } from '../../utils/test-database';

/**
 * `SqlDatabase` runs statements on TypeORM's pg pool directly: prepared statements by name, the
 * same errors as TypeORM's (`QueryFailedError`, mapped to client errors), and no connection left
 * with an unbounded number of prepared statements.
 */
describe('SqlDatabase', () => {
  const schema = `sqldb_${uniqueSuffix()}`;
  let dataSource: DataSource;
  let db: SqlDatabase;
  let pool: Pool;

  beforeAll(async () => {
    dataSource = new DataSource({ ...platformDataSourceOptions(loadEnv(process.env)), extra: { max: 2 } });
    await dataSource.initialize();
    db = new SqlDatabase(dataSource);
    pool = (dataSource.driver as unknown as { master: Pool }).master;
    await db.query(new SqlQuery(`CREATE SCHEMA "${schema}"`, []));
    await db.query(new SqlQuery(`CREATE TABLE "${schema}".t (id int PRIMARY KEY, name text NOT NULL)`, []));
  });

  afterAll(async () => {
    await db.query(new SqlQuery(`DROP SCHEMA "${schema}" CASCADE`, []));
    await dataSource.destroy();
  });

  it('prepares a named statement once per connection and runs it by name after', async () => {
    const insert = (id: number) =>
      db.execute(
        new SqlQuery(`INSERT INTO "${schema}".t VALUES ($1, $2) RETURNING id`, [id, `n${id}`], 'sqldb_insert'),
      );
    await expect(insert(1)).resolves.toEqual({ rows: [{ id: 1 }], rowCount: 1 });
    await expect(insert(2)).resolves.toEqual({ rows: [{ id: 2 }], rowCount: 1 });
  });

  it('hands pg its statements as they are, without a copy of a config object', async () => {
    // pg copies a config object through its property descriptors; a statement made from the text is not copied.
    const copies = jest.spyOn(Object, 'getOwnPropertyDescriptors');
    try {
      const rows = await db.query(new SqlQuery(`SELECT $1::int AS n, 'a' AS "__proto__"`, [3], 'sqldb_nocopy'));
      expect(rows).toEqual([{ n: 3, ['__proto__']: 'a' }]);
      expect(Object.keys(rows[0])).toEqual(['n', '__proto__']);
      expect(copies).not.toHaveBeenCalled();
    } finally {
      copies.mockRestore();
    }
  });

  it("logs each statement in its caller's async context, also when another caller's release hands it the connection", async () => {
    const single = new DataSource({ ...platformDataSourceOptions(loadEnv(process.env)), extra: { max: 1 } });
    await single.initialize();
    const one = new SqlDatabase(single);
    const context = new AsyncLocalStorage<string>();
    const seen: Array<[string | undefined, string]> = [];
    const logQuery = single.logger.logQuery.bind(single.logger);
    single.logger.logQuery = (query, parameters) => {
      seen.push([context.getStore(), query]);
      return logQuery(query, parameters);
    };
    const run = (caller: string) =>
      context.run(caller, () => one.query(new SqlQuery(`SELECT pg_sleep(0.02), '${caller}' AS caller`, [])));
    await Promise.all(['a', 'b', 'c'].map(run));
    expect(seen).toEqual(['a', 'b', 'c'].map((caller) => [caller, `SELECT pg_sleep(0.02), '${caller}' AS caller`]));
    await single.destroy();
  });

  it('fails as TypeORM did, so refusals still map to client errors, and keeps the connection', async () => {
    const duplicate = db.execute(new SqlQuery(`INSERT INTO "${schema}".t VALUES ($1, $2)`, [1, 'again'], 'sqldb_dup'));
    const error = await duplicate.catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'QueryFailedError', driverError: { code: '23505' } });
    expect(fromDatabaseError(error)?.status).toBe(409);
    expect(pool.totalCount).toBeGreaterThan(0);
  });

  it('counts rows changed and answers rows of a DELETE ... RETURNING', async () => {
    await db.execute(new SqlQuery(`INSERT INTO "${schema}".t VALUES (10, 'a'), (11, 'b')`, []));
    const deleted = await db.execute<{ id: number }>(
      new SqlQuery(`DELETE FROM "${schema}".t WHERE id >= $1 RETURNING id`, [10]),
    );
    expect(deleted.rowCount).toBe(2);
    expect(deleted.rows.map((r) => r.id).sort()).toEqual([10, 11]);
  });

  it('closes a connection that holds too many prepared statements when it is released', async () => {
    // A pool of one connection: the same one every time, until it holds more prepared statements
    // than it may keep.
    const single = new DataSource({ ...platformDataSourceOptions(loadEnv(process.env)), extra: { max: 1 } });
    await single.initialize();
    const one = new SqlDatabase(single);
    const pidOf = async (i: number) =>
      (
        await one.query<{ pid: number }>(
          new SqlQuery(`SELECT pg_backend_pid() AS pid, ${i} AS n`, [], `sqldb_many_${i}`),
        )
      )[0].pid;
    const first = await pidOf(0);
    for (let i = 1; i < MAX_PREPARED_PER_CONNECTION; i++) expect(await pidOf(i)).toBe(first);
    await pidOf(MAX_PREPARED_PER_CONNECTION);
    expect(await pidOf(MAX_PREPARED_PER_CONNECTION + 1)).not.toBe(first);
    const alive = async () =>
      (
        await db.query<{ n: number }>(
          new SqlQuery('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [first]),
        )
      )[0].n;
    for (let tries = 0; tries < 50 && (await alive()) > 0; tries++) await new Promise((r) => setTimeout(r, 20));
    expect(await alive()).toBe(0);
    await single.destroy();
  });

  it('runs named statements inside a transaction on the transaction’s connection', async () => {
    const ids = await db.transaction(async (tx) => {
      await tx.execute(new SqlQuery(`INSERT INTO "${schema}".t VALUES ($1, $2)`, [20, 'tx'], 'sqldb_tx_insert'));
      return tx.query<{ id: number }>(
        new SqlQuery(`SELECT id FROM "${schema}".t WHERE id = $1`, [20], 'sqldb_tx_read'),
      );
    });
    expect(ids).toEqual([{ id: 20 }]);
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(
          new SqlQuery(`INSERT INTO "${schema}".t VALUES ($1, $2)`, [21, 'rolled back'], 'sqldb_tx_insert'),
        );
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.query(new SqlQuery(`SELECT id FROM "${schema}".t WHERE id = 21`, []))).toEqual([]);
  });

  describe('plainTransaction', () => {
    const rows = (from: number, to: number) =>
      db.query<{ id: number }>(
        new SqlQuery(`SELECT id FROM "${schema}".t WHERE id BETWEEN $1 AND $2 ORDER BY id`, [from, to]),
      );
    const insert = (id: number) =>
      new SqlQuery(`INSERT INTO "${schema}".t VALUES ($1, $2)`, [id, `p${id}`], 'sqldb_plain_insert');

    it('commits its statements together, then runs what waits for the commit', async () => {
      const order: string[] = [];
      const result = await db.plainTransaction(async (tx) => {
        tx.afterCommit(() => order.push('after commit'));
        await tx.execute(insert(30));
        await tx.execute(insert(31));
        // Not visible outside before the commit.
        expect(await rows(30, 31)).toEqual([]);
        order.push('body');
        return 'done';
      });
      expect(result).toBe('done');
      expect(order).toEqual(['body', 'after commit']);
      expect(await rows(30, 31)).toEqual([{ id: 30 }, { id: 31 }]);
    });

    it('stores nothing and runs nothing after a refused statement or a thrown error, and keeps the connection', async () => {
      const after = jest.fn();
      const refused = await db
        .plainTransaction(async (tx) => {
          tx.afterCommit(after);
          await tx.execute(insert(40));
          await tx.execute(insert(30)); // a duplicate
        })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ name: 'QueryFailedError', driverError: { code: '23505' } });
      expect(fromDatabaseError(refused)?.status).toBe(409);
      await expect(
        db.plainTransaction(async (tx) => {
          tx.afterCommit(after);
          await tx.execute(insert(41));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(after).not.toHaveBeenCalled();
      expect(await rows(40, 41)).toEqual([]);
      const before = pool.totalCount;
      await db.plainTransaction((tx) => tx.execute(insert(42)));
      expect(pool.totalCount).toBe(before);
      expect(await rows(40, 42)).toEqual([{ id: 42 }]);
    });

    it('runs a deferred statement with the commit, and fails the commit and stores nothing when it is refused', async () => {
      await db.plainTransaction(async (tx) => {
        await tx.execute(insert(60));
        tx.defer(insert(61));
        // Not sent yet: it goes with the commit.
        expect(await rows(60, 61)).toEqual([]);
      });
      expect(await rows(60, 61)).toEqual([{ id: 60 }, { id: 61 }]);

      const after = jest.fn();
      const refused = await db
        .plainTransaction(async (tx) => {
          tx.afterCommit(after);
          await tx.execute(insert(62));
          tx.defer(insert(60)); // a duplicate, refused at the commit
        })
        .catch((e: unknown) => e);
      expect(refused).toMatchObject({ name: 'QueryFailedError', driverError: { code: '23505' } });
      expect(after).not.toHaveBeenCalled();
      expect(await rows(62, 62)).toEqual([]);
    });

    it('sends neither BEGIN nor COMMIT: the statements up to the Sync are one transaction', async () => {
      const logged: string[] = [];
      const logger = dataSource.logger;
      const spy = jest.spyOn(logger, 'logQuery').mockImplementation((text: string) => void logged.push(text));
      try {
        await db.plainTransaction(async (tx) => {
          await tx.execute(insert(70));
          tx.defer(insert(71));
        });
      } finally {
        spy.mockRestore();
      }
      expect(logged.filter((text) => /^\s*(BEGIN|COMMIT|START)/i.test(text))).toEqual([]);
      expect(await rows(70, 71)).toEqual([{ id: 70 }, { id: 71 }]);
    });

    it('refuses statements once it has ended', async () => {
      let kept: { query: (q: SqlQuery) => Promise<unknown> } | undefined;
      await db.plainTransaction(async (tx) => {
        kept = tx;
      });
      await expect(kept!.query(insert(50))).rejects.toThrow('The transaction has ended');
      expect(await rows(50, 50)).toEqual([]);
    });
  });
});
