import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { JobEntity } from './job.entity';
import { JobsService } from './jobs.service';

/** Bull's connection, with finished jobs kept in Redis for a bounded time only. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([JobEntity]),
    BullModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => {
        const keepFor = { age: env.JOB_RETENTION_HOURS * 3600, count: 10_000 };
        return {
          url: env.REDIS_URL,
          prefix: env.QUEUE_PREFIX,
          defaultJobOptions: {
            attempts: 3,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: keepFor,
            removeOnFail: keepFor,
          },
        };
      },
    }),
  ],
  providers: [JobsService],
  exports: [JobsService],
})
export class QueueModule {}
