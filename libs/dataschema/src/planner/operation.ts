import { RetainedItem } from './schema-state';

export type OperationKind =
  | 'ensureFunctions'
  | 'createTable'
  | 'dropTable'
  | 'restoreTable'
  | 'renameTable'
  | 'setTableDescription'
  | 'addColumn'
  | 'dropColumn'
  | 'restoreColumn'
  | 'renameColumn'
  | 'changeType'
  | 'setRequired'
  | 'dropRequired'
  | 'setUnique'
  | 'dropUnique'
  | 'setDefault'
  | 'dropDefault'
  | 'setEnumValues'
  | 'setColumnDescription'
  | 'addReference'
  | 'dropReference'
  | 'addIndex'
  | 'dropIndex';

/**
 * A query the runner sends just before a risky operation, in the same transaction. It returns the
 * rows the operation would fail on or hurt: `total` (all of them), and `id` and `value` of the
 * first five. Any row refuses the whole migration with a 422 naming `problem`.
 */
export interface Precheck {
  sql: string;
  problem: string;
  /** The query calls `pg_temp.strata_converts`, which the runner creates first. */
  usesConversionCheck?: boolean;
}

/** One step of a migration: JSON-serialisable, stored with its version. */
export interface Operation {
  kind: OperationKind;
  /** The table's name when the operation runs. */
  table?: string;
  tableId?: string;
  column?: string;
  columnId?: string;
  indexId?: string;
  /** What the operation does, in words. */
  summary: string;
  /** Statements that apply it, and the statements that undo it (run in reverse order of operations). */
  up: string[];
  down: string[];
  precheck?: Precheck;
  /** dropTable / dropColumn: what now sits aside, so that a rollback can bring it back. */
  retained?: RetainedItem;
}
