import { Public } from '@app/core';
import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditPublicKey } from './audit-entry';
import { AuditQueryService } from './audit-query.service';
import { AuditKeysDto } from './dto/audit-entry.dto';

@ApiTags('audit')
@Controller('audit/keys')
@Public()
export class AuditKeysController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({
    summary:
      'The public keys the platform trusts for audit signatures (the current one and those listed in AUDIT_TRUSTED_PUBLIC_KEYS), to verify exports offline (no token)',
  })
  @ApiOkResponse({ type: AuditKeysDto, description: 'The trusted public keys' })
  async list(): Promise<{ results: AuditPublicKey[] }> {
    return { results: await this.audit.listKeys() };
  }
}
