import { HealthIndicatorService } from '@nestjs/terminus';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type Redis from 'ioredis';
import { withTimeout } from '../../async/with-timeout';
import { RedisConnections } from '../../redis/redis-connections';

/**
 * Pings Redis through a client of its own that never queues commands while disconnected, so a
 * Redis that is down makes the check fail at once instead of hanging; it reconnects in the background.
 */
@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    connections: RedisConnections,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.client = connections.connect('health', {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Failures are reported by the check itself; without a listener ioredis would print each one.
    this.client.on('error', () => undefined);
  }

  async pingCheck<const Key extends string>(key: Key, timeoutMs: number) {
    const check = this.indicator.check(key);
    try {
      if (this.client.status === 'wait') await withTimeout(this.client.connect(), timeoutMs, 'Redis connect');
      await withTimeout(this.client.ping(), timeoutMs, 'Redis ping');
      return check.up();
    } catch (error) {
      return check.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
