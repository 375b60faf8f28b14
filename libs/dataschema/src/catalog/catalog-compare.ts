import { CatalogObject, CatalogSnapshot, CatalogTable } from './catalog-snapshot';

export type CatalogDifferenceKind =
  | 'table'
  | 'tableComment'
  | 'column'
  | 'columnType'
  | 'columnNotNull'
  | 'columnDefault'
  | 'columnComment'
  | 'index'
  | 'constraint'
  | 'trigger';

/** One way the live catalog differs from what a definition generates; null stands for "absent". */
export interface CatalogDifference {
  kind: CatalogDifferenceKind;
  table: string;
  column?: string;
  expected: string | null;
  actual: string | null;
}

const CATALOG_OBJECTS = ['index', 'constraint', 'trigger'] as const;
const listOf = (t: CatalogTable, kind: (typeof CATALOG_OBJECTS)[number]): CatalogObject[] =>
  kind === 'index' ? t.indexes : kind === 'constraint' ? t.constraints : t.triggers;

/** Every difference between two snapshots: missing and extra tables, columns and objects, and changed properties. */
export function compareCatalogs(expected: CatalogSnapshot, actual: CatalogSnapshot): CatalogDifference[] {
  const differences: CatalogDifference[] = [];
  const actualTables = new Map(actual.tables.map((t) => [t.name, t]));
  for (const want of expected.tables) {
    const have = actualTables.get(want.name);
    if (!have) {
      differences.push({ kind: 'table', table: want.name, expected: want.name, actual: null });
      continue;
    }
    compareTable(want, have, differences);
  }
  const expectedNames = new Set(expected.tables.map((t) => t.name));
  for (const have of actual.tables) {
    if (!expectedNames.has(have.name))
      differences.push({ kind: 'table', table: have.name, expected: null, actual: have.name });
  }
  return differences;
}

function compareTable(want: CatalogTable, have: CatalogTable, differences: CatalogDifference[]): void {
  const table = want.name;
  if (want.comment !== have.comment) {
    differences.push({ kind: 'tableComment', table, expected: want.comment, actual: have.comment });
  }
  const haveColumns = new Map(have.columns.map((c) => [c.name, c]));
  for (const column of want.columns) {
    const other = haveColumns.get(column.name);
    if (!other) {
      differences.push({ kind: 'column', table, column: column.name, expected: column.type, actual: null });
      continue;
    }
    const property = (kind: CatalogDifferenceKind, a: string | null, b: string | null) => {
      if (a !== b) differences.push({ kind, table, column: column.name, expected: a, actual: b });
    };
    property('columnType', column.type, other.type);
    property('columnNotNull', String(column.notNull), String(other.notNull));
    property('columnDefault', column.default, other.default);
    property('columnComment', column.comment, other.comment);
  }
  const wantColumns = new Set(want.columns.map((c) => c.name));
  for (const column of have.columns.filter((c) => !wantColumns.has(c.name))) {
    differences.push({ kind: 'column', table, column: column.name, expected: null, actual: column.type });
  }
  for (const kind of CATALOG_OBJECTS) {
    const haveObjects = new Map(listOf(have, kind).map((o) => [o.name, o.definition]));
    const wantObjects = new Map(listOf(want, kind).map((o) => [o.name, o.definition]));
    for (const [name, definition] of wantObjects) {
      if (haveObjects.get(name) !== definition) {
        differences.push({ kind, table, expected: definition, actual: haveObjects.get(name) ?? null });
      }
    }
    for (const [name, definition] of haveObjects) {
      if (!wantObjects.has(name)) differences.push({ kind, table, expected: null, actual: definition });
    }
  }
}
