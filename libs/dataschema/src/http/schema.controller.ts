import {
  Actor,
  ApiErrors,
  DocumentBody,
  ListQueryDto,
  pageOffset,
  type RequestActor,
  Tenant,
  type TenantContext,
  toPage,
} from '@app/core';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
  Req,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { exportMermaid } from '../export/export-mermaid';
import { exportSql } from '../export/export-sql';
import { SchemaChangeService } from '../service/schema-change.service';
import { SchemaHistoryService } from '../service/schema-history.service';
import { SchemaReadService } from '../service/schema-read.service';
import {
  DiffQueryDto,
  ExportQueryDto,
  PlanSchemaDto,
  PurgeDto,
  PutSchemaDto,
  RollbackDto,
  VersionsQueryDto,
} from './dto/schema-request.dto';
import {
  DiffResponseDto,
  DriftResponseDto,
  PlanResponseDto,
  PurgeResponseDto,
  RetainedPageDto,
  SchemaResponseDto,
  VersionDetailDto,
  VersionPageDto,
} from './dto/schema-response.dto';
import { schemaResponse, versionDetail, versionListItem, versionResponse } from './schema-responses';
import { SchemaAdmins, SchemaReaders } from './schema-roles';

const EXPORT_TYPES = {
  json: { type: 'application/json; charset=utf-8', extension: 'json' },
  sql: { type: 'application/sql; charset=utf-8', extension: 'sql' },
  mermaid: { type: 'text/vnd.mermaid; charset=utf-8', extension: 'mmd' },
} as const;

@ApiTags('schema')
@Controller('tenants/:tenant/schema')
@ApiErrors(401, 403, 404)
export class SchemaController {
  constructor(
    private readonly reader: SchemaReadService,
    private readonly changes: SchemaChangeService,
    private readonly history: SchemaHistoryService,
  ) {}

  @Get()
  @SchemaReaders()
  @ApiOperation({ summary: 'The active schema definition (version 0 with no tables at first)' })
  @ApiOkResponse({ type: SchemaResponseDto, description: 'The active version and its definition' })
  async get(@Tenant() ctx: TenantContext) {
    return schemaResponse(await this.reader.active(ctx));
  }

  @Put()
  @SchemaAdmins()
  @ApiOperation({
    summary: 'Replace the definition: a new version (admin)',
    description:
      'Validates, plans and applies in one transaction under the tenant lock. 400 VALIDATION_FAILED names every ' +
      'problem; 409 SCHEMA_VERSION_CONFLICT when `expectedVersion` is not current; 422 SCHEMA_CHANGE_REFUSED when ' +
      'stored rows block the change (names how many and a few). A definition equal to the current one makes no version.',
  })
  @ApiOkResponse({
    type: SchemaResponseDto,
    description: 'The new active version (or the current one when nothing changed)',
  })
  @ApiBody({ type: PutSchemaDto })
  @ApiErrors(400, 409, 422)
  async put(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @DocumentBody(PutSchemaDto, 'definition') dto: PutSchemaDto,
  ) {
    const version = await this.changes.apply(ctx, actor, {
      next: () => dto.definition,
      expectedVersion: dto.expectedVersion,
      message: dto.message,
      field: (path) => `definition.${path}`,
    });
    return versionResponse(version);
  }

  @Post('plan')
  @HttpCode(HttpStatus.OK)
  @SchemaAdmins()
  @ApiOperation({ summary: 'Dry run: the operations and SQL a definition would make; changes nothing (admin)' })
  @ApiOkResponse({ type: PlanResponseDto, description: 'What the change would do, changing nothing' })
  @ApiBody({ type: PlanSchemaDto })
  @ApiErrors(400)
  plan(@Tenant() ctx: TenantContext, @DocumentBody(PlanSchemaDto, 'definition') dto: PlanSchemaDto) {
    return this.changes.dryRun(ctx, dto.definition);
  }

  @Get('versions')
  @SchemaReaders()
  @ApiOperation({ summary: 'Versions, newest first' })
  @ApiOkResponse({ type: VersionPageDto, description: 'One page of versions, newest first' })
  @ApiErrors(400)
  async versions(@Tenant() ctx: TenantContext, @Query() query: VersionsQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.reader.page(ctx, pageOffset(query), query.pageSize);
    return toPage(request, query, count, results.map(versionListItem));
  }

  @Get('versions/:version')
  @SchemaReaders()
  @ApiOperation({ summary: 'One version: its definition and its migration (operations, up and down SQL)' })
  @ApiOkResponse({ type: VersionDetailDto, description: 'The version, with its migration' })
  @ApiErrors(400)
  async version(@Tenant() ctx: TenantContext, @Param('version', ParseIntPipe) version: number) {
    return versionDetail(await this.reader.version(ctx, version));
  }

  @Get('diff')
  @SchemaReaders()
  @ApiOperation({ summary: 'The operations and SQL from version `from` to version `to` (0 is the empty schema)' })
  @ApiOkResponse({ type: DiffResponseDto, description: 'The operations and SQL between the two versions' })
  @ApiErrors(400)
  diff(@Tenant() ctx: TenantContext, @Query() query: DiffQueryDto) {
    return this.reader.diff(ctx, query.from, query.to);
  }

  @Post('rollback')
  @SchemaAdmins()
  @ApiOperation({
    summary: "A new version whose definition equals `toVersion`'s; data set aside since comes back (admin)",
  })
  @ApiCreatedResponse({ type: SchemaResponseDto, description: 'The new version, whose definition equals the target’s' })
  @ApiErrors(400, 409, 422)
  async rollback(@Tenant() ctx: TenantContext, @Actor() actor: RequestActor, @Body() dto: RollbackDto) {
    return versionResponse(await this.history.rollback(ctx, actor, dto.toVersion, dto));
  }

  @Get('export')
  @SchemaReaders()
  @ApiOperation({ summary: 'The active definition as a file: JSON, SQL DDL or a Mermaid ER diagram' })
  @ApiProduces('application/json', 'application/sql', 'text/vnd.mermaid')
  @ApiOkResponse({ description: 'The file' })
  @ApiErrors(400)
  async export(@Tenant() ctx: TenantContext, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    const { version, definition } = await this.reader.active(ctx);
    const text =
      query.format === 'sql'
        ? exportSql(definition, ctx.schemaName)
        : query.format === 'mermaid'
          ? exportMermaid(definition)
          : `${JSON.stringify(definition, null, 2)}\n`;
    const { type, extension } = EXPORT_TYPES[query.format];
    return new StreamableFile(Buffer.from(text, 'utf8'), {
      type,
      disposition: `attachment; filename="schema-${ctx.slug}-v${version}.${extension}"`,
    });
  }

  @Get('drift')
  @SchemaAdmins()
  @ApiOperation({ summary: 'Every difference between the live catalog and what the active version generates (admin)' })
  @ApiOkResponse({
    type: DriftResponseDto,
    description: 'Every difference between the live catalog and the active version',
  })
  drift(@Tenant() ctx: TenantContext) {
    return this.reader.drift(ctx);
  }

  @Get('retained')
  @SchemaAdmins()
  @ApiOperation({ summary: 'Tables and columns set aside by drops, with the rows they hold (admin)' })
  @ApiOkResponse({ type: RetainedPageDto, description: 'One page of the set-aside columns and tables' })
  @ApiErrors(400)
  async retained(@Tenant() ctx: TenantContext, @Query() query: ListQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.reader.retained(ctx, pageOffset(query), query.pageSize);
    return toPage(request, query, count, results);
  }

  @Post('purge')
  @HttpCode(HttpStatus.OK)
  @SchemaAdmins()
  @ApiOperation({
    summary: 'Destroys set-aside items for good; a rollback can no longer bring them back (admin)',
  })
  @ApiOkResponse({ type: PurgeResponseDto, description: 'What was purged' })
  @ApiErrors(400)
  purge(@Tenant() ctx: TenantContext, @Actor() actor: RequestActor, @Body() dto: PurgeDto) {
    return this.history.purge(ctx, actor, dto.ids);
  }
}
