import { ApiErrors, Tenant, type TenantContext } from '@app/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { tenantOpenApi } from '../openapi/tenant-openapi';
import { SchemaReadService } from '../service/schema-read.service';
import { SchemaReaders } from './schema-roles';

@ApiTags('schema')
@Controller('tenants/:tenant/openapi.json')
export class TenantOpenApiController {
  constructor(private readonly reader: SchemaReadService) {}

  @Get()
  @SchemaReaders()
  @ApiOperation({ summary: "An OpenAPI 3 document of this tenant's record routes, typed from its active schema" })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: true },
    description: 'An OpenAPI 3 document of the tenant’s record routes',
  })
  @ApiErrors(401, 403, 404)
  async document(@Tenant() ctx: TenantContext) {
    return tenantOpenApi(ctx, await this.reader.active(ctx));
  }
}
