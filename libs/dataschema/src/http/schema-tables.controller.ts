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
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SchemaTablesService } from '../service/schema-tables.service';
import { ChangeOptionsDto, DropQueryDto } from './dto/schema-request.dto';
import { SchemaResponseDto, TablePageDto, TableResponseDto } from './dto/schema-response.dto';
import { ColumnDto, CreateTableDto, UpdateTableDto } from './dto/table-request.dto';
import { versionResponse } from './schema-responses';
import { SchemaAdmins, SchemaReaders } from './schema-roles';

/** The body's own fields, without the change options and without the keys it did not send. */
function fieldsOf(dto: ChangeOptionsDto): Record<string, unknown> {
  const { message: _message, expectedVersion: _expected, ...rest } = dto;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
}

const CHANGE =
  'A new version, through the same validator, planner and runner as PUT schema; answers it like PUT does. ' +
  '400 names the field, 409 when `expectedVersion` is not current, 422 when stored rows block the change.';

@ApiTags('schema')
@Controller('tenants/:tenant/tables')
@ApiErrors(401, 403, 404)
export class SchemaTablesController {
  constructor(private readonly tables: SchemaTablesService) {}

  @Get()
  @SchemaReaders()
  @ApiOperation({ summary: 'The tables of the active definition' })
  @ApiOkResponse({ type: TablePageDto, description: 'One page of the tables of the active version' })
  @ApiErrors(400)
  async list(@Tenant() ctx: TenantContext, @Query() query: ListQueryDto, @Req() request: FastifyRequest) {
    const all = await this.tables.list(ctx);
    const offset = pageOffset(query);
    return toPage(request, query, all.length, all.slice(offset, offset + query.pageSize));
  }

  @Post()
  @SchemaAdmins()
  @ApiOperation({ summary: 'Create a table (admin)', description: CHANGE })
  @ApiCreatedResponse({ type: SchemaResponseDto, description: 'The new schema version, with the table' })
  @ApiErrors(400, 409, 422)
  async create(@Tenant() ctx: TenantContext, @Actor() actor: RequestActor, @Body() dto: CreateTableDto) {
    return versionResponse(await this.tables.createTable(ctx, actor, fieldsOf(dto), dto));
  }

  @Get(':table')
  @SchemaReaders()
  @ApiOperation({ summary: 'One table of the active definition' })
  @ApiOkResponse({ type: TableResponseDto, description: 'The table, with its columns, indexes and references' })
  get(@Tenant() ctx: TenantContext, @Param('table') table: string) {
    return this.tables.get(ctx, table);
  }

  @Patch(':table')
  @SchemaAdmins()
  @ApiOperation({ summary: 'Rename or describe a table (admin); a rename keeps the data', description: CHANGE })
  @ApiOkResponse({ type: SchemaResponseDto, description: 'The new schema version' })
  @ApiErrors(400, 409, 422)
  async update(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Body() dto: UpdateTableDto,
  ) {
    return versionResponse(await this.tables.updateTable(ctx, actor, table, fieldsOf(dto), dto));
  }

  @Delete(':table')
  @HttpCode(HttpStatus.NO_CONTENT)
  @SchemaAdmins()
  @ApiOperation({ summary: 'Drop a table (admin): it is set aside with its rows until purged', description: CHANGE })
  @ApiNoContentResponse({ description: 'Dropped (a new version)' })
  @ApiErrors(400, 409, 422)
  async remove(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Query() query: DropQueryDto,
  ): Promise<void> {
    await this.tables.dropTable(ctx, actor, table, query);
  }

  @Post(':table/columns')
  @SchemaAdmins()
  @ApiOperation({ summary: 'Add a column (admin)', description: CHANGE })
  @ApiCreatedResponse({ type: SchemaResponseDto, description: 'The new schema version, with the column' })
  @ApiErrors(400, 409, 422)
  async addColumn(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Body() dto: ColumnDto,
  ) {
    return versionResponse(await this.tables.addColumn(ctx, actor, table, fieldsOf(dto), dto));
  }

  @Patch(':table/columns/:column')
  @SchemaAdmins()
  @ApiOperation({
    summary: 'Change a column (admin): rename, type (with an explicit cast), options; null removes an option',
    description: CHANGE,
  })
  @ApiOkResponse({ type: SchemaResponseDto, description: 'The new schema version' })
  @ApiErrors(400, 409, 422)
  async updateColumn(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Param('column') column: string,
    @Body() dto: ColumnDto,
  ) {
    return versionResponse(await this.tables.updateColumn(ctx, actor, table, column, fieldsOf(dto), dto));
  }

  @Delete(':table/columns/:column')
  @HttpCode(HttpStatus.NO_CONTENT)
  @SchemaAdmins()
  @ApiOperation({ summary: 'Drop a column (admin): it is set aside with its values until purged', description: CHANGE })
  @ApiNoContentResponse({ description: 'Dropped (a new version)' })
  @ApiErrors(400, 409, 422)
  async dropColumn(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('table') table: string,
    @Param('column') column: string,
    @Query() query: DropQueryDto,
  ): Promise<void> {
    await this.tables.dropColumn(ctx, actor, table, column, query);
  }
}
