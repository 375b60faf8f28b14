import {
  Actor,
  actorFromRequest,
  ApiErrors,
  FastCreate,
  FastRead,
  ListQueryDto,
  pageOffset,
  type RequestActor,
  Tenant,
  type TenantContext,
  tenantOf,
  toPage,
} from '@app/core';
import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RecordsReadService } from '../records-service/records-read.service';
import { MAX_BULK_RECORDS, RecordsWriteService } from '../records-service/records-write.service';
import {
  AggregateResultDto,
  RECORD_SCHEMA,
  RecordPageDto,
  RestoreRecordDto,
  RestoreResultDto,
  RevisionPageDto,
} from './dto/record-dto';
import { recordPage } from './record-page-links';
import { RecordReaders, RecordWriters } from './record-roles';

const TABLE_PARAM = ApiParam({ name: 'table', description: 'A table of the active schema' });
const ID_PARAM = ApiParam({ name: 'id', format: 'uuid', description: "The record's id" });

const LIST_QUERY = [
  ApiQuery({ name: 'page', required: false, type: Number, description: 'From 1; not with `cursor`' }),
  ApiQuery({ name: 'pageSize', required: false, type: Number, description: '1 to 1000, default 20' }),
  ApiQuery({
    name: 'cursor',
    type: String,
    required: false,
    description: 'Page by keyset: empty for the first page, then from `next`',
  }),
  ApiQuery({ name: 'count', required: false, enum: ['exact', 'estimated', 'none'] }),
  ApiQuery({
    name: 'sort',
    required: false,
    type: String,
    description: 'e.g. `-created_at,last_name`; `id` breaks ties',
  }),
  ApiQuery({ name: 'fields', required: false, type: String, description: 'e.g. `id,email`' }),
  ApiQuery({ name: 'expand', required: false, type: String, description: 'Reference columns whose record to embed' }),
  ApiQuery({ name: 'search', required: false, type: String, description: 'A partial match over the text columns' }),
  ApiQuery({
    name: 'filter',
    type: String,
    required: false,
    description:
      '`filter[<column>][<op>]=<value>`, ops eq ne lt lte gt gte in nin contains icontains startsWith endsWith isNull ' +
      'between; `<column>=<value>` is short for eq',
  }),
];

@ApiTags('records')
@Controller('tenants/:tenant/tables/:table')
@TABLE_PARAM
@ApiErrors(401, 403, 404)
export class RecordsController {
  constructor(
    private readonly reader: RecordsReadService,
    private readonly writer: RecordsWriteService,
  ) {}

  @Get('records')
  @RecordReaders()
  @FastRead((request) => [tenantOf(request), request.params.table, request.query, request])
  @ApiOperation({ summary: 'List records: filters, search, sort, fields, expand, offset or keyset pages' })
  @ApiOkResponse({ type: RecordPageDto, description: 'One page of records' })
  @applyDecorators(...LIST_QUERY)
  @ApiErrors(400)
  async list(
    @Tenant() ctx: TenantContext,
    @Param('table') table: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ) {
    return recordPage(request, await this.reader.list(ctx, table, query));
  }

  @Post('records')
  @RecordWriters()
  @FastCreate((request) => [tenantOf(request), actorFromRequest(request), request.params.table, request.body])
  @ApiOperation({
    summary: `Create one record (an object) or up to ${MAX_BULK_RECORDS} (an array, all or none)`,
  })
  @ApiBody({ schema: { oneOf: [RECORD_SCHEMA, { type: 'array', items: RECORD_SCHEMA, maxItems: MAX_BULK_RECORDS }] } })
  @ApiCreatedResponse({
    description: 'The stored record, or the stored records in the order given',
    schema: { oneOf: [RECORD_SCHEMA, { type: 'array', items: RECORD_SCHEMA }] },
  })
  @ApiErrors(400, 409, 422)
  create(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Body() body: unknown,
  ) {
    return this.writer.create(ctx, actor, table, body);
  }

  @Get('aggregate')
  @RecordReaders()
  @ApiOperation({ summary: 'Group and measure records: `groupBy`, `metrics`, with the list filters and search' })
  @ApiQuery({ name: 'groupBy', required: false, type: String, description: 'e.g. `country,status`' })
  @ApiQuery({
    name: 'metrics',
    required: false,
    type: String,
    description: 'e.g. `count,avg:score,sum:score` (default count)',
  })
  @ApiOkResponse({ type: AggregateResultDto, description: 'One result per group' })
  @ApiErrors(400)
  aggregate(@Tenant() ctx: TenantContext, @Param('table') table: string, @Query() query: Record<string, unknown>) {
    return this.reader.aggregate(ctx, table, query);
  }

  @Get('records/:id')
  @RecordReaders()
  @FastRead((request) => [tenantOf(request), request.params.table, request.params.id])
  @ID_PARAM
  @ApiOperation({ summary: 'One record' })
  @ApiOkResponse({ schema: RECORD_SCHEMA, description: 'The record' })
  @ApiErrors(400)
  get(@Tenant() ctx: TenantContext, @Param('table') table: string, @Param('id') id: string) {
    return this.reader.get(ctx, table, id);
  }

  @Put('records/:id')
  @RecordWriters()
  @ID_PARAM
  @ApiOperation({ summary: 'Replace a record: columns left out go back to their defaults' })
  @ApiBody({ schema: RECORD_SCHEMA })
  @ApiOkResponse({ schema: RECORD_SCHEMA, description: 'The record as stored' })
  @ApiErrors(400, 409, 422)
  replace(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.writer.update(ctx, actor, table, id, body, 'replace');
  }

  @Patch('records/:id')
  @RecordWriters()
  @ID_PARAM
  @ApiOperation({ summary: 'Change some columns of a record' })
  @ApiBody({ schema: RECORD_SCHEMA })
  @ApiOkResponse({ schema: RECORD_SCHEMA, description: 'The record as stored' })
  @ApiErrors(400, 409, 422)
  patch(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Param('id') id: string,
    @Body() body: unknown,
  ) {
    return this.writer.update(ctx, actor, table, id, body, 'patch');
  }

  @Delete('records/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RecordWriters()
  @ID_PARAM
  @ApiOperation({ summary: 'Delete a record (its history stays, and restore brings it back)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 409)
  async remove(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Param('id') id: string,
  ): Promise<void> {
    await this.writer.remove(ctx, actor, table, id);
  }

  @Get('records/:id/history')
  @RecordReaders()
  @ID_PARAM
  @ApiOperation({ summary: "A record's revisions, oldest first (a deleted record's too)" })
  @ApiOkResponse({ type: RevisionPageDto, description: 'One page of revisions' })
  @ApiErrors(400)
  async history(
    @Tenant() ctx: TenantContext,
    @Param('table') table: string,
    @Param('id') id: string,
    @Query() query: ListQueryDto,
    @Req() request: FastifyRequest,
  ) {
    const { count, results } = await this.reader.revisions(ctx, table, id, pageOffset(query), query.pageSize);
    return toPage(request, query, count, results);
  }

  @Post('records/:id/restore')
  @HttpCode(HttpStatus.OK)
  @RecordWriters()
  @ID_PARAM
  @ApiOperation({
    summary: 'Bring a record back as it was at a revision (a new revision; a deleted record comes back too)',
  })
  @ApiOkResponse({ type: RestoreResultDto, description: 'The restored record and the columns that no longer exist' })
  @ApiErrors(400, 409, 422)
  restore(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Param('id') id: string,
    @Body() body: RestoreRecordDto,
  ) {
    return this.writer.restore(ctx, actor, table, id, body.revision);
  }
}
