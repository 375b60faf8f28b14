// What `ImplicitTransaction` uses of node-postgres beyond its typed API (pg 8).

declare module 'pg/lib/utils' {
  /** How pg turns a parameter value into what the protocol sends (Dates, arrays, objects as JSON, ...). */
  export function prepareValue(value: unknown): unknown;
}

declare module 'pg/lib/result' {
  /** Builds rows from a RowDescription and DataRows, with the type parsers pg's own queries use. */
  export default class Result {
    constructor(rowMode?: string, types?: unknown);
    rows: unknown[];
    rowCount: number | null;
    addFields(fields: unknown[]): void;
    parseRow(fields: unknown[]): unknown;
    addRow(row: unknown): void;
    addCommandComplete(msg: unknown): void;
  }
}
