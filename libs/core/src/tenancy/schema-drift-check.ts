import { TenantContext } from './tenant-context';

export type DriftCheckTarget = Pick<TenantContext, 'tenantId' | 'slug' | 'schemaName'>;

/**
 * "Has anyone changed these tenant schemas outside Strata?", as the tenant-migration runner asks it
 * after a run; the dataschema lib provides it (cheaply: a catalog fingerprint per tenant).
 */
export interface SchemaDriftCheck {
  /** The targets whose live catalog differs from what their active schema version left. */
  drifted(targets: DriftCheckTarget[]): Promise<DriftCheckTarget[]>;
}

export const SCHEMA_DRIFT_CHECK = Symbol('SCHEMA_DRIFT_CHECK');
