import {
  DriftCheckTarget,
  Env,
  loadEnv,
  platformDataSourceOptions,
  prepareDatabase,
  SqlDatabase,
  SqlRunner,
} from '@app/core';
import { Operation, operationSummary } from '@app/dataschema';
import { DataSource } from 'typeorm';
import { SchemaVersionSummaries1795950000000 } from '../../../libs/core/src/database/migrations/1795950000000-schema-version-summaries';
import { catalogHash } from '../../../libs/dataschema/src/service/catalog-hash';
import { SchemaDriftReport } from '../../../libs/dataschema/src/service/schema-drift-report';
import { runnerExecutor } from '../../../libs/dataschema/src/service/sql-runner-executor';
import { SchemaVersionsRepository } from '../../../libs/dataschema/src/versions/schema-versions.repository';
import { QueryRecorder } from '../../utils/query-recorder';
import { databaseUrlFor, dropDatabase, uniqueSuffix } from '../../utils/test-database';

const OPERATIONS: Operation[] = [
  { kind: 'ensureFunctions', summary: 'ensure helper functions', up: ['SELECT 1'], down: [] },
  {
    kind: 'createTable',
    table: 'a',
    tableId: 't_aaaaaa',
    summary: 'create table a',
    up: ['CREATE ...'],
    down: ['DROP ...'],
  },
  {
    kind: 'addColumn',
    table: 'a',
    tableId: 't_aaaaaa',
    column: 'b',
    columnId: 'c_bbbbbb',
    summary: 'add column a.b',
    up: ['ALTER ...'],
    down: ['ALTER ...'],
  },
];

/**
 * What the version list, the tables gauge and the drift report read of `schema_versions`, against
 * a database of their own (the gauge counts every tenant): stored summaries and counts, one probe
 * per tenant, and a drift check whose queries do not grow with the tenants.
 */
describe('schema versions at scale', () => {
  const databaseName = `strata_test_sv_${uniqueSuffix()}`;
  let env: Env;
  let dataSource: DataSource;
  let db: SqlDatabase;
  const versions = new SchemaVersionsRepository();

  async function tenant(slug: string): Promise<{ id: string; schemaName: string }> {
    const [row]: Array<{ id: string; schema_name: string }> = await dataSource.query(
      `INSERT INTO tenants (name, slug, schema_name) VALUES ($1::text, $1::text, 'tenant_' || $1::text) RETURNING id, schema_name`,
      [slug],
    );
    await dataSource.query(`CREATE SCHEMA "${row.schema_name}"`);
    return { id: row.id, schemaName: row.schema_name };
  }

  async function addVersion(tenantId: string, version: number, tables: number, hash = '0'.repeat(64)) {
    const definition = { tables: Array.from({ length: tables }, (_, i) => ({ name: `t${i}`, columns: [] })) };
    await versions.insert(
      db,
      tenantId,
      {
        version,
        definition,
        operations: OPERATIONS,
        up: '',
        down: '',
        authorId: null,
        authorEmail: null,
        message: null,
        checksum: '0'.repeat(64),
        catalogHash: hash,
      },
      OPERATIONS.map(operationSummary),
    );
  }

  /** A SqlRunner that counts its statements. */
  const counting = (runner: SqlRunner) => {
    const counted = {
      count: 0,
      query: (q: Parameters<SqlRunner['query']>[0]) => (counted.count++, runner.query(q)),
      execute: (q: Parameters<SqlRunner['execute']>[0]) => (counted.count++, runner.execute(q)),
    };
    return counted as SqlRunner & { count: number };
  };

  beforeAll(async () => {
    env = loadEnv({ ...process.env, DATABASE_URL: databaseUrlFor(databaseName) });
    await prepareDatabase(env);
    dataSource = new DataSource({ ...platformDataSourceOptions(env), extra: { max: 4 } });
    await dataSource.initialize();
    db = new SqlDatabase(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(databaseName);
  });

  it('fills in the summaries and table counts of versions stored before the migration', async () => {
    const { id } = await tenant(`sv_mig_${uniqueSuffix()}`);
    const migration = new SchemaVersionSummaries1795950000000();
    const runner = dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await runner.query(
        `INSERT INTO schema_versions (tenant_id, version, definition, operations, up_sql, down_sql, checksum, catalog_hash)
         VALUES ($1, 1, $2, $3, '', '', $4, $4), ($1, 2, '{"tables": []}', '[]', '', '', $4, $4)`,
        [id, JSON.stringify({ tables: [{ name: 'a' }, { name: 'b' }] }), JSON.stringify(OPERATIONS), '0'.repeat(64)],
      );
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const page = await versions.pageSummaries(db, id, 0, 20);
    expect(page.results.map((v) => [v.version, v.operations])).toEqual([
      [2, []],
      [1, OPERATIONS.map(operationSummary)],
    ]);
    const counts: Array<{ version: number; table_count: number }> = await dataSource.query(
      `SELECT version, table_count FROM schema_versions WHERE tenant_id = $1 ORDER BY version`,
      [id],
    );
    expect(counts).toEqual([
      { version: 1, table_count: 2 },
      { version: 2, table_count: 0 },
    ]);
  });

  it('counts the live tables from every tenant’s latest version, in one statement', async () => {
    const before = await versions.countLiveTables(db);
    const a = await tenant(`sv_cnt_${uniqueSuffix()}`);
    const b = await tenant(`sv_cnt_${uniqueSuffix()}`);
    for (const [v, tables] of [
      [1, 3],
      [2, 7],
      [3, 5],
    ])
      await addVersion(a.id, v, tables);
    await addVersion(b.id, 1, 2);
    const runner = counting(db);
    expect(await versions.countLiveTables(runner)).toBe(before + 5 + 2);
    expect(runner.count).toBe(1);
    expect(await versions.latestOf(db, [a.id, b.id])).toEqual(
      expect.arrayContaining([expect.objectContaining({ tenantId: a.id, version: 3 })]),
    );
  });

  it('checks drift of 1 tenant and of 12 in the same number of queries, and finds the one changed by hand', async () => {
    const report = new SchemaDriftReport(db, versions);
    const recorder = new QueryRecorder(dataSource);
    const targets: DriftCheckTarget[] = [];
    for (let i = 0; i < 12; i++) {
      const { id, schemaName } = await tenant(`sv_drift_${uniqueSuffix()}`);
      await dataSource.query(`CREATE TABLE "${schemaName}".notes (id uuid PRIMARY KEY, body text)`);
      await addVersion(id, 1, 1, await catalogHash(runnerExecutor(db), schemaName));
      targets.push({ tenantId: id, slug: schemaName.slice('tenant_'.length), schemaName });
    }
    const one = await recorder.record(() => report.drifted(targets.slice(0, 1)));
    const twelve = await recorder.record(() => report.drifted(targets));
    expect(one.result).toEqual([]);
    expect(twelve.result).toEqual([]);
    expect(twelve.queries).toHaveLength(one.queries.length);

    await dataSource.query(`ALTER TABLE "${targets[7].schemaName}".notes ADD COLUMN by_hand int`);
    expect(await report.drifted(targets)).toEqual([targets[7]]);
  });
});
