import type Result from 'pg/lib/result';
import { prepareValue } from 'pg/lib/utils';
import { SqlQuery } from '../sql/sql';
import { RowsResult } from './pg-rows';
import type { SqlResult } from './sql-database';

/** The pg 8 connection a submitted query drives: its message writers and its prepared statements. */
export interface PgConnection {
  stream: { cork?(): void; uncork?(): void };
  parsedStatements: Record<string, string | undefined>;
  parse(msg: { text: string; name?: string }): void;
  bind(config: { statement?: string; values: unknown[]; valueMapper: (value: unknown) => unknown }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(config: { portal: string }): void;
  flush(): void;
  sync(): void;
}

/** A statement on the wire, waiting for its answer. */
interface Sent {
  q: SqlQuery;
  /** Sent with a Parse of its name in this transaction: whether PostgreSQL kept it is known once it answers. */
  parsing: boolean;
  result: Result;
  resolve(result: SqlResult<unknown>): void;
  reject(error: Error): void;
}

const ROLLBACK = new SqlQuery('ROLLBACK', []);

/**
 * One transaction without BEGIN and COMMIT, as a pg `Submittable`: PostgreSQL runs every Execute
 * of the extended protocol up to the next Sync in one implicit transaction, commits it at the Sync
 * and rolls it back if any of them fails. A statement whose rows are needed is sent with a Flush
 * (one round trip); `commit` sends what was deferred with the Sync (one more). A create (the
 * record statement, then its audit entry with the commit) takes two round trips instead of four.
 *
 * pg hands the connection to this object from `submit` until PostgreSQL answers the Sync
 * (ReadyForQuery); nothing else runs on it meanwhile. On an error, pg forgets its active query
 * before the ReadyForQuery that follows: the Sync sent here ends the failed transaction, and the
 * next query on the connection waits for it as after any failed query.
 */
export class ImplicitTransaction {
  private connection?: PgConnection;
  private begin!: () => void;
  private refuse!: (error: Error) => void;
  /** Resolves once pg has handed this the connection (at once on an idle one); fails if it never will. */
  readonly started = new Promise<void>((resolve, reject) => {
    this.begin = resolve;
    this.refuse = reject;
  });
  private readonly waiting: Sent[] = [];
  private readonly deferred: SqlQuery[] = [];
  private synced = false;
  private failure?: Error;
  private settle?: { resolve(): void; reject(error: Error): void };
  /** A statement parsed here whose fate is unknown after a failure: the connection should not be reused. */
  uncertainStatements = false;

  submit(connection: PgConnection): null {
    this.connection = connection;
    this.begin();
    return null;
  }

  /** Runs `q` now; its rows once PostgreSQL answers. */
  execute<T>(q: SqlQuery): Promise<SqlResult<T>> {
    const connection = this.open();
    return new Promise<SqlResult<T>>((resolve, reject) => {
      // Corked: the statement and the Flush leave in one write.
      connection.stream.cork?.();
      try {
        this.send(connection, q, resolve as Sent['resolve'], reject);
        connection.flush();
      } finally {
        connection.stream.uncork?.();
      }
    });
  }

  /** Runs `q` with the commit: its failure fails the commit. */
  defer(q: SqlQuery): void {
    this.open();
    this.deferred.push(q);
  }

  /** Sends the deferred statements and the Sync; resolves once PostgreSQL has committed. */
  commit(): Promise<void> {
    const connection = this.open();
    this.synced = true;
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      connection.stream.cork?.();
      try {
        for (const q of this.deferred.splice(0)) this.send(connection, q, noop, noop);
        connection.sync();
      } finally {
        connection.stream.uncork?.();
      }
    });
  }

  /**
   * Rolls back what ran so far (a ROLLBACK outside BEGIN aborts the implicit transaction) and ends
   * it; with nothing sent yet the Sync ends an empty transaction.
   */
  rollback(): void {
    if (this.synced || !this.connection) return;
    this.failure ??= new Error('The transaction has ended');
    this.synced = true;
    this.deferred.length = 0;
    this.connection.stream.cork?.();
    try {
      this.send(this.connection, ROLLBACK, noop, noop);
      this.connection.sync();
    } finally {
      this.connection.stream.uncork?.();
    }
  }

  /** pg: the connection is held until ReadyForQuery, so `submit` has run before any statement. */
  private open(): PgConnection {
    if (this.failure) throw this.failure;
    if (this.synced || !this.connection) throw new Error('The transaction has ended');
    return this.connection;
  }

  private send(connection: PgConnection, q: SqlQuery, resolve: Sent['resolve'], reject: Sent['reject']): void {
    const name = q.name ?? '';
    const parsing = name === '' || connection.parsedStatements[name] === undefined;
    connection.stream.cork?.();
    try {
      if (parsing) connection.parse({ text: q.text, name });
      connection.bind({ statement: name, values: q.values, valueMapper: prepareValue });
      connection.describe({ type: 'P', name: '' });
      connection.execute({ portal: '' });
    } finally {
      connection.stream.uncork?.();
    }
    this.waiting.push({ q, parsing: parsing && name !== '', result: new RowsResult(), resolve, reject });
  }

  /** The statement the next answer is about. */
  private get current(): Sent {
    const sent = this.waiting[0];
    if (!sent) throw new Error('PostgreSQL answered a statement that was not sent');
    return sent;
  }

  /** Its RowDescription: the statement was parsed. */
  handleRowDescription(msg: { fields: unknown[] }): void {
    this.kept(this.current);
    this.current.result.addFields(msg.fields);
  }

  handleDataRow(msg: { fields: unknown[] }): void {
    const { result } = this.current;
    result.addRow(result.parseRow(msg.fields));
  }

  handleCommandComplete(msg: unknown): void {
    const sent = this.waiting.shift();
    if (!sent) throw new Error('PostgreSQL answered a statement that was not sent');
    this.kept(sent);
    sent.result.addCommandComplete(msg);
    sent.resolve({ rows: sent.result.rows, rowCount: sent.result.rowCount ?? sent.result.rows.length });
  }

  handleEmptyQuery(): void {
    this.handleCommandComplete({ text: '' });
  }

  handlePortalSuspended(): void {
    // Every Execute asks for all rows: a portal is never suspended.
  }

  handleCopyInResponse(): void {
    // No COPY is ever sent in one.
  }

  handleCopyData(): void {
    // No COPY is ever sent in one.
  }

  /** PostgreSQL refused a statement (or the commit): the transaction is rolled back at the Sync. */
  handleError(error: Error): void {
    // pg refuses a query on a client that lost its connection without ever submitting it.
    this.refuse(error);
    this.failure ??= error;
    if (this.waiting.some((sent) => sent.parsing)) this.uncertainStatements = true;
    for (const sent of this.waiting.splice(0)) sent.reject(error);
    if (!this.synced && this.connection) {
      this.synced = true;
      this.deferred.length = 0;
      this.connection.sync();
    }
    this.settle?.reject(error);
  }

  handleReadyForQuery(): void {
    if (this.failure) this.settle?.reject(this.failure);
    else this.settle?.resolve();
  }

  private kept(sent: Sent): void {
    if (!sent.parsing || !this.connection) return;
    sent.parsing = false;
    this.connection.parsedStatements[sent.q.name!] = sent.q.text;
  }
}

const noop = () => undefined;
