import { badRequest, CoreErrorCode } from '@app/core';
import { Injectable, PipeTransform } from '@nestjs/common';
import { chainTenantId, PLATFORM_CHAIN } from './audit-chain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `:chain` -> the chain's tenant id (null for `platform`); anything else is a 400. */
@Injectable()
export class ChainParamPipe implements PipeTransform<string, string | null> {
  transform(value: string): string | null {
    const chain = value.toLowerCase();
    if (chain !== PLATFORM_CHAIN && !UUID.test(chain)) {
      throw badRequest(CoreErrorCode.VALIDATION_FAILED, 'Validation failed', [
        { field: 'chain', message: 'must be platform or a tenant id (uuid)' },
      ]);
    }
    return chainTenantId(chain);
  }
}
