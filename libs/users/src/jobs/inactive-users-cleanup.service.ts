import { AuditService } from '@app/audit';
import { Env, InjectEnv, systemActor, TENANT_ADMIN_RULE, TenantAdminRule } from '@app/core';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InactiveUser, UsersJobsRepository } from './users-jobs.repository';

const BATCH_SIZE = 200;

export interface InactiveUsersCleanupResult extends Record<string, unknown> {
  inactiveDays: number;
  deactivated: number;
  /** Inactive users kept active because a tenant would otherwise have no active admin. */
  keptAsLastAdmin: number;
}

interface BatchResult {
  scanned: number;
  deactivated: number;
  keptAsLastAdmin: number;
  lastId: string | null;
}

/**
 * Deactivates users (never superadmins) who have not logged in, or were created and never
 * logged in, for INACTIVE_USER_DAYS days, and revokes their refresh tokens; off when that is 0.
 * A user who is the last active admin of a tenant is kept. Each batch commits with one
 * `user.deactivate` audit entry per user.
 */
@Injectable()
export class InactiveUsersCleanupService {
  private readonly logger = new Logger(InactiveUsersCleanupService.name);

  constructor(
    @InjectEnv() private readonly env: Env,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UsersJobsRepository,
    private readonly audit: AuditService,
    @Inject(TENANT_ADMIN_RULE) private readonly adminRule: TenantAdminRule,
  ) {}

  async run(): Promise<InactiveUsersCleanupResult> {
    const days = this.env.INACTIVE_USER_DAYS;
    const result: InactiveUsersCleanupResult = { inactiveDays: days, deactivated: 0, keptAsLastAdmin: 0 };
    if (days <= 0) return result;
    let afterId: string | null = null;
    for (;;) {
      const batch = await this.deactivateBatch(days, afterId);
      result.deactivated += batch.deactivated;
      result.keptAsLastAdmin += batch.keptAsLastAdmin;
      afterId = batch.lastId;
      if (batch.scanned < BATCH_SIZE) break;
    }
    return result;
  }

  private deactivateBatch(days: number, afterId: string | null): Promise<BatchResult> {
    return this.dataSource.transaction(async (manager) => {
      const candidates = await this.repository.lockInactiveUsers(manager, days, afterId, BATCH_SIZE);
      const lastId = candidates.at(-1)?.id ?? null;
      // Taken for the whole batch at once and in id order, so this never deadlocks with a deactivation
      // through the API, which takes the same locks.
      await this.adminRule.lockTenantsAdministeredBy(
        manager,
        candidates.map((user) => user.id),
      );
      const deactivated: InactiveUser[] = [];
      for (const user of candidates) {
        if (await this.isLastAdmin(manager, user)) continue;
        // One at a time: the next user's check must see this one inactive.
        await this.repository.deactivate(manager, [user.id]);
        deactivated.push(user);
      }
      if (deactivated.length > 0) {
        await this.repository.revokeRefreshTokens(
          manager,
          deactivated.map((user) => user.id),
        );
      }
      for (const user of deactivated) {
        await this.audit.record(manager, systemActor(), {
          tenantId: null,
          action: 'user.deactivate',
          entityType: 'user',
          entityId: user.id,
          details: { reason: 'inactive', inactiveDays: days, lastLoginAt: toIso(user.lastLoginAt) },
        });
      }
      return {
        scanned: candidates.length,
        deactivated: deactivated.length,
        keptAsLastAdmin: candidates.length - deactivated.length,
        lastId,
      };
    });
  }

  private async isLastAdmin(manager: EntityManager, user: InactiveUser): Promise<boolean> {
    const tenants = await this.adminRule.tenantsLeftWithoutAdmin(manager, user.id);
    if (tenants.length === 0) return false;
    this.logger.warn(`Inactive user ${user.id} kept active: the only active admin of ${tenants.join(', ')}`);
    return true;
  }
}

function toIso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
