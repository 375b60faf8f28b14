import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

/** The import baseline: the CSV file straight into `table` with `COPY FROM STDIN`. */
export async function copyFileInto(databaseUrl: string, table: string, columns: string[], file: string) {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const list = columns.map((c) => `"${c}"`).join(', ');
    const copy = client.query(copyFrom(`COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv, HEADER true)`));
    await pipeline(createReadStream(file, { highWaterMark: 256 * 1024 }), copy);
    return Number(copy.rowCount);
  } finally {
    await client.end();
  }
}

/** The export baseline: `COPY (SELECT ...) TO STDOUT` read to the end by this process; returns the bytes. */
export async function copyOut(databaseUrl: string, select: string, beforeEnd?: () => void): Promise<number> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    });
    await pipeline(client.query(copyTo(`COPY (${select}) TO STDOUT WITH (FORMAT csv, HEADER true)`)), sink);
    beforeEnd?.(); // while the backend is still there to be measured
    return bytes;
  } finally {
    await client.end();
  }
}
