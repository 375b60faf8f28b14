import { AuditService } from '@app/audit';
import { Env, InjectEnv, systemActor } from '@app/core';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { UsersJobsRepository } from './users-jobs.repository';

const BATCH_SIZE = 200;

export interface InactiveUsersCleanupResult extends Record<string, unknown> {
  inactiveDays: number;
  deactivated: number;
}

/**
 * Deactivates users (never superadmins) who have not logged in, or were created and never
 * logged in, for INACTIVE_USER_DAYS days, and revokes their refresh tokens; off when that is 0.
 * Each batch commits with one `user.deactivate` audit entry per user.
 */
@Injectable()
export class InactiveUsersCleanupService {
  constructor(
    @InjectEnv() private readonly env: Env,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: UsersJobsRepository,
    private readonly audit: AuditService,
  ) {}

  async run(): Promise<InactiveUsersCleanupResult> {
    const days = this.env.INACTIVE_USER_DAYS;
    let deactivated = 0;
    if (days <= 0) return { inactiveDays: days, deactivated };
    for (;;) {
      const count = await this.deactivateBatch(days);
      deactivated += count;
      if (count < BATCH_SIZE) break;
    }
    return { inactiveDays: days, deactivated };
  }

  private deactivateBatch(days: number): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const users = await this.repository.lockInactiveUsers(manager, days, BATCH_SIZE);
      if (users.length === 0) return 0;
      const ids = users.map((user) => user.id);
      await this.repository.deactivate(manager, ids);
      await this.repository.revokeRefreshTokens(manager, ids);
      for (const user of users) {
        await this.audit.record(manager, systemActor(), {
          tenantId: null,
          action: 'user.deactivate',
          entityType: 'user',
          entityId: user.id,
          details: { reason: 'inactive', inactiveDays: days, lastLoginAt: toIso(user.lastLoginAt) },
        });
      }
      return users.length;
    });
  }
}

function toIso(value: string | Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
