import { Actor, ApiErrors, Authenticated, FastRead, PageDto, RequestActor, SuperadminOnly, toPage } from '@app/core';
import {
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
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ActiveCountResponseDto } from './dto/active-count-response.dto';
import { CreateUserDto } from './dto/create-user.dto';
import { ListUsersQueryDto } from './dto/list-users-query.dto';
import { listUsersQuery } from './dto/list-users-query';
import { ReplaceUserDto } from './dto/replace-user.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserResponseDto } from './dto/user-response.dto';
import { UsersService } from './users.service';

const UserPageDto = PageDto(UserResponseDto);

const ID_PARAM = ApiParam({
  name: 'id',
  format: 'uuid',
  description: 'The user id. A malformed id is a 404 USER_NOT_FOUND, like an unknown one.',
});

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @SuperadminOnly()
  @FastRead(async (request) => [await listUsersQuery(request), request])
  @ApiOperation({ summary: 'List users (superadmin)', description: 'Unknown `ordering` fields are a 400 naming them.' })
  @ApiOkResponse({ type: UserPageDto, description: 'One page of users' })
  @ApiErrors(400, 401, 403)
  async list(@Query() query: ListUsersQueryDto, @Req() request: FastifyRequest) {
    const { count, results } = await this.users.list(query);
    return toPage(request, query, count, results);
  }

  @Post()
  @SuperadminOnly()
  @ApiOperation({
    summary: 'Create a user (superadmin)',
    description: 'Queues a welcome mail. A taken username or email is a 409 UNIQUE_VIOLATION naming the field.',
  })
  @ApiCreatedResponse({ type: UserResponseDto, description: 'The new user' })
  @ApiErrors(400, 401, 403, 409, 503)
  create(@Body() dto: CreateUserDto, @Actor() actor: RequestActor) {
    return this.users.create(actor, dto);
  }

  @Get('active_count')
  @SuperadminOnly()
  @ApiOperation({ summary: 'Number of active users (superadmin)' })
  @ApiOkResponse({ type: ActiveCountResponseDto, description: 'How many users are active' })
  @ApiErrors(401, 403)
  activeCount() {
    return this.users.activeCount();
  }

  @Get(':id')
  @Authenticated()
  @ID_PARAM
  @ApiOperation({ summary: 'One user', description: 'A non-superadmin may read only themself; other ids are 404.' })
  @ApiOkResponse({ type: UserResponseDto, description: 'The user' })
  @ApiErrors(401, 404)
  get(@Param('id') id: string, @Actor() actor: RequestActor) {
    return this.users.get(actor, id);
  }

  @Put(':id')
  @Authenticated()
  @ID_PARAM
  @ApiOperation({
    summary: 'Replace a user (superadmin)',
    description:
      'Absent optional fields are reset (text to empty, isActive to true); the password is kept when absent. ' +
      'A new password or a deactivation revokes every refresh token of the user. Changing your own email or ' +
      'password needs `currentPassword` (400 without it, 401 INVALID_CREDENTIALS when wrong); setting someone ' +
      "else's password is audited as `user.password.reset`.",
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The user as replaced' })
  @ApiErrors(400, 401, 403, 404, 409, 429, 503)
  replace(@Param('id') id: string, @Body() dto: ReplaceUserDto, @Actor() actor: RequestActor) {
    return this.users.replace(actor, id, dto);
  }

  @Patch(':id')
  @Authenticated()
  @ID_PARAM
  @ApiOperation({
    summary: 'Change some fields of a user',
    description:
      'A non-superadmin may patch only themself and not `isActive` (403). A new password or a deactivation ' +
      'revokes every refresh token of the user. Changing your own email or password needs `currentPassword` ' +
      '(400 without it, 401 INVALID_CREDENTIALS when wrong); a superadmin setting someone else’s password needs ' +
      'none, and it is audited as `user.password.reset`.',
  })
  @ApiOkResponse({ type: UserResponseDto, description: 'The user after the change' })
  @ApiErrors(400, 401, 403, 404, 409, 429, 503)
  update(@Param('id') id: string, @Body() dto: UpdateUserDto, @Actor() actor: RequestActor) {
    return this.users.update(actor, id, dto);
  }

  @Delete(':id')
  @Authenticated()
  @ID_PARAM
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a user (superadmin)',
    description:
      '409 LAST_ADMIN when the user is the only admin of a tenant; 409 CANNOT_DELETE_SELF for your own account.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(401, 403, 404, 409)
  async remove(@Param('id') id: string, @Actor() actor: RequestActor) {
    await this.users.remove(actor, id);
  }
}
