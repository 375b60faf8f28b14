import {
  Actor,
  ApiErrors,
  ListQueryDto,
  RequestActor,
  Tenant,
  TenantContext,
  TenantRole,
  TenantRoles,
  toPage,
} from '@app/core';
import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AddMemberDto } from './dto/add-member.dto';
import { MemberResponseDto } from './dto/member-response.dto';
import { MemberPageDto } from './dto/tenant-pages.dto';
import { UpdateMemberDto } from './dto/update-member.dto';
import { MembersService } from './members.service';

const USER_PARAM = { name: 'userId', format: 'uuid', description: 'The member’s user id' };

@ApiTags('tenant members')
@ApiBearerAuth()
@TenantRoles(TenantRole.Admin)
@Controller('tenants/:tenant/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOperation({ summary: 'List the tenant’s members', description: 'Tenant admin.' })
  @ApiOkResponse({ type: MemberPageDto, description: 'One page of members' })
  @ApiErrors(400, 401, 403, 404)
  async list(@Tenant() ctx: TenantContext, @Query() query: ListQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.members.list(ctx, query);
    return toPage(request, query, count, results);
  }

  @Post()
  @ApiOperation({
    summary: 'Add a member',
    description: 'Tenant admin. 422 USER_NOT_FOUND when no user has the email; 409 ALREADY_MEMBER.',
  })
  @ApiCreatedResponse({ type: MemberResponseDto, description: 'The new membership' })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  add(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Body() dto: AddMemberDto,
  ): Promise<MemberResponseDto> {
    return this.members.add(ctx, actor, dto);
  }

  @Patch(':userId')
  @ApiOperation({
    summary: 'Change a member’s role',
    description: 'Tenant admin. 409 LAST_ADMIN when it would leave the tenant without an admin.',
  })
  @ApiParam(USER_PARAM)
  @ApiOkResponse({ type: MemberResponseDto, description: 'The membership with its new role' })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Param('userId') userId: string,
    @Body() dto: UpdateMemberDto,
  ): Promise<MemberResponseDto> {
    return this.members.updateRole(ctx, actor, userId, dto);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Remove a member',
    description: 'Tenant admin. 409 LAST_ADMIN when it would leave the tenant without an admin.',
  })
  @ApiParam(USER_PARAM)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(401, 403, 404, 409)
  remove(@Tenant() ctx: TenantContext, @Actor() actor: RequestActor, @Param('userId') userId: string): Promise<void> {
    return this.members.remove(ctx, actor, userId);
  }
}
