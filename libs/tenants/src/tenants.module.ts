import { TENANT_ACCESS_RESOLVER } from '@app/core';
import { Global, Module } from '@nestjs/common';

// PLACEHOLDER resolver: replaced by the tenants work.
@Global()
@Module({
  providers: [
    {
      provide: TENANT_ACCESS_RESOLVER,
      useValue: { resolve: async () => null },
    },
  ],
  exports: [TENANT_ACCESS_RESOLVER],
})
export class TenantsModule {}
