import { Actor, ApiErrors, Page, PageDto, type RequestActor, SuperadminOnly, toPage } from '@app/core';
import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { VerifyResult } from './audit-chain-verifier';
import { AuditEntry } from './audit-entry';
import { AuditExportService } from './audit-export.service';
import { ApiAuditFileResponse, auditFile } from './audit-file';
import { AuditQueryService } from './audit-query.service';
import { anchorOf } from './audit-verify-anchor';
import { AuditEntryDto, AuditVerifyResultDto } from './dto/audit-entry.dto';
import { AuditExportQueryDto, AuditListQueryDto, AuditVerifyQueryDto } from './dto/audit-query.dto';
import { ChainParamPipe } from './chain-param.pipe';

const CHAIN_PARAM = ApiParam({
  name: 'chain',
  type: String,
  example: 'platform',
  description: "`platform`, or a tenant id (uuid); a deleted tenant's chain stays here (see GET /api/audit/anchors)",
});

/**
 * Any chain by name, for the superadmin: the way to a deleted tenant's chain, whose `:tenant`
 * routes are gone with the tenant.
 */
@ApiTags('audit')
@Controller('audit/chains/:chain')
@SuperadminOnly()
@ApiErrors(400, 401, 403)
export class AuditChainsController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly exports: AuditExportService,
  ) {}

  @Get()
  @CHAIN_PARAM
  @ApiOperation({ operationId: 'listAuditChain', summary: "One chain's entries, a deleted tenant's too (superadmin)" })
  @ApiOkResponse({ type: PageDto(AuditEntryDto), description: "One page of the chain's entries" })
  async list(
    @Param('chain', ChainParamPipe) tenantId: string | null,
    @Query() query: AuditListQueryDto,
    @Req() request: FastifyRequest,
  ): Promise<Page<AuditEntry>> {
    const { count, results } = await this.audit.list(tenantId, query);
    return toPage(request, query, count, results);
  }

  @Get('export')
  @CHAIN_PARAM
  @ApiOperation({
    operationId: 'exportAuditChain',
    summary: 'Streams one chain as CSV or NDJSON, and records an audit.export entry on it (superadmin)',
  })
  @ApiAuditFileResponse()
  async export(
    @Param('chain', ChainParamPipe) tenantId: string | null,
    @Actor() actor: RequestActor,
    @Query() query: AuditExportQueryDto,
  ): Promise<StreamableFile> {
    const { format, ...filter } = query;
    return auditFile(await this.exports.export(actor, tenantId, format, filter), format, tenantId ?? 'platform');
  }

  @Get('verify')
  @CHAIN_PARAM
  @ApiOperation({
    operationId: 'verifyAuditChain',
    summary: "Verifies one chain, a deleted tenant's too, like the tenant route (superadmin)",
  })
  @ApiOkResponse({ type: AuditVerifyResultDto, description: 'Whether the chain is intact, and its first broken entry' })
  verify(
    @Param('chain', ChainParamPipe) tenantId: string | null,
    @Query() query: AuditVerifyQueryDto,
  ): Promise<VerifyResult> {
    return this.audit.verify(tenantId, anchorOf(query));
  }
}
