import type { CacheVersions } from '../auth/access-cache/access-cache-version';
import { TenantRole } from '../auth/auth-user';

/** A resolved tenant: every tenant-scoped method takes one as its first argument. */
export interface TenantContext {
  readonly tenantId: string;
  readonly slug: string;
  readonly schemaName: string;
  /** The caller's role in this tenant; null for a superadmin who is not a member, or for jobs. */
  readonly role: TenantRole | null;
  /**
   * The shared cache versions the request read when it was authenticated: caches consulted while
   * serving it (the tenant's active schema) check against them instead of asking Redis again.
   * Absent outside a request (jobs): those caches ask Redis themselves.
   */
  readonly versions?: CacheVersions;
}

/** The Postgres schema of a tenant; fixed at creation and stored on the tenant row. */
export function toTenantSchemaName(slug: string): string {
  return `tenant_${slug}`;
}
