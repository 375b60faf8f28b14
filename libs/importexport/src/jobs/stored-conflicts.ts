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
 * The staged rows whose unique key is already stored (insert mode): bad rows, one per row, in file
 * order. Keys with a column the file does not load are left to the unique index.
 */
export async function storedConflicts(
  runner: QueryRunner,
  staging: string,
  table: RecordTable,
  columns: readonly RecordColumn[],
  keys: readonly (readonly string[])[],
  shape: RawShape,
): Promise<BadRow[]> {
  const loaded = new Set(columns.map((c) => c.name));
  const found = new Map<number, BadRow>();
  const positions = shape.json ? undefined : headerColumns(shape, table);
  for (const key of keys) {
    if (!key.every((name) => loaded.has(name))) continue;
    const quoted = key.map((name) => (table.columns.get(name) as RecordColumn).quoted);
    const match = quoted.map((q) => `t.${q} = s.${q}`).join(' AND ');
    const rows: Array<{ _row: number; record: Record<string, unknown> }> = await runner.query(
      `SELECT s."_row", to_jsonb(s) AS record FROM ${staging} s
        WHERE EXISTS (SELECT 1 FROM ${table.qualified} t WHERE ${match}) ORDER BY s."_row"`,
    );
    for (const { _row: row, record } of rows) {
      if (found.has(row)) continue;
      const { _row: _drop, ...values } = record;
      const raw = positions ? positions.map((c) => (c ? text(values[c]) : '')) : [JSON.stringify(values)];
      found.set(row, {
        row,
        raw,
        errors: [
          {
            row,
            column: key.join(','),
            value: key.map((name) => text(values[name])).join(','),
            message: 'duplicates a stored record',
          },
        ],
      });
    }
  }
  return [...found.values()].sort((a, b) => a.row - b.row);
}

function headerColumns(shape: RawShape, table: RecordTable): (string | null)[] {
  const { columns } = resolveHeader(shape.headers, new HeaderResolver(table, shape.mapping ?? undefined), table);
  return columns.map((c) => c?.name ?? null);
}
