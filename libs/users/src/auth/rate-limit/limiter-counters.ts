import { Env, FallbackModes, InjectEnv, RedisConnections, withTimeout } from '@app/core';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { CounterStore, WindowCount } from './counter-store';
import { MemoryCounterStore } from './memory-counter-store';
import { RedisCounterStore } from './redis-counter-store';

/** The name `/health/ready` shows for this fallback. */
export const LOGIN_LIMITER_HEALTH = 'loginRateLimit';
const CONNECT_WAIT_MS = 1000;
const FALLBACK_REASON = 'the shared counters (Redis) are unreachable; login limits are counted per process';

/**
 * The rate-limit counters: in Redis, so the limits hold across API instances; while Redis is
 * unreachable, in this process instead, so login keeps working (and keeps being limited) rather
 * than failing. Each switch is logged, and readiness reports the fallback while it lasts.
 */
@Injectable()
export class LimiterCounters implements CounterStore, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LimiterCounters.name);
  private readonly client: Redis;
  private readonly shared: RedisCounterStore;
  private readonly local = new MemoryCounterStore();
  private inFallback = false;

  constructor(
    @InjectEnv() env: Env,
    private readonly fallbacks: FallbackModes,
    connections: RedisConnections,
  ) {
    this.client = connections.connect('rate-limit', {
      keyPrefix: `${env.QUEUE_PREFIX}:ratelimit:`,
      lazyConnect: true,
      // Never queue a command while disconnected, never wait long: the fallback answers instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.shared = new RedisCounterStore(this.client);
    this.client.on('ready', () => this.useShared());
    this.client.on('close', () => this.useLocal());
    // Failures surface through `useLocal`; without a listener ioredis would print each reconnect error.
    this.client.on('error', () => undefined);
    this.fallbacks.set(LOGIN_LIMITER_HEALTH, null);
  }

  /** Waits a moment for Redis, so the first logins are counted where they belong; never fails start-up. */
  async onModuleInit(): Promise<void> {
    await withTimeout(this.client.connect(), CONNECT_WAIT_MS, 'Redis connect').catch(() => this.useLocal());
  }

  onModuleDestroy(): void {
    this.client.removeAllListeners('close');
    this.client.disconnect();
  }

  hit(key: string, windowMs: number): Promise<WindowCount> {
    return this.withFallback((store) => store.hit(key, windowMs));
  }

  peek(key: string): Promise<WindowCount> {
    return this.withFallback((store) => store.peek(key));
  }

  private async withFallback(operation: (store: CounterStore) => Promise<WindowCount>): Promise<WindowCount> {
    if (this.client.status !== 'ready') {
      this.useLocal();
      return operation(this.local);
    }
    try {
      return await operation(this.shared);
    } catch {
      this.useLocal();
      return operation(this.local);
    }
  }

  private useLocal(): void {
    if (this.inFallback) return;
    this.inFallback = true;
    this.fallbacks.set(LOGIN_LIMITER_HEALTH, FALLBACK_REASON);
    this.logger.warn(`Login rate limits: ${FALLBACK_REASON}`);
  }

  private useShared(): void {
    if (!this.inFallback) return;
    this.inFallback = false;
    this.fallbacks.set(LOGIN_LIMITER_HEALTH, null);
    this.logger.log('Login rate limits are shared again: Redis is reachable');
  }
}
