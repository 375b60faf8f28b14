import { quoteIdent } from '@app/core';
import { randomBytes } from 'node:crypto';
import { SchemaDefinition } from '../definition/schema-definition';
import { definitionStatements } from '../export/export-sql';
import { SqlExecutor } from '../runner/sql-executor';
import { compareCatalogs, CatalogDifference } from './catalog-compare';
import { readCatalog } from './catalog-reader';
import { CatalogSnapshot } from './catalog-snapshot';

/**
 * The catalog a definition generates: its DDL is run in a scratch schema inside a savepoint and
 * read back, then rolled back, so nothing remains. Must run inside the caller's transaction.
 * PostgreSQL prints defaults, checks and indexes in its own normal form; building them for real is
 * the only exact way to know what they look like.
 */
export async function expectedCatalog(db: SqlExecutor, definition: SchemaDefinition): Promise<CatalogSnapshot> {
  const scratch = `_strata_expected_${randomBytes(6).toString('hex')}`;
  await db.query('SAVEPOINT strata_expected_catalog');
  try {
    await db.query(`CREATE SCHEMA ${quoteIdent(scratch)}`);
    for (const statement of definitionStatements(definition, scratch)) await db.query(statement);
    return await readCatalog(db, scratch);
  } finally {
    await db.query('ROLLBACK TO SAVEPOINT strata_expected_catalog');
    await db.query('RELEASE SAVEPOINT strata_expected_catalog');
  }
}

/** Drift: how the live tenant schema differs from what its active definition generates. */
export async function catalogDrift(
  db: SqlExecutor,
  schema: string,
  definition: SchemaDefinition,
): Promise<CatalogDifference[]> {
  return compareCatalogs(await expectedCatalog(db, definition), await readCatalog(db, schema));
}
