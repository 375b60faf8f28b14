import { SCHEMA_DRIFT_CHECK } from '@app/core';
import { Global, Module } from '@nestjs/common';
import { ActiveSchemaCache } from './cache/active-schema-cache';
import { SchemaTablesController } from './http/schema-tables.controller';
import { SchemaTemplatesController } from './http/schema-templates.controller';
import { SchemaController } from './http/schema.controller';
import { TenantOpenApiController } from './http/tenant-openapi.controller';
import { RecordsController } from './records-http/records.controller';
import { RecordTables } from './records-service/record-tables';
import { RecordsReadService } from './records-service/records-read.service';
import { RecordsWriteService } from './records-service/records-write.service';
import { RecordHistoryRepository, RecordsRepository } from './records-service/records.repository';
import { RecordBatches } from './records-service/record-batches';
import { SchemaTablesSource } from './metrics/schema-tables-source';
import { TenantOpenApiDocuments } from './openapi/tenant-openapi-documents';
import { RetainedPurger } from './service/retained-purger';
import { SchemaChangeService } from './service/schema-change.service';
import { SchemaDriftReport } from './service/schema-drift-report';
import { SchemaHistoryService } from './service/schema-history.service';
import { SchemaReadService } from './service/schema-read.service';
import { SchemaTablesService } from './service/schema-tables.service';
import { SchemaVersionsRepository } from './versions/schema-versions.repository';

/**
 * Tenant schemas: versions, the routes of API.md "Schema", the cached active definition and the
 * per-tenant OpenAPI; records: the routes of API.md "Records" with their history. Global so that the tenant-migration runner finds its drift check.
 */
@Global()
@Module({
  controllers: [
    SchemaController,
    SchemaTablesController,
    SchemaTemplatesController,
    TenantOpenApiController,
    RecordsController,
  ],
  providers: [
    SchemaVersionsRepository,
    ActiveSchemaCache,
    RetainedPurger,
    SchemaChangeService,
    SchemaReadService,
    SchemaHistoryService,
    SchemaTablesService,
    SchemaDriftReport,
    SchemaTablesSource,
    TenantOpenApiDocuments,
    { provide: SCHEMA_DRIFT_CHECK, useExisting: SchemaDriftReport },
    RecordTables,
    RecordsRepository,
    RecordHistoryRepository,
    RecordBatches,
    RecordsReadService,
    RecordsWriteService,
  ],
  exports: [
    SchemaReadService,
    SchemaChangeService,
    SCHEMA_DRIFT_CHECK,
    RecordTables,
    RecordsWriteService,
    RecordBatches,
  ],
})
export class DataschemaModule {}
