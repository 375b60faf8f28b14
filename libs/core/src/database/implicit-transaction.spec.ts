import { SqlQuery } from '../sql/sql';
import { ImplicitTransaction, PgConnection } from './implicit-transaction';

/** A pg connection that records the messages of each write (everything sent between cork and uncork). */
function fakeConnection() {
  const writes: string[][] = [];
  let corked = 0;
  let pending: string[] = [];
  const send = (message: string) => {
    pending.push(message);
    if (corked === 0) flush();
  };
  const flush = () => {
    if (pending.length > 0) writes.push(pending);
    pending = [];
  };
  const connection: PgConnection = {
    stream: {
      cork: () => void corked++,
      uncork: () => {
        corked--;
        if (corked === 0) flush();
      },
    },
    parsedStatements: {},
    parse: ({ name }) => send(`Parse ${name ?? ''}`),
    bind: ({ statement }) => send(`Bind ${statement ?? ''}`),
    describe: () => send('Describe'),
    execute: () => send('Execute'),
    flush: () => send('Flush'),
    sync: () => send('Sync'),
  };
  return { connection, writes };
}

describe('ImplicitTransaction', () => {
  it('sends a statement with its Flush in one write, and the deferred ones with the Sync in one more', async () => {
    const { connection, writes } = fakeConnection();
    const tx = new ImplicitTransaction();
    tx.submit(connection);
    await tx.started;
    const answer = tx.execute(new SqlQuery('INSERT ... RETURNING *', [1], 'create'));
    tx.handleRowDescription({ fields: [] });
    tx.handleCommandComplete({ text: 'INSERT 0 1' });
    await expect(answer).resolves.toEqual({ rows: [], rowCount: 1 });
    expect(connection.parsedStatements.create).toBe('INSERT ... RETURNING *');

    tx.defer(new SqlQuery('INSERT INTO audit_log ...', [2], 'audit'));
    const committed = tx.commit();
    tx.handleCommandComplete({ text: 'INSERT 0 1' });
    tx.handleReadyForQuery();
    await committed;
    expect(writes).toEqual([
      ['Parse create', 'Bind create', 'Describe', 'Execute', 'Flush'],
      ['Parse audit', 'Bind audit', 'Describe', 'Execute', 'Sync'],
    ]);
  });

  it('fails the commit and ends the failed transaction with a Sync when a statement is refused', async () => {
    const { connection, writes } = fakeConnection();
    const tx = new ImplicitTransaction();
    tx.submit(connection);
    const answer = tx.execute(new SqlQuery('INSERT ...', [1]));
    tx.handleError(new Error('duplicate key'));
    await expect(answer).rejects.toThrow('duplicate key');
    expect(writes.at(-1)).toEqual(['Sync']);
    expect(() => tx.defer(new SqlQuery('INSERT ...', []))).toThrow('duplicate key');
  });

  it('fails at once when pg refuses to run it at all (a client that lost its connection)', async () => {
    const tx = new ImplicitTransaction();
    tx.handleError(new Error('Client has encountered a connection error and is not queryable'));
    await expect(tx.started).rejects.toThrow('not queryable');
  });
});
