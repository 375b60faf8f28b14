import type { RecordValue } from '../../api/records';
import { GridColumn } from './table-columns';

/** A cell's value as text (the grid shows it, an editor starts from it). Empty means null. */
export function cellText(value: RecordValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export type ParsedInput = { ok: true; value: RecordValue } | { ok: false; message: string };

/**
 * The value to send for what the user typed. Text goes as it is typed and the API checks it
 * (integers, decimals, dates... all accept their text form), so its messages reach the cell; an
 * empty input is null (the API answers "is required" for a required column). Only json is parsed
 * here, since any text would be a valid JSON string.
 */
export function parseInput(column: GridColumn, text: string): ParsedInput {
  if (text.trim() === '' && column.type !== 'string' && column.type !== 'text') return { ok: true, value: null };
  if (text === '') return { ok: true, value: null };
  if (column.type === 'json') {
    try {
      return { ok: true, value: JSON.parse(text) as RecordValue };
    } catch {
      return { ok: false, message: 'is not valid JSON; write an object, an array, a number, "a string", true or null' };
    }
  }
  return { ok: true, value: text };
}

/** Width of a column in the grid, by type, in pixels. */
export function columnWidth(column: GridColumn): number {
  if (column.name === 'id') return 150;
  switch (column.type) {
    case 'integer':
    case 'bigint':
    case 'float':
    case 'decimal':
      return 120;
    case 'boolean':
      return 90;
    case 'date':
      return 120;
    case 'timestamp':
      return 230;
    case 'uuid':
    case 'reference':
      return 150;
    case 'text':
    case 'json':
      return 260;
    case 'enum':
      return 150;
    default:
      return 210;
  }
}
