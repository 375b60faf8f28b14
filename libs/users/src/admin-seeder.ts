import { AuditService } from '@app/audit';
import { Env, InjectEnv, systemActor } from '@app/core';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { adminUsername } from './admin-username';
import { PasswordHasher } from './password-hasher';
import { UsersRepository } from './users.repository';

/** Serialises the seeding of processes that start together (API and worker, or several APIs). */
const ADMIN_SEED_LOCK_KEY = 732_300_101;

/** Creates the first superadmin from ADMIN_EMAIL / ADMIN_PASSWORD when there is no user at all. */
@Injectable()
export class AdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminSeeder.name);

  constructor(
    @InjectEnv() private readonly env: Env,
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (await this.users.exists(this.dataSource.manager)) return;
    const passwordHash = await this.hasher.hash(this.env.ADMIN_PASSWORD);
    const email = this.env.ADMIN_EMAIL.trim().toLowerCase();
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_SEED_LOCK_KEY]);
      if (await this.users.exists(manager)) return null;
      const user = await this.users.insert(manager, {
        username: adminUsername(email),
        email,
        passwordHash,
        firstName: '',
        lastName: '',
        phone: '',
        address: '',
        isActive: true,
        isSuperadmin: true,
      });
      await this.audit.record(manager, systemActor(), {
        tenantId: null,
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        details: { username: user.username, email: user.email, isActive: true, isSuperadmin: true, seeded: true },
      });
      return user;
    });
    if (created) this.logger.log(`Created the first superadmin ${created.email}`);
  }
}
