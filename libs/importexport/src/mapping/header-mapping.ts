import { RecordColumn, RecordTable } from '@app/dataschema';
import { fileError } from '../import-file.errors';

/**
 * `{ "File header": "column" }`; a header mapped to null (or "") is ignored. Headers not named here
 * match a column by exact name, then with case, spaces and underscores ignored ("First Name" ->
 * first_name).
 */
export type HeaderMapping = Record<string, string | null>;

/** A folded name: lower case, without whitespace and underscores. */
export const foldName = (name: string) => name.toLowerCase().replace(/[\s_]+/g, '');

/** Resolves header names to columns one at a time; answers are remembered (JSON keys repeat). */
export class HeaderResolver {
  private readonly folded = new Map<string, RecordColumn | null>();
  private readonly cache = new Map<string, RecordColumn | null | undefined>();

  constructor(
    private readonly table: RecordTable,
    private readonly mapping: HeaderMapping = {},
  ) {
    const problems: { field: string; message: string }[] = [];
    for (const [header, target] of Object.entries(mapping)) {
      if (target !== null && target !== '' && !this.writable(target)) {
        problems.push({
          field: header,
          message: `is mapped to ${JSON.stringify(target)}, which is not a writable column of ${table.name}`,
        });
      }
    }
    if (problems.length > 0) throw fileError('INVALID_MAPPING', 'The mapping names unknown columns', problems);
    for (const column of table.writable) {
      const key = foldName(column.name);
      // two columns that fold alike cannot be told apart this way: neither matches loosely
      this.folded.set(key, this.folded.has(key) ? null : column);
    }
  }

  /** The column of a header; null when the mapping ignores it; undefined when nothing matches. */
  resolve(header: string): RecordColumn | null | undefined {
    if (this.cache.has(header)) return this.cache.get(header);
    let result: RecordColumn | null | undefined;
    if (Object.prototype.hasOwnProperty.call(this.mapping, header)) {
      const target = this.mapping[header];
      result = target === null || target === '' ? null : this.writable(target);
    } else {
      result = this.writable(header) ?? this.folded.get(foldName(header)) ?? undefined;
    }
    if (this.cache.size < 10_000) this.cache.set(header, result);
    return result;
  }

  private writable(name: string): RecordColumn | undefined {
    const column = this.table.columns.get(name);
    return column && !column.system ? column : undefined;
  }
}

/** The columns of a header row, position by position (null: ignored). */
export interface ResolvedHeader {
  columns: (RecordColumn | null)[];
}

/**
 * Maps a tabular file's header row. Fails the file, listing every name at once, when a header
 * matches no column (map it, or map it to null to skip it), two headers land on one column, or a
 * required column without a default has no header. Empty header cells are ignored.
 */
export function resolveHeader(names: readonly string[], resolver: HeaderResolver, table: RecordTable): ResolvedHeader {
  const columns: (RecordColumn | null)[] = [];
  const unknown: string[] = [];
  const seen = new Map<string, string>();
  const duplicates: { field: string; message: string }[] = [];
  for (const name of names) {
    if (name.trim() === '') {
      columns.push(null);
      continue;
    }
    const column = resolver.resolve(name);
    if (column === undefined) unknown.push(name);
    else if (column !== null) {
      const earlier = seen.get(column.name);
      if (earlier !== undefined)
        duplicates.push({ field: name, message: `maps to ${column.name}, as ${JSON.stringify(earlier)} does` });
      seen.set(column.name, name);
    }
    columns.push(column ?? null);
  }
  if (unknown.length > 0) {
    throw fileError(
      'UNKNOWN_HEADERS',
      `The file has headers that match no column of ${table.name}: ${unknown.map((n) => JSON.stringify(n)).join(', ')}; map them to a column, or to null to ignore them`,
      unknown.map((field) => ({ field, message: 'matches no column' })),
    );
  }
  if (duplicates.length > 0) throw fileError('DUPLICATE_HEADERS', 'Several headers map to the same column', duplicates);
  const missing = table.requiredOnCreate.filter((column) => !seen.has(column.name));
  if (missing.length > 0) {
    throw fileError(
      'MISSING_COLUMNS',
      `The file has no column for ${missing.map((c) => c.name).join(', ')}, which every row needs`,
      missing.map((c) => ({ field: c.name, message: 'is required and has no header in the file' })),
    );
  }
  return { columns };
}
