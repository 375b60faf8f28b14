// What `ImplicitTransaction`, `sendOnClient` and `RowsResult` use of node-postgres beyond its typed API (pg 8).

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
    /** The RowDescription's fields. */
    fields: unknown[];
    /** One text or binary parser per field. */
    _parsers: Array<(value: string) => unknown> | undefined;
    /** The client's type parsers (set by the client that runs the query), else pg's global ones. */
    _types: { getTypeParser(oid: number, format: 'text'): (value: string) => unknown } | undefined;
    /** The row every parsed row starts as a copy of: each field's name, null. */
    _prebuiltEmptyResultObject: Record<string, null> | null;
  }
}
