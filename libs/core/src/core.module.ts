import { DynamicModule, Module } from '@nestjs/common';
import { AccessCacheModule } from './auth/access-cache/access-cache.module';
import { CoreConfigModule } from './config/config.module';
import { Env } from './config/env.schema';
import { DatabaseModule } from './database/database.module';
import { QueueModule } from './jobs/queue.module';
import { LoggingModule } from './logging/logging.module';
import { FallbackModesModule } from './observability/health/fallback-modes';
import { RedisConnectionsModule } from './redis/redis-connections';

/** Config, logging, the database, Redis connections and the job queues: what every app needs first. */
@Module({})
export class CoreModule {
  static forRoot(env: Env): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        CoreConfigModule.forRoot(env),
        LoggingModule,
        DatabaseModule,
        RedisConnectionsModule,
        QueueModule,
        FallbackModesModule,
        AccessCacheModule,
      ],
      exports: [CoreConfigModule, DatabaseModule, QueueModule],
    };
  }
}
