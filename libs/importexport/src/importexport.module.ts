import { AuditModule } from '@app/audit';
import { QueueName } from '@app/core';
import { DataschemaModule } from '@app/dataschema';
import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { ExportsController } from './http/exports.controller';
import { ImportsController } from './http/imports.controller';
import { ExportsService } from './jobs/exports.service';
import { fileStoreProvider, FILE_STORE } from './jobs/file-store.provider';
import { ImportsService } from './jobs/imports.service';
import { ImportExportJobRows } from './jobs/job-rows';

/** The API side of imports and exports: routes, job rows, the `imports` and `exports` queues. */
@Module({
  imports: [
    AuditModule,
    DataschemaModule,
    BullModule.registerQueue({ name: QueueName.Imports }, { name: QueueName.Exports }),
  ],
  controllers: [ImportsController, ExportsController],
  providers: [fileStoreProvider, ImportExportJobRows, ImportsService, ExportsService],
  exports: [FILE_STORE, BullModule],
})
export class ImportexportModule {}
