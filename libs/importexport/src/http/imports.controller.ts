import {
  Actor,
  ApiErrors,
  ListQueryDto,
  pageOffset,
  type RequestActor,
  Tenant,
  type TenantContext,
  toPage,
} from '@app/core';
import {
  Controller,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FileStore } from '../file-store/file-store';
import { FILE_STORE } from '../jobs/file-store.provider';
import { ImportsService } from '../jobs/imports.service';
import { ImportErrorsQueryDto } from './import-errors-query.dto';
import { ImportExportUsers } from './import-export-roles';
import { readImportUpload } from './import-upload';
import { ImportJobDto, ImportJobPageDto } from './responses/import-job.dto';
import { ImportRowErrorPageDto, JobLogDto } from './responses/import-report.dto';

const IMPORT_BODY = {
  schema: {
    type: 'object',
    required: ['file', 'table'],
    properties: {
      file: { type: 'string', format: 'binary' },
      table: { type: 'string' },
      format: { type: 'string', enum: ['csv', 'xlsx', 'json', 'ndjson'] },
      mode: { type: 'string', enum: ['insert', 'upsert'], default: 'insert' },
      upsertKey: { type: 'string' },
      onError: { type: 'string', enum: ['abort', 'skip'], default: 'abort' },
      dryRun: { type: 'string', enum: ['true', 'false'], default: 'false' },
      mapping: { type: 'string', description: 'JSON: { "File header": "column" }' },
    },
  },
};

@ApiTags('imports')
@Controller('tenants/:tenant/imports')
@ApiErrors(401, 403, 404)
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    @Inject(FILE_STORE) private readonly store: FileStore,
  ) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ImportExportUsers()
  @ApiOperation({ operationId: 'createImport', summary: 'Upload a file and queue its import (admin or editor)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody(IMPORT_BODY)
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'The same key from the same user returns the first job (200)',
  })
  @ApiAcceptedResponse({ type: ImportJobDto, description: 'The queued import job' })
  @ApiOkResponse({
    type: ImportJobDto,
    description: 'The job an earlier request with the same Idempotency-Key created',
  })
  @ApiErrors(400, 413, 415)
  async create(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const upload = await readImportUpload(request, this.store);
    const key = idempotencyKey && idempotencyKey.trim() !== '' ? idempotencyKey.trim().slice(0, 255) : null;
    const { created, job } = await this.imports.create(ctx, actor, upload, key);
    if (!created) void reply.status(HttpStatus.OK);
    return job;
  }

  @Get()
  @ImportExportUsers()
  @ApiOperation({ operationId: 'listImports', summary: 'The tenant’s import jobs, newest first' })
  @ApiOkResponse({ type: ImportJobPageDto, description: 'One page of import jobs' })
  @ApiErrors(400)
  async list(@Tenant() ctx: TenantContext, @Query() query: ListQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.imports.page(ctx, pageOffset(query), query.pageSize);
    return toPage(request, query, count, results);
  }

  @Get(':id')
  @ImportExportUsers()
  @ApiOperation({ operationId: 'getImport', summary: 'One import job: status, progress, summary, times' })
  @ApiOkResponse({ type: ImportJobDto, description: 'The import job' })
  get(@Tenant() ctx: TenantContext, @Param('id') id: string) {
    return this.imports.get(ctx, id);
  }

  @Get(':id/errors')
  @ImportExportUsers()
  @ApiOperation({
    operationId: 'listImportErrors',
    summary:
      'The bad rows: `{row, column, value, message}`, paged; `format=csv` gives the bad rows with an error column',
  })
  @ApiExtraModels(ImportRowErrorPageDto)
  @ApiOkResponse({
    description: 'One page of row errors, or the bad rows as CSV',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(ImportRowErrorPageDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrors(400)
  async errors(
    @Tenant() ctx: TenantContext,
    @Param('id') id: string,
    @Query() query: ImportErrorsQueryDto,
    @Req() request: FastifyRequest,
  ) {
    if (query.format === 'csv')
      return new StreamableFile(await this.imports.badRowsCsv(ctx, id), {
        type: 'text/csv; charset=utf-8',
        disposition: `attachment; filename="import-${id}-errors.csv"`,
      });
    const { count, results } = await this.imports.errors(ctx, id, pageOffset(query), query.pageSize);
    return toPage(request, query, count, results);
  }

  @Get(':id/log')
  @ImportExportUsers()
  @ApiOperation({ operationId: 'getImportLog', summary: 'The import job’s events with their times' })
  @ApiOkResponse({ type: JobLogDto, description: 'The events, oldest first' })
  log(@Tenant() ctx: TenantContext, @Param('id') id: string) {
    return this.imports.log(ctx, id);
  }

  @Post(':id/cancel')
  @HttpCode(HttpStatus.OK)
  @ImportExportUsers()
  @ApiOperation({ operationId: 'cancelImport', summary: 'Stop a queued or running import; it stores nothing' })
  @ApiOkResponse({ type: ImportJobDto, description: 'The cancelled job' })
  @ApiErrors(409)
  cancel(@Tenant() ctx: TenantContext, @Param('id') id: string) {
    return this.imports.cancel(ctx, id);
  }

  @Post(':id/revert')
  @HttpCode(HttpStatus.OK)
  @ImportExportUsers()
  @ApiOperation({ operationId: 'revertImport', summary: 'Remove the records a succeeded insert import added' })
  @ApiOkResponse({ type: ImportJobDto, description: 'The job, with rowsReverted in its summary' })
  @ApiErrors(409)
  revert(@Tenant() ctx: TenantContext, @Actor() actor: RequestActor, @Param('id') id: string) {
    return this.imports.revert(ctx, actor, id);
  }
}
