import { OutboxSweeperModule } from '@app/core';
import { AuditWorkerModule } from '@app/audit';
import { ImportexportWorkerModule } from '@app/importexport';
import { NotificationsWorkerModule } from '@app/notifications';
import { TenantsJobsModule } from '@app/tenants';
import { UsersWorkerModule } from '@app/users';
import { Module } from '@nestjs/common';

/**
 * The queue consumers, repeatable jobs and outbox sweeper of every lib. The API imports it when
 * WORKER_EMBEDDED is true; `WorkerAppModule` runs it on its own. It lives in a lib of its own, above
 * every domain lib, so both apps import it and neither app imports the other.
 */
@Module({
  imports: [
    NotificationsWorkerModule,
    UsersWorkerModule,
    TenantsJobsModule,
    OutboxSweeperModule,
    AuditWorkerModule,
    ImportexportWorkerModule,
  ],
})
export class WorkerModule {}
