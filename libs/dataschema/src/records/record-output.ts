import { RecordColumn } from './record-table';

/**
 * How a column leaves the database: dates as `YYYY-MM-DD` and timestamps as ISO 8601 UTC with
 * microseconds (the driver's Date objects would shift dates by the server's zone and drop
 * microseconds), bigints and decimals as strings (no digit lost to a float). `expr` is SQL made
 * from quoted identifiers only.
 */
export function outputExpression(column: Pick<RecordColumn, 'type'>, expr: string): string {
  switch (column.type) {
    case 'date':
    case 'bigint':
    case 'decimal':
      return `(${expr})::text`;
    case 'timestamp':
      return `to_char((${expr}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
    default:
      return expr;
  }
}
