import {
  compileListQuery,
  compileRecordTable,
  compileRecordTables,
  parseListQuery,
  RecordHistoryRepository,
  RecordsRepository,
  SchemaDefinition,
} from '@app/dataschema';
import type { SqlQuery, SqlRunner } from '@app/core';

/**
 * The SQL our records routes run for the bench's requests, taken from Strata's own compiler and
 * repositories (a runner that records statements instead of running them), so the bare server runs
 * exactly the same text. Values are described by where they come from, for the bare server to fill.
 */
export interface BareStatements {
  /** List page; values: [account, pageSize + 1, (page - 1) * pageSize]. */
  listRows: string;
  /** List count; values: [account]. */
  listCount: string;
  /** One record; values: [id]. */
  getById: string;
  /** Create; values: the actor id twice, then one single-item array per column of `insertColumns`. */
  insert: string;
  insertColumns: string[];
  /** The create's revision; values: [tableId, tableId, actorId, schemaVersion, [id], ['create'], [null], [after JSON]]. */
  history: string;
  tableId: string;
  schemaVersion: number;
}

/** A runner that answers nothing and keeps the statements it was given. */
class RecordingRunner implements SqlRunner {
  readonly statements: SqlQuery[] = [];

  async query<T>(q: SqlQuery): Promise<T[]> {
    this.statements.push(q);
    return [{ id: '00000000-0000-4000-8000-000000000000', revision: 1 } as T];
  }

  async execute<T>(q: SqlQuery) {
    return { rows: await this.query<T>(q), rowCount: 1 };
  }
}

const expectValues = (what: string, actual: unknown[], expected: unknown[]) => {
  if (JSON.stringify(actual) !== JSON.stringify(expected))
    throw new Error(
      `${what}: our statement takes ${JSON.stringify(actual)}, the bench assumed ${JSON.stringify(expected)}`,
    );
};

/**
 * Our statements for the bench table `tableName` of `definition` (version `schemaVersion`) in
 * `schemaName`: the list `listQuery` (a filter on `account`, a sort, an offset page), the get by
 * id, and a create of `sampleRecord`.
 */
export async function ourStatements(
  schemaName: string,
  definition: SchemaDefinition,
  schemaVersion: number,
  tableName: string,
  listQuery: Record<string, string>,
  sampleRecord: Record<string, unknown>,
): Promise<BareStatements> {
  const own = definition.tables.find((t) => t.name === tableName);
  if (!own?.id) throw new Error(`The schema has no table ${tableName}`);
  const table = compileRecordTable(schemaName, own);
  const list = compileListQuery(parseListQuery(table, listQuery, compileRecordTables(schemaName, definition)));
  const pageSize = Number(listQuery.pageSize);
  expectValues('list rows', list.rows.values, [
    Number(listQuery['filter[account][eq]']),
    pageSize + 1,
    (Number(listQuery.page) - 1) * pageSize,
  ]);
  expectValues('list count', list.count?.values ?? [], [Number(listQuery['filter[account][eq]'])]);

  const runner = new RecordingRunner();
  const id = '00000000-0000-4000-8000-000000000000';
  await new RecordsRepository().find(runner, table, id);
  const columns = Object.keys(sampleRecord).sort();
  await new RecordsRepository().insertSameColumns(runner, table, columns, [sampleRecord], null);
  await new RecordHistoryRepository().append(runner, schemaName, { tableId: own.id, actorId: null, schemaVersion }, [
    { recordId: id, operation: 'create', before: null, after: {} },
  ]);
  const [get, insert, history] = runner.statements;
  expectValues('get', get.values, [id]);
  expectValues('insert', insert.values, [null, null, ...columns.map((column) => [sampleRecord[column]])]);
  expectValues('history', history.values, [
    own.id,
    own.id,
    own.id,
    null,
    schemaVersion,
    [id],
    ['create'],
    [null],
    ['{}'],
  ]);
  return {
    listRows: list.rows.text,
    listCount: list.count!.text,
    getById: get.text,
    insert: insert.text,
    insertColumns: columns,
    history: history.text,
    tableId: own.id,
    schemaVersion,
  };
}
