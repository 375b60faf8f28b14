import { neutralizeFormula } from '@app/core';
import { ColumnType } from '@app/dataschema';

/** A column of an export: its name (the header) and type (how its values are written). */
export interface ExportColumn {
  name: string;
  type: ColumnType;
}

export interface CellOptions {
  /** Prefix text cells that a spreadsheet would run as a formula (default true). */
  neutralize?: boolean;
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(['integer', 'bigint', 'decimal', 'float']);
const TEXT: ReadonlySet<ColumnType> = new Set(['string', 'text', 'email', 'url', 'enum']);

export const isNumericColumn = (column: ExportColumn) => NUMERIC.has(column.type);

/** A record value as CSV text: numbers as they are (a negative stays negative), text neutralized. */
export function csvCell(value: unknown, column: ExportColumn, neutralize: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutralize && TEXT.has(column.type) ? neutralizeFormula(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** At most 15 significant digits survive a spreadsheet's double; longer numbers stay text. */
const EXACT_IN_DOUBLE = /^[+-]?0*\d{0,15}(\.\d*)?$/;

/** A record value as an XLSX cell: numeric columns as numbers, booleans as booleans, text neutralized. */
export function xlsxCell(value: unknown, column: ExportColumn, neutralize: boolean): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (NUMERIC.has(column.type)) {
      const digits = value.replace(/[.+-]/g, '').replace(/^0+/, '');
      if (digits.length <= 15 && EXACT_IN_DOUBLE.test(value)) return Number(value);
      return value;
    }
    return neutralize && TEXT.has(column.type) ? neutralizeFormula(value) : value;
  }
  return JSON.stringify(value);
}
