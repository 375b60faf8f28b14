import { RecordColumn, RecordTable, validateRecord } from '@app/dataschema';
import { CellsItem, CellValue, DecodedItem, ObjectItem } from '../decode/decoded-item';
import { HeaderMapping, HeaderResolver, resolveHeader } from '../mapping/header-mapping';
import { COPY_NULL, copySerializer, CopySerializer } from './copy-text';
import { InFileUniqueIndex } from './unique-keys';

/** One problem of one row, as the job's error list stores it. */
export interface RowError {
  row: number;
  /** The column (or the unique key's columns, comma-separated); null for a row the decoder could not read. */
  column: string | null;
  value: string | null;
  message: string;
}

/** A row that will not be stored: every problem, and its cells for the error report. */
export interface BadRow {
  row: number;
  errors: RowError[];
  raw: string[];
}

export interface RowPipelineOptions {
  /** The target table, compiled once with `compileRecordTable`. */
  table: RecordTable;
  mapping?: HeaderMapping;
  /** Column sets whose values may occur once in the file (`uniqueKeysOf`, or the upsert key). */
  uniqueKeys?: readonly (readonly string[])[];
  /** Start each COPY line with the row's number (a first `integer` field), for staging tables. */
  rowNumbers?: boolean;
}

/** What one batch of decoded items became: COPY text for the good rows, and the bad rows. */
export interface ProcessedBatch {
  /** Lines of COPY's text format, in `copyColumns` order, each ending in a newline. */
  copyText: string;
  goodRows: number;
  badRows: BadRow[];
}

const cellText = (cell: CellValue | undefined): string | null =>
  cell === null || cell === undefined ? null : cell instanceof Date ? cell.toISOString() : String(cell);

const valueText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** A spreadsheet date cell as the column's text: a day for date columns, an instant otherwise. */
function dateInput(cell: Date, column: RecordColumn): string {
  return column.type === 'date' ? cell.toISOString().slice(0, 10) : cell.toISOString();
}

interface UniqueCheck {
  index: InFileUniqueIndex;
  /** Positions in `copyColumns`; -1 when the column is not loaded (always null, never a clash). */
  positions: number[];
  label: string;
}

/**
 * Decoded row -> mapped record -> `validateRecord(table, record, 'create')` -> a COPY line, or the
 * row's errors. An empty cell is a value left out: the column's default, else null (and "is required"
 * when it has neither). The COPY columns are the file's mapped columns (tabular) or every writable
 * column (JSON).
 */
export class RowPipeline {
  private readonly table: RecordTable;
  private readonly resolver: HeaderResolver;
  private readonly uniqueKeys: readonly (readonly string[])[];
  private readonly rowNumbers: boolean;
  private headerColumns: (RecordColumn | null)[] | undefined;
  private columns: readonly RecordColumn[] = [];
  private serializers: CopySerializer[] = [];
  private uniqueChecks: UniqueCheck[] = [];

  constructor(options: RowPipelineOptions) {
    this.table = options.table;
    this.resolver = new HeaderResolver(options.table, options.mapping);
    this.uniqueKeys = options.uniqueKeys ?? [];
    this.rowNumbers = options.rowNumbers === true;
    this.useColumns(options.table.writable);
  }

  /** The columns of each COPY line, in order; final once the header (if any) is read. */
  get copyColumns(): readonly RecordColumn[] {
    return this.columns;
  }

  /** Takes a tabular file's header row; throws an ImportFileError for unknown, doubled or missing columns. */
  useHeader(names: readonly string[]): void {
    const { columns } = resolveHeader(names, this.resolver, this.table);
    this.headerColumns = columns;
    this.useColumns(columns.filter((c): c is RecordColumn => c !== null));
  }

  processBatch(items: readonly DecodedItem[]): ProcessedBatch {
    let copyText = '';
    let goodRows = 0;
    const badRows: BadRow[] = [];
    for (const item of items) {
      if (item.kind === 'header') {
        this.useHeader(item.names);
        continue;
      }
      const outcome =
        item.kind === 'cells'
          ? this.fromCells(item)
          : item.kind === 'object'
            ? this.fromObject(item)
            : {
                row: item.rowNumber,
                errors: [{ row: item.rowNumber, column: null, value: null, message: `The row ${item.message}` }],
                raw: item.raw,
              };
      if (typeof outcome === 'string') {
        copyText += outcome;
        goodRows++;
      } else badRows.push(outcome);
    }
    return { copyText, goodRows, badRows };
  }

  private useColumns(columns: readonly RecordColumn[]) {
    this.columns = columns;
    this.serializers = columns.map(copySerializer);
    const position = new Map(columns.map((c, i) => [c.name, i]));
    this.uniqueChecks = this.uniqueKeys.map((names) => ({
      index: new InFileUniqueIndex(names),
      positions: names.map((name) => position.get(name) ?? -1),
      label: names.join(','),
    }));
  }

  private fromCells(item: CellsItem): string | BadRow {
    const header = this.headerColumns;
    if (header === undefined) throw new Error('A data row came before the header row');
    const input: Record<string, unknown> = {};
    let unreadable: string[] | undefined;
    for (let i = 0; i < header.length; i++) {
      const column = header[i];
      if (column === null) continue;
      const cell = item.cells[i];
      if (cell === null || cell === '') continue;
      if (cell instanceof Date) input[column.name] = dateInput(cell, column);
      else if (column.type === 'json' && typeof cell === 'string') {
        // a cell of a json column holds JSON text; the validator takes the parsed value
        try {
          input[column.name] = JSON.parse(cell);
        } catch {
          (unreadable ??= []).push(column.name);
        }
      } else input[column.name] = cell;
    }
    const raw = () => item.cells.map((cell) => cellText(cell) ?? '');
    const valueOf = (name: string) => {
      const at = header.findIndex((c) => c?.name === name);
      return at === -1 ? null : cellText(item.cells[at]);
    };
    const outcome = this.finish(item.rowNumber, input, raw, valueOf);
    if (unreadable === undefined) return outcome;
    const errors = unreadable.map((name) => ({
      row: item.rowNumber,
      column: name,
      value: valueOf(name),
      message: 'must be valid JSON',
    }));
    return typeof outcome === 'string'
      ? { row: item.rowNumber, raw: raw(), errors }
      : { ...outcome, errors: [...errors, ...outcome.errors] };
  }

  private fromObject(item: ObjectItem): string | BadRow {
    const input: Record<string, unknown> = {};
    for (const key in item.value) {
      const column = this.resolver.resolve(key);
      if (column === null) continue;
      // an unknown key goes through as is: the validator reports it as not a column
      input[column === undefined ? key : column.name] = item.value[key];
    }
    return this.finish(
      item.rowNumber,
      input,
      () => [JSON.stringify(item.value)],
      (name) => valueText(input[name]),
    );
  }

  private finish(
    row: number,
    input: Record<string, unknown>,
    raw: () => string[],
    valueOf: (column: string) => string | null,
  ): string | BadRow {
    const result = validateRecord(this.table, input, 'create');
    if (!result.ok) {
      return {
        row,
        raw: raw(),
        errors: result.errors.map((e) => ({ row, column: e.field, value: valueOf(e.field), message: e.message })),
      };
    }
    const fields = new Array<string>(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i];
      const value = result.row[column.name];
      fields[i] = this.serializers[i](value === undefined ? column.replaceValue : value);
    }
    for (const check of this.uniqueChecks) {
      const key = uniqueKey(fields, check.positions);
      if (key === undefined) continue;
      const earlier = check.index.claim(key, row);
      if (earlier !== undefined) {
        const value = check.positions
          .map((p) => (p === -1 ? '' : (valueText(result.row[this.columns[p].name]) ?? '')))
          .join(',');
        return {
          row,
          raw: raw(),
          errors: [{ row, column: check.label, value, message: `duplicates row ${earlier} of the file` }],
        };
      }
    }
    return (this.rowNumbers ? `${row}\t` : '') + fields.join('\t') + '\n';
  }
}

/** The COPY fields of a key joined by tabs (escaped in them, so unambiguous); undefined if any is null. */
function uniqueKey(fields: string[], positions: number[]): string | undefined {
  if (positions.length === 1) {
    const p = positions[0];
    return p === -1 || fields[p] === COPY_NULL ? undefined : fields[p];
  }
  let key = '';
  for (let k = 0; k < positions.length; k++) {
    const p = positions[k];
    if (p === -1 || fields[p] === COPY_NULL) return undefined;
    key += k === 0 ? fields[p] : '\t' + fields[p];
  }
  return key;
}
