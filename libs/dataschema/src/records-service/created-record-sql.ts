import { qualified, raw, sql, SqlQuery } from '@app/core';
import { RecordTable, tableStatement } from '../records/record-table';
import { nextRevision } from './history-batch-sql';
import { insertRows } from './insert-rows-sql';

/** The column the combined create answers the revision under: column names never start with `_`. */
export const REVISION = '_revision';

/** One record to create, with what its revision carries. */
export interface CreateInput {
  table: RecordTable;
  /** The table's stable id, as history rows carry it. */
  tableId: string;
  actorId: string | null;
  schemaVersion: number;
  /** Validated: column name -> parameter value. */
  row: Record<string, unknown>;
}

/** Where one parameter of the statement takes its value from. */
class Slot {
  constructor(readonly take: (input: CreateInput) => unknown) {}
}

/** A statement's text and where each of its parameters comes from, built once. */
interface CreateStatement {
  text: string;
  slots: Slot[];
}

const built = new WeakMap<RecordTable, Map<string, CreateStatement>>();

/**
 * The INSERT of one record (as `insertSameColumns` writes it) and the history row of its first
 * revision (as `RecordHistoryRepository.append` writes it, `after` being the record as RETURNING
 * answers it) in one statement, which answers the record and `_revision`. The text is built once
 * per compiled table and set of columns; a request only fills in the values.
 */
export function createRecordQuery(input: CreateInput): SqlQuery {
  const columns = Object.keys(input.row).sort();
  const key = columns.join(',');
  let statements = built.get(input.table);
  if (!statements) {
    statements = new Map();
    built.set(input.table, statements);
  }
  let statement = statements.get(key);
  if (!statement) {
    statement = buildStatement(input.table, columns);
    statements.set(key, statement);
  }
  return tableStatement(
    input.table,
    new SqlQuery(
      statement.text,
      statement.slots.map((slot) => slot.take(input)),
    ),
  );
}

function buildStatement(table: RecordTable, columns: readonly string[]): CreateStatement {
  const actor = new Slot((input) => input.actorId);
  const tableId = new Slot((input) => input.tableId);
  const insert = insertRows(table, columns, {
    column: (c) => new Slot((input) => [input.row[c.name]]),
    actor,
    count: new Slot(() => 1),
  });
  // `_new`: no column name starts with `_`, so neither `to_jsonb(_new)` nor the subqueries of
  // `nextRevision` (aliases b, c, h, x) can take it for something else.
  const query = sql`
      WITH created AS (${insert}),
           revision AS (
             INSERT INTO ${qualified(table.schema, '_record_history')}
                    (table_id, record_id, revision, operation, before, after, actor_id, schema_version)
             SELECT ${tableId}::text, _new."id", ${nextRevision(table.schema, tableId, raw('_new."id"'))},
                    'create', NULL, to_jsonb(_new), ${actor}::uuid, ${new Slot((input) => input.schemaVersion)}::int
               FROM created _new
             RETURNING revision)
      SELECT _new.*, (SELECT revision FROM revision) AS "${raw(REVISION)}" FROM created _new`;
  const slots = query.values.map((value) => {
    if (!(value instanceof Slot)) throw new Error('Every value of the create statement comes from a slot');
    return value;
  });
  return { text: query.text, slots };
}
