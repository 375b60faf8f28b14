import {
  applyOperations,
  assignIds,
  catalogDrift,
  CatalogDifference,
  inTransaction,
  MigrationPlan,
  pgExecutor,
  planMigration,
  RetainedItem,
  SchemaDefinition,
  SqlExecutor,
} from '@app/dataschema';
import { Client } from 'pg';
import { uniqueSuffix } from '../../utils/test-database';

export const TIMEOUTS = { lockTimeoutMs: 2000, statementTimeoutMs: 10000 };

/** A connection to the run's test database and a throw-away schema in it. */
export async function scratchTenant(prefix: string): Promise<{ client: Client; db: SqlExecutor; schema: string }> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const schema = `${prefix}_${uniqueSuffix()}`;
  await client.query(`CREATE SCHEMA "${schema}"`);
  return { client, db: pgExecutor(client), schema };
}

export async function dropScratchTenant(client: Client, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}

/** Plans `from` -> `to` and applies it in one transaction; returns the plan. */
export async function migrate(
  client: Client,
  schema: string,
  from: SchemaDefinition,
  to: SchemaDefinition,
  retained: RetainedItem[] = [],
): Promise<MigrationPlan> {
  const plan = planMigration(from, to, { schema, retained });
  await inTransaction(client, () => applyOperations(pgExecutor(client), plan.operations, TIMEOUTS));
  return plan;
}

export async function driftOf(
  client: Client,
  schema: string,
  definition: SchemaDefinition,
): Promise<CatalogDifference[]> {
  return inTransaction(client, () => catalogDrift(pgExecutor(client), schema, definition));
}

export const withIds = (definition: SchemaDefinition, previous: SchemaDefinition = { tables: [] }) =>
  assignIds(definition, previous);
