import { SqlQuery } from '@app/core';

export type TenantMigrationStatement = SqlQuery | string;

/**
 * One step of the system tables every tenant schema carries. Revisions are checked in, start at 1
 * and only ever grow; a tenant's `system_revision` names the last one applied to its schema.
 * System tables start with `_`, a prefix user tables may not use.
 */
export interface TenantMigration {
  readonly revision: number;
  readonly name: string;
  /** The statements for one schema, identifiers quoted; run in order inside one transaction. */
  up(schema: string): TenantMigrationStatement[];
}

/** The tenant a migration run works on, as stored in `public.tenants`. */
export interface TenantMigrationTarget {
  readonly id: string;
  readonly slug: string;
  readonly schemaName: string;
}

export interface TenantMigrationFailure {
  slug: string;
  error: string;
}

/** What a start-up run did: tenants brought up to date, tenants that failed, tenants left alone. */
export interface TenantMigrationSummary {
  migrated: number;
  failed: TenantMigrationFailure[];
  upToDate: number;
}
