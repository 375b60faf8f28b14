import Result from 'pg/lib/result';
import { types } from 'pg';

/** A column of a RowDescription as pg-protocol parses it. */
interface FieldDescription {
  name: string;
  dataTypeID: number;
  format?: string;
}

/**
 * pg's `Result` with a cheaper `addFields`: the same fields, parsers and empty row, but the empty
 * row that every row is copied from is built as an ordinary object. pg builds it with
 * `Object.create(null)` and spreads that into a new object, which V8 does property by property
 * for each statement: about 4 µs for a record of fourteen columns, more than parsing its row.
 * `__proto__` stays a column name as it does with pg (an own property, not the prototype).
 */
export class RowsResult extends Result {
  override addFields(fieldDescriptions: FieldDescription[]): void {
    this.fields = fieldDescriptions;
    const count = fieldDescriptions.length;
    if (count) this._parsers = new Array(count);
    const parserTypes = this._types ?? types;
    const row: Record<string, null> = {};
    for (let i = 0; i < count; i++) {
      const desc = fieldDescriptions[i];
      if (desc.name === '__proto__')
        Object.defineProperty(row, '__proto__', { value: null, writable: true, enumerable: true, configurable: true });
      else row[desc.name] = null;
      this._parsers![i] = parserTypes.getTypeParser(desc.dataTypeID, (desc.format || 'text') as 'text');
    }
    this._prebuiltEmptyResultObject = row;
  }
}
