import { join, raw, sql, SqlQuery } from '@app/core';
import { encodeCursor, KeysetPosition } from './keyset-cursor';
import { ListQuery } from './list-query';
import { outputExpression } from './record-output';
import { SortTerm } from './record-sort';
import { tableStatement } from './record-table';
import { whereClause, whereConditions } from './record-where';

/** The statements of one list request. */
export interface CompiledList {
  /** The page's rows, one more than `pageSize` to tell whether another page follows. */
  rows: SqlQuery;
  /** `count=exact`: `SELECT count(*)`; `estimated`: an `EXPLAIN (FORMAT JSON)` (read it with `estimatedCount`); `none`: absent. */
  count?: SqlQuery;
}

/** Aliases of the sort key values a keyset page selects besides the fields (user names never start with `_`). */
const keyAlias = (i: number) => `_k${i}`;

/** Select lists already built, per compiled table (one tenant's version) and shape: most requests repeat a few. */
const selectLists = new WeakMap<ListQuery['table'], Map<string, SqlQuery>>();
const MAX_SELECT_LISTS_PER_TABLE = 100;

const selectListKey = (query: ListQuery) =>
  `${query.fields.map((c) => c.name).join(',')}|${query.expand.map((e) => `${e.column.name}>${e.target.qualified}`).join(',')}|${
    query.keyset ? query.sort.map((t) => t.column.name).join(',') : ''
  }`;

/** The select list of `query`'s shape (fields, expands, keyset sort), built once per table and shape. */
function cachedSelectList(query: ListQuery): SqlQuery {
  const key = selectListKey(query);
  let lists = selectLists.get(query.table);
  if (!lists) selectLists.set(query.table, (lists = new Map()));
  let list = lists.get(key);
  if (!list) {
    list = selectList(query);
    if (lists.size >= MAX_SELECT_LISTS_PER_TABLE) lists.clear();
    lists.set(key, list);
  }
  return list;
}

function selectList(query: ListQuery): SqlQuery {
  const parts = query.fields.map((column) => {
    const expanded = query.expand.find((e) => e.column === column);
    if (!expanded) return raw(`${outputExpression(column, `t.${column.quoted}`)} AS ${column.quoted}`);
    const target = expanded.target;
    const inner = target.ordered.map((c) => `${outputExpression(c, `r.${c.quoted}`)} AS ${c.quoted}`).join(', ');
    return raw(
      `(SELECT to_jsonb(x) FROM (SELECT ${inner} FROM ${target.qualified} r WHERE r."id" = t.${column.quoted}) x) AS ${column.quoted}`,
    );
  });
  if (query.keyset)
    query.sort.forEach((term, i) => parts.push(raw(`(t.${term.column.quoted})::text AS "${keyAlias(i)}"`)));
  return join(parts);
}

const orderBy = (sort: readonly SortTerm[]) =>
  raw(sort.map((t) => `t.${t.column.quoted} ${t.descending ? 'DESC' : 'ASC'}`).join(', '));

/**
 * Rows after `position` in the order of `sort` (ASC puts NULLs last, DESC first: PostgreSQL's
 * defaults, so a plain index serves them). When every term goes the same way over NOT NULL
 * columns this is one row-value comparison, `(a, b, id) > ($1, $2, $3)`, which a B-tree index on
 * `(a, b, id)` answers directly; otherwise it is the OR expansion, led by `a >= $1` (or `<=`) on
 * the first column when that column is NOT NULL, so the index still bounds the scan.
 */
export function keysetCondition(sort: readonly SortTerm[], position: KeysetPosition): SqlQuery {
  const col = (t: SortTerm) => raw(`t.${t.column.quoted}`);
  const sameDirection = sort.every((t) => t.descending === sort[0].descending);
  if (sameDirection && sort.every((t) => t.column.notNull)) {
    const columns = raw(sort.map((t) => `t.${t.column.quoted}`).join(', '));
    const values = join(position.map((v) => sql`${v}`));
    return sql`(${columns}) ${raw(sort[0].descending ? '<' : '>')} (${values})`;
  }
  const equal = (t: SortTerm, v: unknown) => (v === null ? sql`${col(t)} IS NULL` : sql`${col(t)} = ${v}`);
  const after = (t: SortTerm, v: unknown): SqlQuery | undefined => {
    if (t.descending) return v === null ? sql`${col(t)} IS NOT NULL` : sql`${col(t)} < ${v}`;
    if (v === null) return undefined;
    return t.column.notNull ? sql`${col(t)} > ${v}` : sql`(${col(t)} > ${v} OR ${col(t)} IS NULL)`;
  };
  const branches: SqlQuery[] = [];
  sort.forEach((term, i) => {
    const strictly = after(term, position[i]);
    if (!strictly) return;
    const prefix = sort.slice(0, i).map((t, j) => equal(t, position[j]));
    branches.push(prefix.length === 0 ? strictly : sql`(${join([...prefix, strictly], ' AND ')})`);
  });
  const expanded = branches.length === 0 ? sql`FALSE` : sql`(${join(branches, ' OR ')})`;
  const first = sort[0];
  if (!first.column.notNull || position[0] === null) return expanded;
  return sql`${col(first)} ${raw(first.descending ? '<=' : '>=')} ${position[0]} AND ${expanded}`;
}

/** Compiles a checked list query to parameterised SQL; identifiers come from the definition only. */
export function compileListQuery(query: ListQuery): CompiledList {
  const conditions = whereConditions(query.table, query);
  const after = query.keyset?.after ? keysetCondition(query.sort, query.keyset.after) : undefined;
  const shape = shapeKey(query, conditions, after);
  const compiled = cachedShapes(query.table).get(shape);
  if (!compiled) return rememberShape(query, shape, compileStatements(query, conditions, after));
  const whereValues = conditionValues(conditions);
  const limit = query.pageSize + 1;
  const rowValues = after ? [...whereValues, ...after.values, limit] : [...whereValues, limit];
  if (!query.keyset) rowValues.push((query.page - 1) * query.pageSize);
  const rows = new SqlQuery(compiled.rows.text, rowValues, compiled.rows.name);
  return compiled.count
    ? { rows, count: new SqlQuery(compiled.count.text, whereValues, compiled.count.name) }
    : { rows };
}

/**
 * Statement texts and prepared names per compiled table (one tenant's version) and query shape:
 * a request of a known shape takes them as they are and brings only its values, instead of building
 * the text (the whole select list) and looking its name up by that text again.
 */
const compiledShapes = new WeakMap<ListQuery['table'], Map<string, CompiledList>>();
const MAX_SHAPES_PER_TABLE = 100;

function cachedShapes(table: ListQuery['table']): Map<string, CompiledList> {
  let shapes = compiledShapes.get(table);
  if (!shapes) compiledShapes.set(table, (shapes = new Map()));
  return shapes;
}

function rememberShape(query: ListQuery, shape: string, compiled: CompiledList): CompiledList {
  const shapes = cachedShapes(query.table);
  if (shapes.size >= MAX_SHAPES_PER_TABLE) shapes.clear();
  shapes.set(shape, compiled);
  return compiled;
}

/**
 * What the statements' texts depend on besides the table: the select list, each condition's own
 * text (its operator, and for `isNull` or a keyset position with nulls its form), the order and the
 * paging and count modes. Values never enter it: they are parameters.
 */
function shapeKey(query: ListQuery, conditions: readonly SqlQuery[], after: SqlQuery | undefined): string {
  let key = `${selectListKey(query)}\u0000${query.count}\u0000${query.keyset ? 'k' : 'o'}\u0000`;
  for (const term of query.sort) key += `${term.descending ? '-' : ''}${term.column.name},`;
  for (const condition of conditions) key += `\u0000${condition.text}`;
  if (after) key += `\u0001${after.text}`;
  return key;
}

/** The values of `conditions` in the order `join` numbers them. */
function conditionValues(conditions: readonly SqlQuery[]): unknown[] {
  const values: unknown[] = [];
  for (const condition of conditions) for (const value of condition.values) values.push(value);
  return values;
}

function compileStatements(query: ListQuery, conditions: SqlQuery[], after: SqlQuery | undefined): CompiledList {
  const table = raw(`${query.table.qualified} t`);
  const filtered = whereClause(conditions);
  const rowConditions = after ? [...conditions, after] : conditions;
  const limit = query.pageSize + 1;
  const paging = query.keyset ? sql` LIMIT ${limit}` : sql` LIMIT ${limit} OFFSET ${(query.page - 1) * query.pageSize}`;
  const rows = tableStatement(
    query.table,
    sql`SELECT ${cachedSelectList(query)} FROM ${table}${whereClause(rowConditions)} ORDER BY ${orderBy(query.sort)}${paging}`,
  );
  switch (query.count) {
    case 'exact':
      return { rows, count: tableStatement(query.table, sql`SELECT count(*) AS count FROM ${table}${filtered}`) };
    case 'estimated':
      // Not prepared: EXPLAIN is the planner's answer for these values, which a generic plan would not give.
      return { rows, count: sql`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table}${filtered}` };
    case 'none':
      return { rows };
  }
}

/** The count a `CompiledList.count` statement answered (exact or the planner's estimate). */
export function countFrom(query: ListQuery, rows: Array<Record<string, unknown>>): number | null {
  if (query.count === 'none') return null;
  if (query.count === 'exact') return Number(rows[0]?.count ?? 0);
  const plan = rows[0]?.['QUERY PLAN'] as Array<{ Plan?: { 'Plan Rows'?: number } }> | undefined;
  return Math.round(plan?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

export interface ListPage {
  /** At most `pageSize` records, without the key columns. */
  results: Array<Record<string, unknown>>;
  hasMore: boolean;
  /** For keyset requests with more rows: the cursor of the next page. */
  nextCursor: string | null;
}

/** Cuts the fetched rows to a page and, for keyset requests, makes the next cursor from the last row. */
export function toListPage(query: ListQuery, rows: Array<Record<string, unknown>>): ListPage {
  const hasMore = rows.length > query.pageSize;
  const kept = hasMore ? rows.slice(0, query.pageSize) : rows;
  if (!query.keyset) return { results: kept, hasMore, nextCursor: null };
  const keys = query.sort.map((_, i) => keyAlias(i));
  const results = kept.map((row) => {
    const record = { ...row };
    for (const key of keys) delete record[key];
    return record;
  });
  const last = kept[kept.length - 1];
  const nextCursor =
    hasMore && last
      ? encodeCursor(
          query.sort,
          keys.map((k) => (last[k] ?? null) as string | null),
        )
      : null;
  return { results, hasMore, nextCursor };
}
