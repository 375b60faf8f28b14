import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Env } from '../config/env.schema';
import { ENV } from '../config/env.token';
import { JobDeliveries } from './job-deliveries';
import { JobEntity } from './job.entity';
import { JobOutbox } from './job-outbox';
import { JobsService } from './jobs.service';
import { RedisConnections, RedisConnectionsModule } from '../redis/redis-connections';

/** Bull's connection, with finished jobs kept in Redis for a bounded time only. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([JobEntity]),
    BullModule.forRootAsync({
      imports: [RedisConnectionsModule],
      inject: [ENV, RedisConnections],
      useFactory: (env: Env, connections: RedisConnections) => {
        const keepFor = { age: env.JOB_RETENTION_HOURS * 3600, count: 10_000 };
        return {
          prefix: env.QUEUE_PREFIX,
          // Bull's blocking and subscriber connections must never give up on a command.
          createClient: (type, options) =>
            connections.connect(
              `queue-${type}`,
              type === 'client' ? options : { ...options, maxRetriesPerRequest: null, enableReadyCheck: false },
            ),
          // A worker renews its lock while it runs a job; when it dies, the lock lapses and the
          // next stalled-job check (by any worker) puts the job back in the queue.
          settings: { lockDuration: env.QUEUE_LOCK_SECONDS * 1000, stalledInterval: env.QUEUE_LOCK_SECONDS * 1000 },
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
  providers: [JobsService, JobOutbox, JobDeliveries],
  exports: [JobsService, JobOutbox, JobDeliveries],
})
export class QueueModule {}
