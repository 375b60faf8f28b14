import { ColumnDefinition, SchemaDefinition, TableDefinition } from '@app/dataschema';

/** A small seeded PRNG (mulberry32), so that a failing sequence can be replayed with its seed. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
  };
}
export type Random = ReturnType<typeof seededRandom>;

const TABLE_NAMES = ['alpha', 'beta', 'gamma', 'delta', 'omega'];
const COLUMN_NAMES = ['a1', 'b2', 'c3', 'd4', 'e5', 'f6', 'g7'];

/** Types a column may move between; sample values (small integers, short words) survive every move. */
const NUMBER_TYPES: Array<Partial<ColumnDefinition>> = [
  { type: 'integer' },
  { type: 'bigint' },
  { type: 'decimal', precision: 12, scale: 2 },
  { type: 'float' },
];
const TEXT_TYPES: Array<Partial<ColumnDefinition>> = [
  { type: 'string', maxLength: 50 },
  { type: 'string', maxLength: 100 },
  { type: 'text' },
];
const OTHER_TYPES: Array<Partial<ColumnDefinition>> = [
  { type: 'boolean' },
  { type: 'date' },
  { type: 'timestamp' },
  { type: 'uuid' },
  { type: 'json' },
  { type: 'email' },
  { type: 'enum', values: ['x', 'y', 'z'] },
];
const family = (c: ColumnDefinition) =>
  NUMBER_TYPES.some((t) => t.type === c.type)
    ? NUMBER_TYPES
    : TEXT_TYPES.some((t) => t.type === c.type)
      ? TEXT_TYPES
      : undefined;

const DEFAULTS: Record<string, unknown> = {
  integer: 1,
  bigint: 2,
  decimal: 3,
  float: 4,
  string: 'dflt',
  text: 'dflt',
  boolean: true,
  date: '2024-01-01',
  timestamp: '2024-01-01T00:00:00Z',
  uuid: '00000000-0000-7000-8000-000000000000',
  json: { d: 1 },
  email: 'd@example.com',
  enum: 'x',
};

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const free = (taken: string[], pool: string[], random: Random) => {
  const options = pool.filter((n) => !taken.includes(n));
  return options.length ? random.pick(options) : undefined;
};

function withoutType(column: ColumnDefinition): ColumnDefinition {
  const { maxLength: _m, precision: _p, scale: _s, values: _v, references: _r, onDelete: _o, ...rest } = column;
  return rest;
}

function randomColumn(def: SchemaDefinition, table: TableDefinition, random: Random): ColumnDefinition | undefined {
  const name = free(
    table.columns.map((c) => c.name),
    COLUMN_NAMES,
    random,
  );
  if (!name) return undefined;
  if (random.chance(0.15)) {
    const target = random.pick(def.tables).name;
    return {
      name,
      type: 'reference',
      references: target,
      onDelete: random.pick(['restrict', 'cascade', 'setNull'] as const),
    };
  }
  const shape = clone(random.pick([...NUMBER_TYPES, ...TEXT_TYPES, ...OTHER_TYPES]));
  const column = { name, ...shape } as ColumnDefinition;
  if (random.chance(0.3)) Object.assign(column, { required: true, default: DEFAULTS[column.type] });
  else if (random.chance(0.15)) column.unique = true;
  return column;
}

/** Renames tables, keeping every reference pointing at the same table. */
function renameTables(def: SchemaDefinition, renames: Map<string, string>): void {
  for (const table of def.tables) {
    for (const column of table.columns)
      if (column.references && renames.has(column.references)) column.references = renames.get(column.references);
  }
  for (const table of def.tables) if (renames.has(table.name)) table.name = renames.get(table.name)!;
}

function renameColumns(table: TableDefinition, renames: Map<string, string>): void {
  for (const index of table.indexes ?? []) index.columns = index.columns.map((c) => renames.get(c) ?? c);
  for (const column of table.columns) if (renames.has(column.name)) column.name = renames.get(column.name)!;
}

type Edit = (def: SchemaDefinition, random: Random) => boolean;

const EDITS: Array<[string, number, Edit]> = [
  [
    'add table',
    3,
    (def, random) => {
      const name = free(
        def.tables.map((t) => t.name),
        TABLE_NAMES,
        random,
      );
      if (!name) return false;
      const table: TableDefinition = { name, columns: [] };
      def.tables.push(table);
      for (let i = 1 + random.int(3); i > 0; i--) {
        const column = randomColumn(def, table, random);
        if (column) table.columns.push(column);
      }
      return true;
    },
  ],
  [
    'drop table',
    1,
    (def, random) => {
      const candidates = def.tables.filter(
        (t) => !def.tables.some((o) => o !== t && o.columns.some((c) => c.references === t.name)),
      );
      if (!candidates.length) return false;
      const victim = random.pick(candidates);
      def.tables = def.tables.filter((t) => t !== victim);
      return true;
    },
  ],
  [
    'rename or swap tables',
    1,
    (def, random) => {
      if (!def.tables.length) return false;
      const table = random.pick(def.tables);
      const other = def.tables.find((t) => t !== table);
      if (other && random.chance(0.4)) {
        renameTables(
          def,
          new Map([
            [table.name, other.name],
            [other.name, table.name],
          ]),
        );
        return true;
      }
      const name = free(
        def.tables.map((t) => t.name),
        TABLE_NAMES,
        random,
      );
      if (!name) return false;
      renameTables(def, new Map([[table.name, name]]));
      return true;
    },
  ],
  [
    'add column',
    3,
    (def, random) => {
      if (!def.tables.length) return false;
      const table = random.pick(def.tables);
      const column = randomColumn(def, table, random);
      if (!column) return false;
      table.columns.push(column);
      return true;
    },
  ],
  [
    'drop column',
    2,
    (def, random) => {
      const table = def.tables.length ? random.pick(def.tables) : undefined;
      if (!table?.columns.length) return false;
      const column = random.pick(table.columns);
      table.columns = table.columns.filter((c) => c !== column);
      table.indexes = (table.indexes ?? []).filter((i) => !i.columns.includes(column.name));
      return true;
    },
  ],
  [
    'rename or swap columns',
    2,
    (def, random) => {
      const table = def.tables.length ? random.pick(def.tables) : undefined;
      if (!table?.columns.length) return false;
      const column = random.pick(table.columns);
      const other = table.columns.find((c) => c !== column);
      if (other && random.chance(0.4)) {
        renameColumns(
          table,
          new Map([
            [column.name, other.name],
            [other.name, column.name],
          ]),
        );
        return true;
      }
      const name = free(
        table.columns.map((c) => c.name),
        COLUMN_NAMES,
        random,
      );
      if (!name) return false;
      renameColumns(table, new Map([[column.name, name]]));
      return true;
    },
  ],
  [
    'change type',
    3,
    (def, random) => {
      const columns = def.tables.flatMap((t) => t.columns.filter((c) => family(c)));
      if (!columns.length) return false;
      const column = random.pick(columns);
      const types = random.chance(0.15) ? [...NUMBER_TYPES, ...TEXT_TYPES] : family(column)!;
      const shape = random.pick(types.filter((t) => t.type !== column.type || t.maxLength !== column.maxLength));
      Object.assign(column, { ...withoutType(column), ...clone(shape) });
      for (const key of ['maxLength', 'precision', 'scale'] as const) if (!(key in shape)) delete column[key];
      if (column.default !== undefined) column.default = DEFAULTS[column.type] as never;
      return true;
    },
  ],
  [
    'toggle required, unique or a default',
    2,
    (def, random) => {
      const columns = def.tables.flatMap((t) => t.columns);
      if (!columns.length) return false;
      const column = random.pick(columns);
      const what = random.int(3);
      if (what === 0) {
        if (column.required) column.required = false;
        else if (column.default === undefined) column.required = true;
        else return false;
      } else if (what === 1) column.unique = !column.unique;
      else if (column.default !== undefined && !column.required) delete column.default;
      else return false;
      return true;
    },
  ],
  [
    'change enum values or on delete',
    1,
    (def, random) => {
      const columns = def.tables.flatMap((t) => t.columns.filter((c) => c.type === 'enum' || c.type === 'reference'));
      if (!columns.length) return false;
      const column = random.pick(columns);
      if (column.type === 'reference') column.onDelete = random.pick(['restrict', 'cascade', 'setNull'] as const);
      else if (column.values!.includes('w')) column.values = column.values!.filter((v) => v !== 'w');
      else column.values = random.chance(0.5) ? [...column.values!, 'w'] : column.values!.filter((v) => v !== 'z');
      return true;
    },
  ],
  [
    'add or drop an index',
    1,
    (def, random) => {
      const table = def.tables.length ? random.pick(def.tables) : undefined;
      if (!table) return false;
      if (table.indexes?.length && random.chance(0.5)) {
        table.indexes.splice(random.int(table.indexes.length), 1);
        return true;
      }
      const names = [...table.columns.map((c) => c.name), 'created_at'];
      const columns = [random.pick(names)];
      if (random.chance(0.5)) columns.push(random.pick(names.filter((n) => n !== columns[0])));
      table.indexes = [...(table.indexes ?? []), { columns, unique: random.chance(0.3) }];
      return true;
    },
  ],
  [
    'describe',
    1,
    (def, random) => {
      const table = def.tables.length ? random.pick(def.tables) : undefined;
      if (!table) return false;
      const target = table.columns.length && random.chance(0.5) ? random.pick(table.columns) : table;
      if (target.description !== undefined && random.chance(0.5)) delete target.description;
      else target.description = `it's "${random.int(100)}" \\ ok`;
      return true;
    },
  ],
];

/** One random edit of `def` (a copy), or undefined when the chosen edit does not apply. */
export function randomEdit(
  def: SchemaDefinition,
  random: Random,
): { name: string; definition: SchemaDefinition } | undefined {
  const weighted = EDITS.flatMap((e) => Array.from({ length: e[1] }, () => e));
  const [name, , edit] = random.pick(weighted);
  const copy = clone(def);
  return edit(copy, random) ? { name, definition: copy } : undefined;
}
