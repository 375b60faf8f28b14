import { ApiErrors, Page, PageDto, SuperadminOnly, toPage } from '@app/core';
import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { VerifyResult } from './audit-chain-verifier';
import { AuditEntry } from './audit-entry';
import { AuditQueryService } from './audit-query.service';
import { AuditEntryDto, AuditVerifyResultDto } from './dto/audit-entry.dto';
import { AuditListQueryDto } from './dto/audit-query.dto';

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
  @ApiOperation({ summary: "Walks the platform's hash chain and names the first broken entry (superadmin)" })
  @ApiOkResponse({ type: AuditVerifyResultDto, description: 'Whether the chain is intact, and its first broken entry' })
  verify(): Promise<VerifyResult> {
    return this.audit.verify(null);
  }
}
