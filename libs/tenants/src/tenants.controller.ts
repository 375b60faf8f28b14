import {
  Actor,
  ApiErrors,
  ApiTenantParam,
  Authenticated,
  AuthUser,
  CurrentUser,
  FastRead,
  RequestActor,
  SuperadminOnly,
  Tenant,
  TenantContext,
  tenantOf,
  TenantRole,
  TenantRoles,
  toPage,
} from '@app/core';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CreateTenantDto } from './dto/create-tenant.dto';
import { DeleteTenantQueryDto } from './dto/delete-tenant-query.dto';
import { ListTenantsQueryDto } from './dto/list-tenants-query.dto';
import { TenantPageDto } from './dto/tenant-pages.dto';
import { TenantResponseDto } from './dto/tenant-response.dto';
import { UpdateTenantDto } from './dto/update-tenant.dto';
import { TenantsService } from './tenants.service';

@ApiTags('tenants')
@ApiBearerAuth()
@Controller('tenants')
export class TenantsController {
  constructor(private readonly tenants: TenantsService) {}

  @Post()
  @SuperadminOnly()
  @ApiOperation({
    summary: 'Create a tenant and its schema',
    description:
      'Superadmin. Creates the row, the schema `tenant_<slug>` with its system tables and, with `adminEmail`, ' +
      'its first admin, all in one transaction. 409 UNIQUE_VIOLATION when the slug is taken; 422 USER_NOT_FOUND ' +
      'when no user has `adminEmail` (then nothing is created).',
  })
  @ApiCreatedResponse({ type: TenantResponseDto, description: 'The new tenant' })
  @ApiErrors(400, 401, 403, 409, 422)
  create(@Actor() actor: RequestActor, @Body() dto: CreateTenantDto): Promise<TenantResponseDto> {
    return this.tenants.create(actor, dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'List tenants',
    description: 'A superadmin sees every tenant; anyone else the tenants they are a member of.',
  })
  @ApiOkResponse({ type: TenantPageDto, description: 'One page of tenants' })
  @ApiErrors(400, 401)
  async list(@CurrentUser() user: AuthUser, @Query() query: ListTenantsQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.tenants.list(user, query);
    return toPage(request, query, count, results);
  }

  @Get(':tenant')
  @TenantRoles(TenantRole.Admin, TenantRole.Editor, TenantRole.Viewer, TenantRole.Auditor)
  @FastRead((request) => [tenantOf(request)])
  @ApiOperation({ summary: 'Get a tenant', description: 'Any member, or a superadmin.' })
  @ApiOkResponse({ type: TenantResponseDto, description: 'The tenant' })
  @ApiErrors(401, 404)
  get(@Tenant() ctx: TenantContext): Promise<TenantResponseDto> {
    return this.tenants.get(ctx);
  }

  @Patch(':tenant')
  @TenantRoles(TenantRole.Admin)
  @ApiOperation({ summary: 'Rename or describe a tenant', description: 'Tenant admin. The slug cannot change.' })
  @ApiOkResponse({ type: TenantResponseDto, description: 'The tenant after the change' })
  @ApiErrors(400, 401, 403, 404)
  update(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Body() dto: UpdateTenantDto,
  ): Promise<TenantResponseDto> {
    return this.tenants.update(ctx, actor, dto);
  }

  @Delete(':tenant')
  // A member gets 403; anyone else 404, as on every :tenant route.
  @SuperadminOnly()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a tenant with all its data',
    description:
      'Superadmin only. Drops the tenant’s schema and row. 400 CONFIRMATION_REQUIRED unless `confirm` equals the slug.',
  })
  @ApiTenantParam()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 401, 403, 404, 409)
  remove(
    @Tenant() ctx: TenantContext,
    @Query() query: DeleteTenantQueryDto,
    @Actor() actor: RequestActor,
  ): Promise<void> {
    return this.tenants.remove(ctx, actor, query.confirm);
  }
}
