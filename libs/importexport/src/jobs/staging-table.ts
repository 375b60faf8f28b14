import { quoteIdent, RecordTableLike } from './sql-names';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';

/** The staging table of one import job: unlogged, in the tenant schema, named after the job. */
export function stagingName(schema: string, jobId: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(`_import_${jobId.replace(/-/g, '')}`)}`;
}

/** Drops a staging table left by an earlier attempt (a worker that died), then creates it empty. */
export async function createStaging(client: PoolClient, staging: string, table: RecordTableLike): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${staging}`);
  const columns = table.columns.map((c) => `${c.quoted} ${c.sqlType}`);
  await client.query(`CREATE UNLOGGED TABLE ${staging} ("_row" integer NOT NULL, ${columns.join(', ')})`);
}

export async function dropStaging(client: PoolClient, staging: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${staging}`);
}

/** A COPY FROM STDIN into the staging table that takes text with back-pressure. */
export class StagingCopy {
  private readonly stream: Writable;
  private failure: Error | undefined;

  constructor(client: PoolClient, staging: string, table: RecordTableLike) {
    const columns = ['"_row"', ...table.columns.map((c) => c.quoted)].join(', ');
    this.stream = client.query(copyFrom(`COPY ${staging} (${columns}) FROM STDIN`));
    this.stream.on('error', (error: Error) => (this.failure = error));
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (text === '') return;
    if (!this.stream.write(text)) await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
    if (this.failure) throw this.failure;
  }

  async end(): Promise<void> {
    this.stream.end();
    await finished(this.stream);
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}
