import type { EntityManager } from 'typeorm';

/**
 * "Every tenant keeps an active admin", as the users lib needs it when it deactivates or deletes
 * accounts; the tenants lib, which owns memberships, provides it. Both calls run inside the
 * caller's transaction.
 */
export interface TenantAdminRule {
  /**
   * Locks, in id order and until the transaction ends, every tenant where one of these users is an
   * admin: each change that can take a tenant's last active admin away takes these locks first, so
   * two of them on one tenant run one after the other and cannot both see "another admin".
   */
  lockTenantsAdministeredBy(manager: EntityManager, userIds: string[]): Promise<void>;

  /** Slugs of the tenants that have no other active admin than this user. Call after the lock. */
  tenantsLeftWithoutAdmin(manager: EntityManager, userId: string): Promise<string[]>;
}

export const TENANT_ADMIN_RULE = Symbol('TENANT_ADMIN_RULE');
