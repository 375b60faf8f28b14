import { AuditModule } from '@app/audit';
import { JobRunner, QueueName } from '@app/core';
import { DataschemaModule } from '@app/dataschema';
import { NotificationsModule } from '@app/notifications';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ExportRunner } from './jobs/export-runner';
import { fileStoreProvider } from './jobs/file-store.provider';
import { ExportProcessor, ImportProcessor } from './jobs/import-export.processor';
import { DirectImport } from './jobs/direct-import';
import { ImportJobState } from './jobs/import-job-state';
import { ImportRunner } from './jobs/import-runner';
import { StagedUpsert } from './jobs/staged-upsert';
import { StagingSweeper } from './jobs/staging-sweeper';

/** The worker side: runs the `imports` and `exports` queues. */
@Module({
  imports: [
    AuditModule,
    DataschemaModule,
    NotificationsModule,
    BullModule.registerQueue({ name: QueueName.Imports }, { name: QueueName.Exports }),
  ],
  providers: [
    fileStoreProvider,
    JobRunner,
    ImportJobState,
    DirectImport,
    StagedUpsert,
    StagingSweeper,
    ImportRunner,
    ExportRunner,
    ImportProcessor,
    ExportProcessor,
  ],
})
export class ImportexportWorkerModule {}
