import { Invalid, RecordColumn, RecordTable, validateRecord } from '@app/dataschema';
import { CellsItem, CellValue, DecodedItem, ObjectItem } from '../decode/decoded-item';
import { HeaderMapping, HeaderResolver, resolveHeader } from '../mapping/header-mapping';
import { BufferPool } from './buffer-pool';
import { copyFields, CopyLines } from './copy-lines';
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
  /** Start each COPY line with this field for the row (e.g. its id), instead of its number. */
  leadingField?: (row: number) => string;
  /** Fields that end every COPY line (e.g. `created_by` and `updated_by`), already in COPY text. */
  trailingFields?: readonly string[];
  /** Where the batches' line buffers come from (give them back with `lines.release()`). */
  pool?: BufferPool;
}

/** What one batch of decoded items became: COPY lines for the good rows, and the bad rows. */
export interface ProcessedBatch {
  /** One line of COPY's text format per good row, in `copyColumns` order, encoded as it was made. */
  lines: CopyLines;
  /** The lines as one text (for tests and small files). */
  readonly copyText: string;
  goodRows: number;
  badRows: BadRow[];
  /** The row number of each good row, in order. */
  rows: number[];
  /** The loaded value of the i-th good row in the k-th of `copyColumns`, as text (null for none), read back from its line. */
  valueOf(i: number, k: number): string | null;
  /** The cells of the i-th good row as loaded, for an error report when a later check rejects it. */
  rawOf(i: number): string[];
}

/** Read through the module binding once, not per value (a re-exported class is a getter). */
const INVALID = Invalid;

const cellText = (cell: CellValue | undefined): string | null =>
  cell === null || cell === undefined ? null : cell instanceof Date ? cell.toISOString() : String(cell);

const valueText = (value: unknown): string | null =>
  value === null || value === undefined ? null : typeof value === 'string' ? value : JSON.stringify(value);

/** A spreadsheet date cell as the column's text: a day for date columns, an instant otherwise. */
function dateInput(cell: Date, column: RecordColumn): string {
  return column.type === 'date' ? cell.toISOString().slice(0, 10) : cell.toISOString();
}

const REQUIRED = 'is required';
/** What a row's check answers when the row is good: its line's fields are in `parts`. */
const GOOD = 0;
/** The row a stored key stands under in the in-file indexes (file rows count from 1). */
const STORED = 0;

interface UniqueCheck {
  index: InFileUniqueIndex;
  /** Positions in `copyColumns`; -1 when the column is not loaded (always null, never a clash). */
  positions: number[];
  label: string;
}

/** How one cell of a tabular row becomes a COPY field: everything looked up once per header. */
interface CellPlan {
  column: RecordColumn;
  /** The cell's position in the row. */
  at: number;
  serialize: CopySerializer;
  /** The field of an empty cell: the column's default, else NULL (unless it is required). */
  empty: string;
  required: boolean;
  json: boolean;
}

/**
 * Decoded row -> mapped record -> the record validator's rules -> a COPY line, or the row's errors.
 * An empty cell is a value left out: the column's default, else null (and "is required" when it
 * has neither). The COPY columns are the file's mapped columns (tabular) or every writable column
 * (JSON).
 *
 * Tabular rows take a fast path that goes from cells to COPY fields without building the input and
 * output objects of `validateRecord`, with the same coercers and the same rules for 'create' (every
 * column is known and writable, since the header is resolved; an empty cell is left out). JSON
 * objects go through `validateRecord` itself.
 */
export class RowPipeline {
  private readonly table: RecordTable;
  private readonly resolver: HeaderResolver;
  private readonly uniqueKeys: readonly (readonly string[])[];
  private readonly leadingField: ((row: number) => string) | undefined;
  /** The fields that end each line, after the row's. */
  private readonly trailing: readonly string[];
  private readonly pool: BufferPool | undefined;
  private headerColumns: (RecordColumn | null)[] | undefined;
  private plans: CellPlan[] = [];
  private columns: readonly RecordColumn[] = [];
  private serializers: CopySerializer[] = [];
  private uniqueChecks: UniqueCheck[] = [];
  /** The fields of the row at hand, reused from row to row. */
  private fields: string[] = [];
  /** The whole line's fields (leading, the row's, trailing), encoded into the batch's buffer at once. */
  private parts: string[] = [];
  private values: unknown[] = [];
  /** Bytes of a COPY line in the last batch, to size the next batch's buffer. */
  private lineBytes = 128;

  constructor(options: RowPipelineOptions) {
    this.table = options.table;
    this.resolver = new HeaderResolver(options.table, options.mapping);
    this.uniqueKeys = options.uniqueKeys ?? [];
    this.leadingField = options.leadingField ?? (options.rowNumbers === true ? (row) => String(row) : undefined);
    this.trailing = options.trailingFields ?? [];
    this.pool = options.pool;
    this.useColumns(options.table.writable);
  }

  /** The columns of each COPY line, in order; final once the header (if any) is read. */
  get copyColumns(): readonly RecordColumn[] {
    return this.columns;
  }

  /**
   * Makes room for the keys of `rows` rows in the in-file unique indexes at once, sized by the keys
   * seen so far (call it once some rows are in, with the file's likely row count).
   */
  reserveRows(rows: number): void {
    for (const { index } of this.uniqueChecks) {
      if (index.size === 0) continue;
      const expected = Math.ceil(rows * 1.05);
      index.reserve(expected, Math.ceil((index.keyBytes / index.size) * expected));
    }
  }

  /**
   * Remembers keys that stored records hold, so that a row repeating one is a bad row ("duplicates
   * a stored record") like a row repeating an earlier one of the file. `columns` names one of
   * `uniqueKeys`; `values` are the stored values of its columns, in that order.
   */
  rememberStored(columns: readonly string[], values: Iterable<readonly unknown[]>): void {
    const at = this.uniqueKeys.findIndex((key) => key.join(',') === columns.join(','));
    if (at === -1) throw new Error(`Not a unique key of the import: ${columns.join(',')}`);
    const serializers = columns.map((name) => copySerializer(this.table.columns.get(name) as RecordColumn));
    const { index } = this.uniqueChecks[at];
    for (const row of values) {
      if (row.some((value) => value === null || value === undefined)) continue;
      index.claim(row.map((value, k) => serializers[k](value)).join('\t'), STORED);
    }
  }

  /** Takes a tabular file's header row; throws an ImportFileError for unknown, doubled or missing columns. */
  useHeader(names: readonly string[]): void {
    const { columns } = resolveHeader(names, this.resolver, this.table);
    this.headerColumns = columns;
    this.plans = [];
    columns.forEach((column, at) => {
      if (column === null) return;
      const serialize = copySerializer(column);
      this.plans.push({
        column,
        at,
        serialize,
        empty: serialize(column.replaceValue),
        required: column.requiredOnCreate,
        json: column.type === 'json',
      });
    });
    this.useColumns(this.plans.map((p) => p.column));
  }

  processBatch(items: readonly DecodedItem[]): ProcessedBatch {
    // the layout is read when the batch is built: this batch may hold the header
    const out = new BatchBuilder(() => this.layout(), new CopyLines(items.length * this.lineBytes * 1.25, this.pool));
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
      if (outcome === GOOD) out.good(this.parts, item.rowNumber);
      else out.bad(outcome);
    }
    const batch = out.build();
    if (batch.goodRows > 0) this.lineBytes = batch.lines.bytes / batch.goodRows;
    return batch;
  }

  /** Where a line's loaded values are, and where they go back in a row of the file. */
  private layout(): LineLayout {
    const first = this.leadingField === undefined ? 0 : 1;
    const names = this.columns.map((c) => c.name);
    const header = this.headerColumns;
    if (header === undefined)
      return { first, count: names.length, raw: (values) => [JSON.stringify(object(names, values))] };
    const positions = this.plans.map((p) => p.at);
    return {
      first,
      count: names.length,
      raw: (values) => {
        const cells = new Array<string>(header.length).fill('');
        positions.forEach((at, k) => (cells[at] = values[k] ?? ''));
        return cells;
      },
    };
  }

  private useColumns(columns: readonly RecordColumn[]) {
    this.columns = columns;
    this.serializers = columns.map(copySerializer);
    this.fields = new Array<string>(columns.length);
    const first = this.leadingField === undefined ? 0 : 1;
    this.parts = new Array<string>(first + columns.length + this.trailing.length);
    this.trailing.forEach((field, k) => (this.parts[first + columns.length + k] = field));
    this.values = new Array<unknown>(columns.length);
    const position = new Map(columns.map((c, i) => [c.name, i]));
    // the indexes outlive a change of columns (the header): stored keys may be in them already
    this.uniqueChecks = this.uniqueKeys.map((names, k) => ({
      index: this.uniqueChecks[k]?.index ?? new InFileUniqueIndex(names),
      positions: names.map((name) => position.get(name) ?? -1),
      label: names.join(','),
    }));
  }

  private fromCells(item: CellsItem): typeof GOOD | BadRow {
    if (this.headerColumns === undefined) throw new Error('A data row came before the header row');
    const { cells, rowNumber: row } = item;
    const { plans, fields, values } = this;
    let errors: RowError[] | undefined;
    let missing: RecordColumn[] | undefined;
    for (let k = 0; k < plans.length; k++) {
      const plan = plans[k];
      const cell = cells[plan.at];
      if (cell === null || cell === undefined || cell === '') {
        if (plan.required) (missing ??= []).push(plan.column);
        else {
          fields[k] = plan.empty;
          values[k] = plan.column.replaceValue;
        }
        continue;
      }
      let input: unknown = cell;
      if (typeof cell !== 'string') {
        if (cell instanceof Date) input = dateInput(cell, plan.column);
      } else if (plan.json) {
        // a cell of a json column holds JSON text; the validator takes the parsed value
        try {
          input = JSON.parse(cell);
        } catch {
          (errors ??= []).push({ row, column: plan.column.name, value: cell, message: 'must be valid JSON' });
          continue;
        }
      }
      const value = input === null ? null : plan.column.coerce(input);
      if (value instanceof INVALID) {
        (errors ??= []).push({ row, column: plan.column.name, value: cellText(cell), message: value.message });
      } else if (value === null && plan.column.notNull) {
        (errors ??= []).push({ row, column: plan.column.name, value: cellText(cell), message: REQUIRED });
      } else {
        fields[k] = plan.serialize(value);
        values[k] = value;
      }
    }
    if (missing !== undefined) {
      // validateRecord reports missing required columns after the refused values, in table order
      const order = this.table.requiredOnCreate;
      missing.sort((a, b) => order.indexOf(a) - order.indexOf(b));
      for (const column of missing) (errors ??= []).push({ row, column: column.name, value: '', message: REQUIRED });
    }
    if (errors !== undefined) return { row, raw: rawCells(item), errors };
    return this.line(row, item);
  }

  private fromObject(item: ObjectItem): typeof GOOD | BadRow {
    const input: Record<string, unknown> = {};
    for (const key in item.value) {
      const column = this.resolver.resolve(key);
      if (column === null) continue;
      // an unknown key goes through as is: the validator reports it as not a column
      input[column === undefined ? key : column.name] = item.value[key];
    }
    const row = item.rowNumber;
    const result = validateRecord(this.table, input, 'create');
    if (!result.ok) {
      return {
        row,
        raw: rawObject(item),
        errors: result.errors.map((e) => ({
          row,
          column: e.field,
          value: valueText(input[e.field]),
          message: e.message,
        })),
      };
    }
    for (let i = 0; i < this.columns.length; i++) {
      const column = this.columns[i];
      const value = result.row[column.name];
      this.values[i] = value === undefined ? column.replaceValue : value;
      this.fields[i] = this.serializers[i](this.values[i]);
    }
    return this.line(row, item);
  }

  /** The row's line in `parts` once its fields are set, or a bad row when it repeats a unique key of the file. */
  private line(row: number, item: CellsItem | ObjectItem): typeof GOOD | BadRow {
    const { fields } = this;
    for (const check of this.uniqueChecks) {
      const key = uniqueKey(fields, check.positions);
      if (key === undefined) continue;
      const earlier = check.index.claim(key, row);
      if (earlier !== undefined) {
        const value = check.positions.map((p) => (p === -1 ? '' : (valueText(this.values[p]) ?? ''))).join(',');
        const message = earlier === STORED ? 'duplicates a stored record' : `duplicates row ${earlier} of the file`;
        const raw = item.kind === 'cells' ? rawCells(item) : rawObject(item);
        return { row, raw, errors: [{ row, column: check.label, value, message }] };
      }
    }
    const { parts } = this;
    let at = 0;
    if (this.leadingField !== undefined) parts[at++] = this.leadingField(row);
    for (let k = 0; k < fields.length; k++) parts[at++] = fields[k];
    return GOOD;
  }
}

function rawCells(item: CellsItem): string[] {
  return item.cells.map((cell) => cellText(cell) ?? '');
}

function rawObject(item: ObjectItem): string[] {
  return [JSON.stringify(item.value)];
}

/** Where the loaded values sit in a line (after any leading field), and how they make a row of the file again. */
interface LineLayout {
  first: number;
  count: number;
  raw(values: readonly (string | null)[]): string[];
}

function object(names: readonly string[], values: readonly (string | null)[]): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  names.forEach((name, k) => (out[name] = values[k]));
  return out;
}

/** Collects one batch's output. */
class BatchBuilder {
  private readonly badRows: BadRow[] = [];
  private readonly rows: number[] = [];

  constructor(
    private readonly layoutNow: () => LineLayout,
    private readonly lines: CopyLines,
  ) {}

  good(fields: readonly string[], row: number): void {
    this.lines.pushFields(fields, fields.length);
    this.rows.push(row);
  }

  bad(row: BadRow): void {
    this.badRows.push(row);
  }

  build(): ProcessedBatch {
    const { lines } = this;
    const layout = this.layoutNow();
    const valuesOf = (i: number) => copyFields(lines.line(i)).slice(layout.first, layout.first + layout.count);
    return {
      lines,
      get copyText() {
        return lines.all().toString('utf8');
      },
      goodRows: lines.count,
      badRows: this.badRows,
      rows: this.rows,
      valueOf: (i, k) => lines.field(i, layout.first + k),
      rawOf: (i) => layout.raw(valuesOf(i)),
    };
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
