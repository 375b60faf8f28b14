import { quoteIdent } from '@app/core';
import { RecordColumn, RecordTable } from '@app/dataschema';
import type { QueryRunner } from 'typeorm';
import { BadRow, ProcessedBatch, RowError } from '../pipeline/row-pipeline';

/** A check of good rows against stored ones. */
interface Probe {
  columns: readonly string[];
  /** The error's column: a unique key's columns comma-separated, or the reference column. */
  label: string;
  message: string;
  /** One SELECT of the 1-based numbers of the rows it rejects, given `$n` array parameters from `first`. */
  select(first: number): string;
}

/** What the probes found in a group of batches: per batch, its rejected good rows (by index) with their bad rows. */
export type Rejections = Map<number, BadRow>[];

/**
 * Checks batches of good rows against stored rows while they are loaded, on a connection of its
 * own: values of a unique key that a stored record already has, and references to records that do
 * not exist. Without a table lock a row committed meanwhile can still clash; the load then fails
 * on the constraint and the import starts again with the lock taken (see `DirectLoad`).
 *
 * Each probe is a scalar subquery with LIMIT 1, so that PostgreSQL looks each value up in the
 * index: as a semi-join it may plan a hash join over the whole table instead, whose heap grows with
 * the rows this very import is loading (uncommitted, but scanned all the same).
 */
export class StoredProbes {
  private readonly probes: Probe[] = [];

  /**
   * `uniqueKeys`: the keys to look up in `table` (none when it held no rows at the start);
   * `references`: the reference columns of the table.
   */
  constructor(
    private readonly runner: QueryRunner,
    table: RecordTable,
    uniqueKeys: readonly (readonly string[])[],
    references: readonly RecordColumn[],
  ) {
    for (const key of uniqueKeys) {
      const columns = key.map((name) => table.columns.get(name) as RecordColumn);
      this.probes.push({
        columns: key,
        label: key.join(','),
        message: 'duplicates a stored record',
        select: (first) => {
          const names = columns.map((_, i) => `c${i}`);
          const arrays = columns.map((_, i) => `$${first + i}::text[]`);
          const match = columns.map((c, i) => `t.${c.quoted} = u.c${i}::${c.sqlType}`).join(' AND ');
          return `SELECT u.n FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS u(${names.join(', ')}, n)
                   WHERE (SELECT true FROM ${table.qualified} t WHERE ${match} LIMIT 1)`;
        },
      });
    }
    for (const column of references) {
      const referenced = `${quoteIdent(table.schema)}.${quoteIdent(column.references as string)}`;
      this.probes.push({
        columns: [column.name],
        label: column.name,
        message: 'refers to a record that does not exist',
        select: (first) =>
          `SELECT u.n FROM unnest($${first}::uuid[]) WITH ORDINALITY AS u(v, n)
            WHERE u.v IS NOT NULL AND (SELECT true FROM ${referenced} r WHERE r."id" = u.v LIMIT 1) IS NULL`,
      });
    }
  }

  /**
   * The good rows of `batches` that a stored row rejects, with every probe's error. `columns` are
   * the batches' COPY columns; a probe over a column the file does not load finds nothing (the
   * database's constraint still has the last word).
   */
  async check(batches: readonly ProcessedBatch[], columns: readonly RecordColumn[]): Promise<Rejections> {
    const rejected: Rejections = batches.map(() => new Map());
    const position = (name: string) => columns.findIndex((c) => c.name === name);
    const probes = this.probes
      .map((probe) => ({ probe, at: probe.columns.map(position) }))
      .filter(({ at }) => at.every((p) => p !== -1));
    const count = batches.reduce((sum, batch) => sum + batch.goodRows, 0);
    if (probes.length === 0 || count === 0) return rejected;
    // the n-th row of the group (from 0) is row index[n] of batch owner[n]
    const owner = new Int32Array(count);
    const index = new Int32Array(count);
    let n = 0;
    batches.forEach((batch, b) => {
      for (let i = 0; i < batch.goodRows; i++, n++) [owner[n], index[n]] = [b, i];
    });
    const valuesOf = (column: number) => {
      const values = new Array<string | null>(count);
      for (let k = 0; k < count; k++) values[k] = batches[owner[k]].valueOf(index[k], column);
      return values;
    };
    const parameters: Array<(string | null)[]> = [];
    const selects = probes.map(({ probe, at }, p) => {
      const first = parameters.length + 1;
      for (const column of at) parameters.push(valuesOf(column));
      return `SELECT ${p} AS probe, n::int FROM (${probe.select(first)}) x${p}`;
    });
    const found: Array<{ probe: number; n: number }> = await this.runner.query(selects.join(' UNION ALL '), parameters);
    for (const hit of found) {
      const { probe, at } = probes[hit.probe];
      const b = owner[hit.n - 1];
      const i = index[hit.n - 1];
      const batch = batches[b];
      const row = batch.rows[i];
      const value = at.map((column) => batch.valueOf(i, column) ?? '').join(',');
      const error: RowError = { row, column: probe.label, value, message: probe.message };
      const bad = rejected[b].get(i);
      if (bad) bad.errors.push(error);
      else rejected[b].set(i, { row, raw: batch.rawOf(i), errors: [error] });
    }
    return rejected;
  }
}
