import { AppException } from '@app/core';
import { HttpStatus } from '@nestjs/common';
import { DataschemaErrorCode } from '../dataschema.exception';
import { Operation } from '../planner/operation';

export interface RefusedRows {
  total: number;
  samples: Array<{ id: string; value: string | null }>;
}

/** A precheck found rows the change would fail on or hurt: a 422 naming how many and a few of them. */
export class SchemaChangeRefused extends AppException {
  constructor(
    readonly operation: Operation,
    readonly rows: RefusedRows,
  ) {
    const field = [operation.table, operation.column].filter(Boolean).join('.');
    const count = `${rows.total} ${rows.total === 1 ? 'row' : 'rows'}`;
    const examples = rows.samples
      .map((s) => (s.value === null ? `id ${s.id}` : `id ${s.id}: ${JSON.stringify(s.value)}`))
      .join('; ');
    const problem = operation.precheck?.problem ?? 'block the change';
    super(
      DataschemaErrorCode.SCHEMA_CHANGE_REFUSED,
      `Cannot ${operation.summary}: ${count} of ${operation.table} ${problem}`,
      HttpStatus.UNPROCESSABLE_ENTITY,
      [{ field, message: `${count} ${problem}, for example ${examples}` }],
    );
    this.name = 'SchemaChangeRefused';
  }
}
