import { quoteIdent } from '@app/core';
import { RecordColumn, RecordTable } from '@app/dataschema';
import type { QueryRunner } from 'typeorm';
import { HeaderMapping, HeaderResolver, resolveHeader } from '../mapping/header-mapping';
import { BadRow } from '../pipeline/row-pipeline';

interface RawShape {
  headers: string[];
  mapping: HeaderMapping | null;
  /** JSON and NDJSON rows are reported as one cell of JSON. */
  json: boolean;
}

const text = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The staged rows that refer to a record that does not exist: bad rows, one per row (every such
 * column listed), in file order. The caller holds a `SHARE` lock on the referenced tables, so no
 * record they name can go before the load commits.
 */
export async function missingReferences(
  runner: QueryRunner,
  staging: string,
  table: RecordTable,
  columns: readonly RecordColumn[],
  shape: RawShape,
): Promise<BadRow[]> {
  const found = new Map<number, BadRow>();
  const positions = shape.json ? undefined : headerColumns(shape, table);
  for (const column of columns.filter((c) => c.references !== undefined)) {
    const referenced = `${quoteIdent(table.schema)}.${quoteIdent(column.references as string)}`;
    const rows: Array<{ _row: number; record: Record<string, unknown> }> = await runner.query(
      `SELECT s."_row", to_jsonb(s) AS record FROM ${staging} s
        WHERE s.${column.quoted} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${referenced} r WHERE r."id" = s.${column.quoted})
        ORDER BY s."_row"`,
    );
    for (const { _row: row, record } of rows) {
      const { _row: _drop, ...values } = record;
      const error = {
        row,
        column: column.name,
        value: text(values[column.name]),
        message: 'refers to a record that does not exist',
      };
      const bad = found.get(row);
      if (bad) bad.errors.push(error);
      else {
        const raw = positions ? positions.map((c) => (c ? text(values[c]) : '')) : [JSON.stringify(values)];
        found.set(row, { row, raw, errors: [error] });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.row - b.row);
}

function headerColumns(shape: RawShape, table: RecordTable): (string | null)[] {
  const { columns } = resolveHeader(shape.headers, new HeaderResolver(table, shape.mapping ?? undefined), table);
  return columns.map((c) => c?.name ?? null);
}
