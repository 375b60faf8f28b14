import {
  ApiErrors,
  ApiTenantParam,
  Page,
  PageDto,
  Tenant,
  TenantContext,
  TenantRole,
  TenantRoles,
  toPage,
} from '@app/core';
import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuditEntry } from './audit-entry';
import { auditCsvStream, auditNdjsonStream } from './audit-export';
import { AuditQueryService } from './audit-query.service';
import { AuditEntryDto, AuditVerifyResultDto } from './dto/audit-entry.dto';
import { AuditExportQueryDto, AuditListQueryDto } from './dto/audit-query.dto';
import { VerifyResult } from './audit-chain-verifier';

@ApiTags('audit')
@ApiTenantParam()
@Controller('tenants/:tenant/audit')
@TenantRoles(TenantRole.Admin, TenantRole.Auditor)
@ApiErrors(400, 401, 403, 404)
export class TenantAuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({ summary: "The tenant's audit entries, in chain order by default (admin or auditor)" })
  @ApiOkResponse({ type: PageDto(AuditEntryDto), description: 'One page of the tenant’s audit entries' })
  async list(
    @Tenant() ctx: TenantContext,
    @Query() query: AuditListQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<Page<AuditEntry>> {
    const { count, results } = await this.audit.list(ctx.tenantId, query);
    return toPage(request, query, count, results);
  }

  @Get('export')
  @ApiOperation({ summary: 'Streams the matching entries as CSV or NDJSON (admin or auditor)' })
  @ApiOkResponse({
    description: 'The entries as a file, streamed: CSV with a header row, or one JSON entry per line',
    content: {
      'text/csv': { schema: { type: 'string' } },
      'application/x-ndjson': { schema: { type: 'string' } },
    },
  })
  export(@Tenant() ctx: TenantContext, @Query() query: AuditExportQueryDto): StreamableFile {
    const entries = this.audit.stream(ctx.tenantId, query);
    const csv = query.format === 'csv';
    return new StreamableFile(csv ? auditCsvStream(entries) : auditNdjsonStream(entries), {
      type: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="audit-${ctx.slug}.${csv ? 'csv' : 'ndjson'}"`,
    });
  }

  @Get('verify')
  @ApiOperation({ summary: "Walks the tenant's hash chain and names the first broken entry (admin or auditor)" })
  @ApiOkResponse({ type: AuditVerifyResultDto, description: 'Whether the chain is intact, and its first broken entry' })
  verify(@Tenant() ctx: TenantContext): Promise<VerifyResult> {
    return this.audit.verify(ctx.tenantId);
  }
}
