import { DriftCheckTarget, Env, SchemaDriftCheck } from '@app/core';
import { Logger } from '@nestjs/common';
import { TenantMigrationRepository } from './tenant-migration.repository';
import { TenantMigrationRunner } from './tenant-migration.runner';

describe('TenantMigrationRunner at start-up', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('does not hold start-up for the drift report, and waits for it before the app closes', async () => {
    const tenants: DriftCheckTarget[] = [{ tenantId: 't1', slug: 'acme', schemaName: 'tenant_acme' }];
    const repository = {
      findStale: async () => ({ stale: [], upToDate: 1 }),
      findAll: async () => tenants.map((t) => ({ id: t.tenantId, slug: t.slug, schemaName: t.schemaName })),
    } as unknown as TenantMigrationRepository;
    let finish!: (drifted: DriftCheckTarget[]) => void;
    const driftCheck: SchemaDriftCheck = {
      drifted: () => new Promise<DriftCheckTarget[]>((resolve) => (finish = resolve)),
    };
    const runner = new TenantMigrationRunner(repository, { TENANT_MIGRATION_CONCURRENCY: 4 } as Env, driftCheck);

    await runner.onApplicationBootstrap(); // resolves while the report is still running
    await new Promise((resolve) => setImmediate(resolve));
    expect(finish).toBeDefined();

    let closed = false;
    const closing = runner.onModuleDestroy().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    finish([]);
    await closing;
    expect(closed).toBe(true);
  });
});
