import { ApiErrors, Authenticated, ListQueryDto, PageDto, pageOffset, toPage } from '@app/core';
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { SCHEMA_TEMPLATES } from '../templates/schema-templates';
import { SchemaTemplateDto } from './dto/schema-response.dto';

class SchemaTemplatePageDto extends PageDto(SchemaTemplateDto) {}

@ApiTags('schema')
@Controller('schema-templates')
export class SchemaTemplatesController {
  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Built-in starting schemas (CRM, inventory); PUT one as a tenant’s definition to start from it',
  })
  @ApiOkResponse({ type: SchemaTemplatePageDto, description: 'The built-in starting schemas' })
  @ApiErrors(400, 401)
  list(@Query() query: ListQueryDto, @Req() request: FastifyRequest) {
    const offset = pageOffset(query);
    return toPage(request, query, SCHEMA_TEMPLATES.length, SCHEMA_TEMPLATES.slice(offset, offset + query.pageSize));
  }
}
