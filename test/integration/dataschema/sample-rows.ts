import { ColumnDefinition, SchemaDefinition } from '@app/dataschema';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Random } from './random-edits';

/** Every user column of every row, as text, by table id, row id and column id. */
export type DataSnapshot = Map<string, Map<string, Record<string, string | null>>>;

function sampleValue(column: ColumnDefinition, random: Random, rowIds: Map<string, string[]>): unknown {
  const word = () => Array.from({ length: 3 + random.int(6) }, () => 'abcdefgh'[random.int(8)]).join('');
  switch (column.type) {
    case 'integer':
    case 'bigint':
    case 'decimal':
    case 'float':
      return random.int(1000);
    case 'string':
    case 'text':
      return word();
    case 'boolean':
      return random.chance(0.5);
    case 'date':
      return `2024-0${1 + random.int(9)}-1${random.int(9)}`;
    case 'timestamp':
      return `2024-01-0${1 + random.int(9)}T0${random.int(9)}:00:00Z`;
    case 'uuid':
      return randomUUID();
    case 'json':
      return JSON.stringify({ k: random.int(100) });
    case 'email':
      return `${word()}@example.com`;
    case 'url':
      return `https://example.com/${word()}`;
    case 'enum':
      return random.pick(column.values!);
    case 'reference': {
      const ids = rowIds.get(column.references!) ?? [];
      return ids.length ? random.pick(ids) : null;
    }
  }
}

/** Inserts a few rows with a value in every column; a row that breaks a unique column is skipped. */
export async function insertSampleRows(client: Client, schema: string, def: SchemaDefinition, random: Random) {
  const rowIds = new Map<string, string[]>();
  for (const table of def.tables) {
    const { rows } = await client.query(`SELECT id::text FROM "${schema}"."${table.name}"`);
    rowIds.set(
      table.name,
      rows.map((r) => r.id),
    );
  }
  for (const table of def.tables) {
    for (let n = random.int(3); n > 0; n--) {
      const values = table.columns.map((c) => sampleValue(c, random, rowIds));
      const names = table.columns.map((c) => `"${c.name}"`).join(', ');
      const params = table.columns.map((_, i) => `$${i + 1}`).join(', ');
      const sql = table.columns.length
        ? `INSERT INTO "${schema}"."${table.name}" (${names}) VALUES (${params})`
        : `INSERT INTO "${schema}"."${table.name}" DEFAULT VALUES`;
      try {
        await client.query(sql, values);
      } catch (error) {
        if ((error as { code?: string }).code !== '23505') throw error;
      }
    }
  }
}

export async function snapshotData(client: Client, schema: string, def: SchemaDefinition): Promise<DataSnapshot> {
  const snapshot: DataSnapshot = new Map();
  for (const table of def.tables) {
    const columns = table.columns.map((c) => `"${c.name}"::text AS "${c.id}"`);
    const { rows } = await client.query(
      `SELECT ${['id::text AS id', ...columns].join(', ')} FROM "${schema}"."${table.name}"`,
    );
    snapshot.set(table.id!, new Map(rows.map(({ id, ...values }) => [id, values])));
  }
  return snapshot;
}

/** Rows of `earlier` whose values in the columns of `def` differ now: each as "table.column row: was -> now". */
export function changedValues(earlier: DataSnapshot, now: DataSnapshot, def: SchemaDefinition): string[] {
  const problems: string[] = [];
  for (const table of def.tables) {
    const before = earlier.get(table.id!) ?? new Map();
    const after = now.get(table.id!) ?? new Map();
    for (const [rowId, values] of before) {
      const current = after.get(rowId);
      if (!current) {
        problems.push(`${table.name} row ${rowId} is missing`);
        continue;
      }
      for (const column of table.columns) {
        if (current[column.id!] !== values[column.id!]) {
          problems.push(`${table.name}.${column.name} ${rowId}: ${values[column.id!]} -> ${current[column.id!]}`);
        }
      }
    }
  }
  return problems;
}
