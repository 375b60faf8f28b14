import { ApiErrors, Page, PageDto, SuperadminOnly, toPage } from '@app/core';
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { VerifyResult } from './audit-chain-verifier';
import { AuditAnchor, AuditEntry } from './audit-entry';
import { AuditQueryService } from './audit-query.service';
import { anchorOf } from './audit-verify-anchor';
import { AuditAnchorsDto, AuditEntryDto, AuditVerifyResultDto } from './dto/audit-entry.dto';
import { AuditListQueryDto, AuditVerifyQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit')
@SuperadminOnly()
@ApiErrors(400, 401, 403)
export class PlatformAuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Platform events: users, tenants, logins (superadmin)' })
  @ApiOkResponse({ type: PageDto(AuditEntryDto), description: 'One page of platform audit entries' })
  async list(@Query() query: AuditListQueryDto, @Req() request: FastifyRequest): Promise<Page<AuditEntry>> {
    const { count, results } = await this.audit.list(null, query);
    return toPage(request, query, count, results);
  }

  @Get('verify')
  @ApiOperation({
    summary:
      "Walks the platform's chain (links, hashes, signatures, and the anchor if given) and names the first broken entry (superadmin)",
  })
  @ApiOkResponse({ type: AuditVerifyResultDto, description: 'Whether the chain is intact, and its first broken entry' })
  verify(@Query() query: AuditVerifyQueryDto): Promise<VerifyResult> {
    return this.audit.verify(null, anchorOf(query));
  }

  @Get('anchors')
  @ApiOperation({
    operationId: 'getAuditAnchors',
    summary: "The head of every chain: the platform's and every tenant's, deleted tenants' included (superadmin)",
  })
  @ApiOkResponse({ type: AuditAnchorsDto, description: 'The head of every chain' })
  async anchors(): Promise<{ results: AuditAnchor[] }> {
    return { results: await this.audit.allAnchors() };
  }
}
