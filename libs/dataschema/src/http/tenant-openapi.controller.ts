import { acceptsEncoding, ApiErrors, etagMatches, Tenant, type TenantContext } from '@app/core';
import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { TenantOpenApiDocuments } from '../openapi/tenant-openapi-documents';
import { SchemaReadService } from '../service/schema-read.service';
import { SchemaReaders } from './schema-roles';

const gunzipAsync = promisify(gunzip);

@ApiTags('schema')
@Controller('tenants/:tenant/openapi.json')
export class TenantOpenApiController {
  constructor(
    private readonly reader: SchemaReadService,
    private readonly documents: TenantOpenApiDocuments,
  ) {}

  @Get()
  @SchemaReaders()
  @ApiOperation({
    summary: "An OpenAPI 3 document of this tenant's record routes, typed from its active schema",
    description:
      'Rendered once per schema version. Carries an `ETag`: a request with `If-None-Match` answers 304 while the ' +
      'schema is unchanged. Sent gzip-compressed to clients that accept it (the document grows by about 60 KiB a table).',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The `ETag` of the copy the client holds' })
  @ApiOkResponse({
    schema: { type: 'object', additionalProperties: true },
    description: 'An OpenAPI 3 document of the tenant’s record routes',
  })
  @ApiResponse({ status: 304, description: 'The copy named by `If-None-Match` is current' })
  @ApiErrors(401, 403, 404)
  async document(
    @Tenant() ctx: TenantContext,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Headers('accept-encoding') acceptEncoding: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const document = await this.documents.get(ctx, await this.reader.active(ctx));
    void reply
      .header('etag', document.etag)
      .header('cache-control', 'private, no-cache')
      .header('vary', 'Accept-Encoding');
    if (etagMatches(ifNoneMatch, document.etag)) {
      void reply.code(304).send();
      return;
    }
    void reply.type('application/json; charset=utf-8');
    if (acceptsEncoding(acceptEncoding, 'gzip')) {
      void reply.header('content-encoding', 'gzip').send(document.gzip);
      return;
    }
    void reply.send(await gunzipAsync(document.gzip));
  }
}
