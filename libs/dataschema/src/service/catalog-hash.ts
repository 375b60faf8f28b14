import { createHash } from 'node:crypto';
import { readCatalog } from '../catalog/catalog-reader';
import { SqlExecutor } from '../runner/sql-executor';

/**
 * A fingerprint of a tenant schema's catalog (set-aside and system items left out). Stored with each
 * version right after it is applied; a later fingerprint that differs means someone changed the
 * schema outside Strata. Cheap: catalog reads only, no scratch schema.
 */
export async function catalogHash(db: SqlExecutor, schema: string): Promise<string> {
  const snapshot = await readCatalog(db, schema);
  return createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
}
