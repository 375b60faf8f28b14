import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { withTimeout } from '../../async/with-timeout';
import { Env } from '../../config/env.schema';
import { InjectEnv } from '../../config/env.token';
import { RedisConnections } from '../../redis/redis-connections';

const CONNECT_WAIT_MS = 1000;

/**
 * The shared versions behind the per-process caches, as read from Redis at one moment. Null: Redis
 * could not say, so nothing may be served from a cache.
 */
export interface CacheVersions {
  /** Users' active and superadmin flags, memberships, tenants: bumped by every change of them. */
  readonly access: string | null;
  /** Bumped by every committed schema version of any tenant (each tenant also has its own stamp). */
  readonly schema: string | null;
}

export const UNKNOWN_CACHE_VERSIONS: CacheVersions = Object.freeze({ access: null, schema: null });

export type CacheVersionKind = keyof CacheVersions;

/**
 * The versions of everything the per-process caches hold, shared by every process through Redis
 * counters. A change bumps its counter after its commit; a cached entry is good only while the
 * version it was read under is still current, so the next request on any instance sees the change.
 *
 * A request reads the versions once (`read`, in `JwtAuthGuard`) and every cache it consults checks
 * against that one read: at most one Redis round trip per request. Reads are also shared between
 * requests: every `read` called before the next turn of the event loop waits for the same MGET,
 * sent at that turn, i.e. after each of them began, so none of them can miss a change that was
 * committed (and bumped) before it began. While Redis is unreachable there are no versions: callers
 * read the database instead.
 */
@Injectable()
export class AccessCacheVersion implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessCacheVersion.name);
  private readonly client: Redis;
  private readonly keys: Record<CacheVersionKind, string>;
  private readonly clearListeners: Array<() => void> = [];
  private pending: Promise<CacheVersions> | null = null;
  /** Counts the connections made: a version read on another connection never equals an older one. */
  private connection = 0;

  constructor(@InjectEnv() env: Env, connections: RedisConnections) {
    this.keys = {
      access: `${env.QUEUE_PREFIX}:access-cache:version`,
      schema: `${env.QUEUE_PREFIX}:schema:epoch`,
    };
    this.client = connections.connect('access-cache', {
      lazyConnect: true,
      // Never queue a command while disconnected, never wait long: the database answers instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 250,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    // Bumps missed while disconnected (or a restarted Redis counting from 0 again) must not revive old entries.
    this.client.on('close', () => this.clearLocal());
    // A restarted Redis counts from 0 again: versions carry the connection they were read on.
    this.client.on('ready', () => this.connection++);
    this.client.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    await withTimeout(this.client.connect(), CONNECT_WAIT_MS, 'Redis connect').catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }

  /** Registers a cache to empty whenever the versions cannot be trusted any more. */
  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }

  /** The current versions: one MGET for every caller until the event loop turns. */
  read(): Promise<CacheVersions> {
    if (this.client.status !== 'ready') return Promise.resolve(UNKNOWN_CACHE_VERSIONS);
    this.pending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.pending = null;
      return this.fetch();
    });
    return this.pending;
  }

  /** The current access version, or null when Redis cannot say. */
  async current(): Promise<string | null> {
    return (await this.read()).access;
  }

  /**
   * Call after the commit of a change: every process's cached entries of that kind stop being
   * served. False when Redis could not be told (logged): other instances that still reach Redis
   * keep their entries until the TTL ends them, or until the caller tells them later.
   */
  async bump(kind: CacheVersionKind = 'access'): Promise<boolean> {
    if (kind === 'access') this.clearLocal();
    try {
      if (this.client.status !== 'ready') throw new Error(`Redis is ${this.client.status}`);
      await this.client.incr(this.keys[kind]);
      return true;
    } catch (error) {
      this.logger.warn(`Cache version "${kind}" not bumped: ${(error as Error).message}`);
      return false;
    }
  }

  private async fetch(): Promise<CacheVersions> {
    if (this.client.status !== 'ready') return UNKNOWN_CACHE_VERSIONS;
    try {
      const connection = this.connection;
      const [access, schema] = await this.client.mget(this.keys.access, this.keys.schema);
      return { access: `${connection}:${access ?? '0'}`, schema: `${connection}:${schema ?? '0'}` };
    } catch {
      return UNKNOWN_CACHE_VERSIONS;
    }
  }

  private clearLocal(): void {
    for (const clear of this.clearListeners) clear();
  }
}
