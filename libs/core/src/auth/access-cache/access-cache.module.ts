import { Global, Module } from '@nestjs/common';
import { AccessCacheVersion } from './access-cache-version';
import { AccessChanges } from './access-changes';

/** The shared version behind the per-process access caches, and the hook that bumps it. */
@Global()
@Module({
  providers: [AccessCacheVersion, AccessChanges],
  exports: [AccessCacheVersion, AccessChanges],
})
export class AccessCacheModule {}
