import { quoteIdent } from '@app/core';
import { RecordColumn, RecordTable } from '@app/dataschema';
import type { QueryRunner } from 'typeorm';
import { BadRow, ProcessedBatch, RowError } from '../pipeline/row-pipeline';

/** A check of good rows against stored ones, over columns the pipeline hands on as probes. */
interface Probe {
  /** Positions of the probe's columns in the pipeline's `probeColumns`. */
  at: number[];
  /** The error's column: a unique key's columns comma-separated, or the reference column. */
  label: string;
  message: string;
  /** One SELECT of the 1-based numbers of the rows it rejects, given `$n` array parameters from `first`. */
  select(first: number): string;
}

/** What a batch's probes found: the rejected good rows (by index in the batch) and their bad rows. */
export type Rejections = Map<number, BadRow>;

/**
 * Checks batches of good rows against stored rows while they are loaded, on a connection of its
 * own: values of a unique key that a stored record already has, and references to records that do
 * not exist. Without a table lock a row committed meanwhile can still clash; the load then fails
 * on the constraint and the import starts again with the lock taken (see `DirectLoad`).
 */
export class StoredProbes {
  private readonly probes: Probe[] = [];
  /** The columns whose values the pipeline must hand on for these probes. */
  readonly columns: string[] = [];

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
    const position = (name: string) => {
      const at = this.columns.indexOf(name);
      return at !== -1 ? at : this.columns.push(name) - 1;
    };
    for (const key of uniqueKeys) {
      const columns = key.map((name) => table.columns.get(name) as RecordColumn);
      this.probes.push({
        at: key.map(position),
        label: key.join(','),
        message: 'duplicates a stored record',
        select: (first) => {
          const names = columns.map((_, i) => `c${i}`);
          const arrays = columns.map((_, i) => `$${first + i}::text[]`);
          const match = columns.map((c, i) => `t.${c.quoted} = u.c${i}::${c.sqlType}`).join(' AND ');
          return `SELECT u.n FROM unnest(${arrays.join(', ')}) WITH ORDINALITY AS u(${names.join(', ')}, n)
                   WHERE EXISTS (SELECT 1 FROM ${table.qualified} t WHERE ${match})`;
        },
      });
    }
    for (const column of references) {
      const referenced = `${quoteIdent(table.schema)}.${quoteIdent(column.references as string)}`;
      this.probes.push({
        at: [position(column.name)],
        label: column.name,
        message: 'refers to a record that does not exist',
        select: (first) =>
          `SELECT u.n FROM unnest($${first}::uuid[]) WITH ORDINALITY AS u(v, n)
            WHERE u.v IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${referenced} r WHERE r."id" = u.v)`,
      });
    }
  }

  get empty(): boolean {
    return this.probes.length === 0;
  }

  /** The good rows of `batch` that a stored row rejects, with every probe's error. */
  async check(batch: ProcessedBatch): Promise<Rejections> {
    const rejected: Rejections = new Map();
    if (this.probes.length === 0 || batch.goodRows === 0) return rejected;
    const parameters: Array<(string | null)[]> = [];
    const selects = this.probes.map((probe, p) => {
      const first = parameters.length + 1;
      for (const at of probe.at) parameters.push(batch.probes[at]);
      return `SELECT ${p} AS probe, n::int FROM (${probe.select(first)}) x${p}`;
    });
    const found: Array<{ probe: number; n: number }> = await this.runner.query(selects.join(' UNION ALL '), parameters);
    for (const { probe: p, n } of found) {
      const probe = this.probes[p];
      const index = n - 1;
      const row = batch.rows[index];
      const value = probe.at.map((at) => batch.probes[at][index] ?? '').join(',');
      const error: RowError = { row, column: probe.label, value, message: probe.message };
      const bad = rejected.get(index);
      if (bad) bad.errors.push(error);
      else rejected.set(index, { row, raw: batch.rawOf(index), errors: [error] });
    }
    return rejected;
  }
}

/** The batch's COPY text without the lines of the rejected rows. */
export function withoutRejected(batch: ProcessedBatch, rejected: Rejections): string {
  if (rejected.size === 0) return batch.copyText;
  let text = '';
  let start = 0;
  for (let i = 0; i < batch.goodRows; i++) {
    const end = batch.lineEnds[i];
    if (!rejected.has(i)) text += batch.copyText.slice(start, end);
    start = end;
  }
  return text;
}
