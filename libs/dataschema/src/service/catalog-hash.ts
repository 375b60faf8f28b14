import { createHash } from 'node:crypto';
import { readCatalog, readCatalogs } from '../catalog/catalog-reader';
import { CatalogSnapshot } from '../catalog/catalog-snapshot';
import { SqlExecutor } from '../runner/sql-executor';

const hashOf = (snapshot: CatalogSnapshot) => createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');

/**
 * A fingerprint of a tenant schema's catalog (set-aside and system items left out). Stored with each
 * version right after it is applied; a later fingerprint that differs means someone changed the
 * schema outside Strata. Cheap: catalog reads only, no scratch schema.
 */
export async function catalogHash(db: SqlExecutor, schema: string): Promise<string> {
  return hashOf(await readCatalog(db, schema));
}

/** `catalogHash` of each schema, all read in the same five catalog queries. */
export async function catalogHashes(db: SqlExecutor, schemas: readonly string[]): Promise<Map<string, string>> {
  const snapshots = await readCatalogs(db, schemas);
  return new Map([...snapshots].map(([schema, snapshot]) => [schema, hashOf(snapshot)]));
}
