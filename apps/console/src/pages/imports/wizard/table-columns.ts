import type { Schemas } from '../../../api/client';

/** A column of a table's definition, as the tables route gives it (typed loosely by /docs-json). */
export interface TableColumn {
  name: string;
  type: string;
  required: boolean;
  unique: boolean;
  hasDefault: boolean;
}

export function columnsOf(table: Schemas['TableResponseDto']): TableColumn[] {
  return table.columns.map((column) => ({
    name: String(column.name),
    type: String(column.type ?? ''),
    required: column.required === true,
    unique: column.unique === true,
    hasDefault: column.default !== undefined && column.default !== null,
  }));
}

/** Columns every new row needs a value for: required, without a default. */
export const requiredOnCreate = (columns: TableColumn[]) => columns.filter((c) => c.required && !c.hasDefault);

/** A folded name: lower case, without whitespace and underscores (as the import matches headers). */
export const foldName = (name: string) => name.toLowerCase().replace(/[\s_]+/g, '');

/**
 * The column each header goes to, as the import would choose it without a mapping: the column of
 * the same name, else the one whose folded name matches ("First Name" -> first_name); none (null)
 * otherwise. Two columns that fold alike match neither loosely, as on the server.
 */
export function autoMapping(headers: string[], columns: TableColumn[]): Record<string, string | null> {
  const exact = new Set(columns.map((c) => c.name));
  const folded = new Map<string, string | null>();
  for (const c of columns) {
    const key = foldName(c.name);
    folded.set(key, folded.has(key) ? null : c.name);
  }
  const mapping: Record<string, string | null> = {};
  const taken = new Set<string>();
  for (const header of headers) {
    if (header.trim() === '') continue;
    const column = exact.has(header) ? header : (folded.get(foldName(header)) ?? null);
    mapping[header] = column !== null && !taken.has(column) ? column : null;
    if (column !== null) taken.add(column);
  }
  return mapping;
}

export interface MappingProblems {
  /** Header -> why its choice cannot be imported. */
  byHeader: Record<string, string>;
  /** Required columns that no header fills: every row would lack them, so the import fails. */
  missing: string[];
}

export function mappingProblems(mapping: Record<string, string | null>, columns: TableColumn[]): MappingProblems {
  const byHeader: Record<string, string> = {};
  const firstHeaderOf = new Map<string, string>();
  for (const [header, column] of Object.entries(mapping)) {
    if (column === null) continue;
    const earlier = firstHeaderOf.get(column);
    if (earlier !== undefined)
      byHeader[header] = `"${earlier}" already goes to ${column}: choose another column or ignore one of them.`;
    else firstHeaderOf.set(column, header);
  }
  const missing = requiredOnCreate(columns)
    .map((c) => c.name)
    .filter((name) => !firstHeaderOf.has(name));
  return { byHeader, missing };
}
