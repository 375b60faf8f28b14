import { quoteIdent, RecordTableLike } from './sql-names';
import type { PoolClient } from 'pg';

/** The staging table of one import job: unlogged, in the tenant schema, named after the job. */
export function stagingName(schema: string, jobId: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(stagingTableName(jobId))}`;
}

/** `_import_<job id without dashes>`: what the sweeper looks for. */
export const stagingTableName = (jobId: string) => `_import_${jobId.replace(/-/g, '')}`;

/** Drops a staging table left by an earlier attempt (a worker that died), then creates it empty. */
export async function createStaging(client: PoolClient, staging: string, table: RecordTableLike): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${staging}`);
  const columns = table.columns.map((c) => `${c.quoted} ${c.sqlType}`);
  await client.query(`CREATE UNLOGGED TABLE ${staging} ("_row" integer NOT NULL, ${columns.join(', ')})`);
}

export async function dropStaging(client: PoolClient, staging: string): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${staging}`);
}

/** The COPY columns of a staging table: the row number, then the loaded columns. */
export const stagingColumns = (table: RecordTableLike) => ['"_row"', ...table.columns.map((c) => c.quoted)];
