import { SchemaDefinition } from '../definition/schema-definition';
import { Operation, OperationKind } from '../planner/operation';
import { RetainedItem } from '../planner/schema-state';

/** One row of `public.schema_versions`. */
export interface StoredVersion {
  version: number;
  definition: SchemaDefinition;
  operations: Operation[];
  up: string;
  down: string;
  authorId: string | null;
  authorEmail: string | null;
  message: string | null;
  /** sha256 of the definition's canonical JSON. */
  checksum: string;
  /** sha256 of the tenant schema's catalog right after the version was applied (the cheap drift check). */
  catalogHash: string;
  createdAt: string;
}

/** What an audit entry and a version list say of an operation: what it did, not its SQL. */
export interface OperationSummary {
  kind: OperationKind;
  table?: string;
  column?: string;
  summary: string;
}

/** A version as the version list shows it: no definition, no SQL. */
export interface VersionSummary {
  version: number;
  message: string | null;
  authorId: string | null;
  createdAt: string;
  operations: OperationSummary[];
}

/** The definition a tenant works with: version 0 (no tables) until its first change. */
export interface ActiveSchema {
  version: number;
  definition: SchemaDefinition;
  createdAt: string | null;
  createdBy: string | null;
}

export const INITIAL_SCHEMA: ActiveSchema = {
  version: 0,
  definition: { tables: [] },
  createdAt: null,
  createdBy: null,
};

export const activeSchemaOf = (row: StoredVersion): ActiveSchema => ({
  version: row.version,
  definition: row.definition,
  createdAt: row.createdAt,
  createdBy: row.authorId,
});

/** A set-aside table or column, as `public.schema_retained_items` keeps it. */
export interface StoredRetainedItem {
  item: RetainedItem;
  /** The names it had when it was dropped. */
  tableName: string;
  columnName: string | null;
  droppedInVersion: number;
  createdAt: string;
}
