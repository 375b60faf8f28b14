import { BinaryCell } from '../../../libs/importexport/src/encode/binary-copy-csv';
import { BinaryCopyCsvQuery } from '../../../libs/importexport/src/jobs/binary-copy-csv-query';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * The export's COPY reader on a real connection: many socket chunks, messages cut anywhere, and
 * the connection handed back to pg afterwards, whether the COPY ended, failed, lost its
 * connection or lost its reader.
 */
const ROWS = 30_000;
/** Text with every quoting case, neutralizable starts, non-ASCII; timestamps over 4,000 years; NULLs. */
const VALUES = `FROM generate_series(1, ${ROWS}) i,
  LATERAL (SELECT (ARRAY['plain', '=1+2', 'a,b', 'say "hi"', E'two\\nlines', '', 'Zoë – 東京', '-5', repeat('long ', 30)])[1 + i % 9] AS label,
                  CASE WHEN i % 7 = 0 THEN NULL ELSE timestamptz '0001-01-01 00:00:00Z' + (i * 4.2 || ' days')::interval + (i * 1.234567 || ' s')::interval END AS at) v`;
const BINARY = `SELECT i::text AS n, label, at, (i % 3 = 0), (i / 8.0)::float8 ${VALUES} ORDER BY i`;
const NAMES = ['n', 'label', 'at', 'flag', 'ratio'];
const CELLS: BinaryCell[] = [
  { kind: 'plain' },
  { kind: 'text', neutralize: true },
  { kind: 'timestamp' },
  { kind: 'boolean' },
  { kind: 'float' },
];
/** The same CSV from PostgreSQL itself, as the export wrote it before the binary COPY. */
const EXPECTED = `COPY (SELECT i,
  CASE WHEN ascii(label) IN (61, 43, 45, 64, 9, 13) THEN '''' || label ELSE label END,
  to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
  CASE WHEN i % 3 = 0 THEN 'true' ELSE 'false' END, (i / 8.0)::float8 ${VALUES} ORDER BY i) TO STDOUT (FORMAT csv, HEADER true)`;

class Collect extends Writable {
  readonly chunks: Buffer[] = [];
  constructor(private readonly failAfter = Infinity) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void) {
    this.chunks.push(chunk);
    done(this.chunks.length > this.failAfter ? new Error('disk full') : undefined);
  }
  get text() {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

describe('BinaryCopyCsvQuery (real PostgreSQL)', () => {
  let client: Client;

  beforeEach(async () => {
    client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterEach(() => client.end().catch(() => undefined));

  const copyOf = (select: string) => `COPY (${select}) TO STDOUT (FORMAT binary)`;

  it('writes the CSV PostgreSQL writes, and gives the connection back to pg', async () => {
    const expected = new Collect();
    await pipeline(client.query(copyTo(EXPECTED)), expected);
    const header = `${NAMES.join(',')}\n`;
    const ours = new Collect();
    const query = client.query(new BinaryCopyCsvQuery(copyOf(BINARY), NAMES, CELLS));
    await pipeline(query, ours);
    expect(query.rows).toBe(ROWS);
    expect(ours.text).toBe(header + expected.text.slice(expected.text.indexOf('\n') + 1));
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('fails on an error in the middle of the COPY, and the connection still works', async () => {
    const failing = `SELECT (10 / (i - 20000))::text FROM generate_series(1, ${ROWS}) i`;
    const query = client.query(new BinaryCopyCsvQuery(copyOf(failing), ['v'], [{ kind: 'plain' }]));
    await expect(pipeline(query, new Collect())).rejects.toThrow(/division by zero/);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('fails when the connection is lost in the middle of the COPY', async () => {
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    client.on('error', () => undefined);
    const killer = new Client({ connectionString: process.env.DATABASE_URL });
    await killer.connect();
    const slow = `SELECT i::text, pg_sleep(CASE WHEN i % 1000 = 0 THEN 0.01 ELSE 0 END)::text FROM generate_series(1, ${ROWS}) i`;
    const query = client.query(
      new BinaryCopyCsvQuery(copyOf(slow), ['n', 's'], [{ kind: 'plain' }, { kind: 'plain' }]),
    );
    const sink = new Collect();
    const done = pipeline(query, sink);
    done.catch(() => undefined); // awaited below, once the backend is gone
    while (sink.chunks.length === 0 && query.rows === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await killer.query('SELECT pg_terminate_backend($1)', [pid]);
    await killer.end();
    await expect(done).rejects.toThrow(/terminat/);
  });

  it('reads the rest of the COPY when its reader fails, so the transaction can roll back', async () => {
    await client.query('BEGIN');
    const query = client.query(new BinaryCopyCsvQuery(copyOf(BINARY), NAMES, CELLS));
    await expect(pipeline(query, new Collect(1))).rejects.toThrow(/disk full/);
    await client.query('ROLLBACK');
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });
});
