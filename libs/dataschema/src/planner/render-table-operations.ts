import { quoteIdent } from '@app/core';
import { columnClause, commentLiteral, qualify } from '../sql/ddl-parts';
import { derivedNames } from '../sql/derived-names';
import { Operation } from './operation';
import { asideTable, TableState } from './schema-state';

/**
 * The two functions every table uses, created in the tenant schema itself (no object outside it):
 * a time-ordered UUID (version 7: 48 bits of Unix milliseconds, then random bits; PostgreSQL 15
 * and 16 have no uuidv7()) and the trigger function that keeps `updated_at`.
 */
export function ensureFunctions(schema: string): Operation {
  return {
    kind: 'ensureFunctions',
    summary: 'create or replace the id and updated_at functions',
    up: [
      `CREATE OR REPLACE FUNCTION ${qualify(schema, derivedNames.uuidFunction())}() RETURNS uuid
LANGUAGE sql VOLATILE AS $fn$
  SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
    PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
    FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
$fn$`,
      `CREATE OR REPLACE FUNCTION ${qualify(schema, derivedNames.touchFunction())}() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END
$fn$`,
    ],
    // Other tables may still use them; they hold no data.
    down: [],
  };
}

export function createTable(schema: string, table: TableState): Operation {
  const name = qualify(schema, table.name);
  const lines = [
    `"id" uuid NOT NULL DEFAULT ${qualify(schema, derivedNames.uuidFunction())}()`,
    '"created_at" timestamptz NOT NULL DEFAULT now()',
    '"updated_at" timestamptz NOT NULL DEFAULT now()',
    '"created_by" uuid',
    '"updated_by" uuid',
    ...table.columns.map(columnClause),
    `CONSTRAINT ${quoteIdent(derivedNames.primaryKey(table.id))} PRIMARY KEY ("id")`,
  ];
  const up = [`CREATE TABLE ${name} (\n  ${lines.join(',\n  ')}\n)`];
  for (const column of table.columns.filter((c) => c.unique)) {
    up.push(
      `CREATE UNIQUE INDEX ${quoteIdent(derivedNames.uniqueIndex(column.id))} ON ${name} (${quoteIdent(column.name)})`,
    );
  }
  if (table.description !== undefined) up.push(`COMMENT ON TABLE ${name} IS ${commentLiteral(table.description)}`);
  for (const column of table.columns.filter((c) => c.description !== undefined)) {
    up.push(`COMMENT ON COLUMN ${name}.${quoteIdent(column.name)} IS ${commentLiteral(column.description)}`);
  }
  up.push(
    `CREATE TRIGGER ${quoteIdent(derivedNames.updatedAtTrigger())} BEFORE UPDATE ON ${name} ` +
      `FOR EACH ROW EXECUTE FUNCTION ${qualify(schema, derivedNames.touchFunction())}()`,
  );
  return {
    kind: 'createTable',
    table: table.name,
    tableId: table.id,
    summary: `create table ${table.name}`,
    up,
    down: [`DROP TABLE ${name}`],
  };
}

const renameStatement = (schema: string, from: string, to: string) =>
  `ALTER TABLE ${qualify(schema, from)} RENAME TO ${quoteIdent(to)}`;

/** A drop keeps the table and its rows under a reserved name (its foreign keys are dropped first). */
export function dropTable(schema: string, table: TableState): Operation {
  const asideName = derivedNames.setAside(table.id);
  return {
    kind: 'dropTable',
    table: table.name,
    tableId: table.id,
    summary: `drop table ${table.name} (kept aside as ${asideName} until purged)`,
    up: [renameStatement(schema, table.name, asideName)],
    down: [renameStatement(schema, asideName, table.name)],
    retained: { kind: 'table', id: table.id, asideName, table: asideTable(table, asideName) },
  };
}

export function restoreTable(schema: string, tableId: string, asideName: string, name: string): Operation {
  return {
    kind: 'restoreTable',
    table: name,
    tableId,
    summary: `restore table ${name} with its rows`,
    up: [renameStatement(schema, asideName, name)],
    down: [renameStatement(schema, name, asideName)],
  };
}

export function renameTable(schema: string, tableId: string, from: string, to: string): Operation {
  return {
    kind: 'renameTable',
    table: from,
    tableId,
    summary: `rename table ${from} to ${to}`,
    up: [renameStatement(schema, from, to)],
    down: [renameStatement(schema, to, from)],
  };
}

export function setTableDescription(
  schema: string,
  table: TableState,
  before: string | undefined,
  after: string | undefined,
): Operation {
  const comment = (text: string | undefined) =>
    `COMMENT ON TABLE ${qualify(schema, table.name)} IS ${commentLiteral(text)}`;
  return {
    kind: 'setTableDescription',
    table: table.name,
    tableId: table.id,
    summary: `describe table ${table.name}`,
    up: [comment(after)],
    down: [comment(before)],
  };
}
