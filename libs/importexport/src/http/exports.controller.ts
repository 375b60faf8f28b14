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
import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ExportsService } from '../jobs/exports.service';
import { CreateExportDto } from './export-request.dto';
import { ImportExportUsers } from './import-export-roles';
import { ExportJobDto, ExportJobPageDto } from './responses/export-job.dto';

@ApiTags('exports')
@Controller('tenants/:tenant/exports')
@ApiErrors(401, 403, 404)
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ImportExportUsers()
  @ApiOperation({
    operationId: 'createExport',
    summary: 'Queue an export of a table, filtered and sorted as in record lists',
  })
  @ApiAcceptedResponse({ type: ExportJobDto, description: 'The queued export job' })
  @ApiErrors(400)
  create(@Tenant() ctx: TenantContext, @Actor() actor: RequestActor, @Body() dto: CreateExportDto) {
    return this.exports.create(ctx, actor, dto);
  }

  @Get()
  @ImportExportUsers()
  @ApiOperation({ operationId: 'listExports', summary: 'The tenant’s export jobs, newest first' })
  @ApiOkResponse({ type: ExportJobPageDto, description: 'One page of export jobs' })
  @ApiErrors(400)
  async list(@Tenant() ctx: TenantContext, @Query() query: ListQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.exports.page(ctx, pageOffset(query), query.pageSize);
    return toPage(request, query, count, results);
  }

  @Get(':id')
  @ImportExportUsers()
  @ApiOperation({ operationId: 'getExport', summary: 'One export job: status, summary, times' })
  @ApiOkResponse({ type: ExportJobDto, description: 'The export job' })
  get(@Tenant() ctx: TenantContext, @Param('id') id: string) {
    return this.exports.get(ctx, id);
  }

  @Get(':id/download')
  @ImportExportUsers()
  @ApiOperation({
    operationId: 'downloadExport',
    summary: 'The exported file, streamed with its content type and name',
  })
  @ApiOkResponse({
    description: 'The file',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/json': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
        schema: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiErrors(409)
  async download(@Tenant() ctx: TenantContext, @Param('id') id: string): Promise<StreamableFile> {
    const file = await this.exports.download(ctx, id);
    return new StreamableFile(file.stream, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
    });
  }
}
