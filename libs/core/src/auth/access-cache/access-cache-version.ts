import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { withTimeout } from '../../async/with-timeout';
import { Env } from '../../config/env.schema';
import { InjectEnv } from '../../config/env.token';
import { RedisConnections } from '../../redis/redis-connections';

const CONNECT_WAIT_MS = 1000;

/**
 * The version of everything authentication and tenant access read (users' active and superadmin
 * flags, memberships, tenants), shared by every process through one Redis counter. A change bumps
 * it after its commit; a cached entry is good only while the version it was read under is current,
 * so the next request on any instance sees the change. One GET per lookup (auto-pipelined).
 * While Redis is unreachable there is no version: callers read the database instead.
 */
@Injectable()
export class AccessCacheVersion implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessCacheVersion.name);
  private readonly client: Redis;
  private readonly key: string;
  private readonly clearListeners: Array<() => void> = [];

  constructor(@InjectEnv() env: Env, connections: RedisConnections) {
    this.key = `${env.QUEUE_PREFIX}:access-cache:version`;
    this.client = connections.connect('access-cache', {
      lazyConnect: true,
      // Never queue a command while disconnected, never wait long: the database answers instead.
      enableOfflineQueue: false,
      enableAutoPipelining: true,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 250,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Bumps missed while disconnected (or a restarted Redis counting from 0 again) must not revive old entries.
    this.client.on('close', () => this.clearLocal());
    this.client.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    await withTimeout(this.client.connect(), CONNECT_WAIT_MS, 'Redis connect').catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }

  /** Registers a cache to empty whenever the version cannot be trusted any more. */
  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }

  /** The current version, or null when Redis cannot say (then nothing may be served from a cache). */
  async current(): Promise<string | null> {
    if (this.client.status !== 'ready') return null;
    try {
      return (await this.client.get(this.key)) ?? '0';
    } catch {
      return null;
    }
  }

  /** Call after the commit of a change: every process's cached entries stop being served. */
  async bump(): Promise<void> {
    this.clearLocal();
    try {
      if (this.client.status !== 'ready') throw new Error(`Redis is ${this.client.status}`);
      await this.client.incr(this.key);
    } catch (error) {
      // Other instances that still reach Redis keep their entries until the TTL ends them.
      this.logger.warn(`Access cache version not bumped: ${(error as Error).message}`);
    }
  }

  private clearLocal(): void {
    for (const clear of this.clearListeners) clear();
  }
}
