import {
  Actor,
  ApiErrors,
  Page,
  PageDto,
  type RequestActor,
  Tenant,
  TenantContext,
  TenantRole,
  TenantRoles,
  toPage,
} from '@app/core';
import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { VerifyResult } from './audit-chain-verifier';
import { AuditAnchor, AuditEntry } from './audit-entry';
import { AuditExportService } from './audit-export.service';
import { ApiAuditFileResponse, auditFile } from './audit-file';
import { AuditQueryService } from './audit-query.service';
import { anchorOf } from './audit-verify-anchor';
import { AuditAnchorsDto, AuditEntryDto, AuditVerifyResultDto } from './dto/audit-entry.dto';
import { AuditExportQueryDto, AuditListQueryDto, AuditVerifyQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('tenants/:tenant/audit')
@TenantRoles(TenantRole.Admin, TenantRole.Auditor)
@ApiErrors(400, 401, 403, 404)
export class TenantAuditController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly exports: AuditExportService,
  ) {}

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
  @ApiOperation({
    summary: 'Streams the matching entries as CSV or NDJSON, and records an audit.export entry (admin or auditor)',
  })
  @ApiAuditFileResponse()
  async export(
    @Tenant() ctx: TenantContext,
    @Actor() actor: RequestActor,
    @Query() query: AuditExportQueryDto,
  ): Promise<StreamableFile> {
    const { format, ...filter } = query;
    return auditFile(await this.exports.export(actor, ctx.tenantId, format, filter), format, ctx.slug);
  }

  @Get('verify')
  @ApiOperation({
    summary:
      "Walks the tenant's chain (links, hashes, signatures, and the anchor if given) and names the first broken entry (admin or auditor)",
  })
  @ApiOkResponse({ type: AuditVerifyResultDto, description: 'Whether the chain is intact, and its first broken entry' })
  verify(@Tenant() ctx: TenantContext, @Query() query: AuditVerifyQueryDto): Promise<VerifyResult> {
    return this.audit.verify(ctx.tenantId, anchorOf(query));
  }

  @Get('anchors')
  @ApiOperation({
    operationId: 'getTenantAuditAnchors',
    summary: "The tenant chain's current head, to record outside the database (admin or auditor)",
  })
  @ApiOkResponse({ type: AuditAnchorsDto, description: "The tenant chain's head" })
  async anchors(@Tenant() ctx: TenantContext): Promise<{ results: AuditAnchor[] }> {
    return { results: await this.audit.anchor(ctx.tenantId) };
  }
}
