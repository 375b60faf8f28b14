import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { withTimeout } from '../../async/with-timeout';
import { Env } from '../../config/env.schema';
import { InjectEnv } from '../../config/env.token';
import { RedisConnections } from '../../redis/redis-connections';
import { CacheVersionEvents } from './cache-version-events';

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
 * against that one read. Reads are shared between requests: every `read` called before the next
 * turn of the event loop gets the answer made in that turn's check phase (`setImmediate`), i.e.
 * after each of them began.
 *
 * While this process is subscribed to the bump channel (`CacheVersionEvents`), that answer is
 * counted locally from the channel's messages, without a Redis round trip. Why no request misses
 * a change: `bump` INCRs and PUBLISHes in one MULTI, then waits for one more round trip (PING) on
 * the same connection. Redis runs commands on one thread and writes what a command queued for its
 * clients (the PUBLISH's message to every subscriber) in `handleClientsWithPendingWrites`, before
 * it sleeps again; the PING is read in a later iteration, so once its reply arrives, the message
 * was written to every subscriber's socket. Only then does the change's HTTP response leave, so
 * a request that begins afterwards reaches its instance after the message did: the poll phase that
 * reads the request also finds the subscriber's socket readable (or read it earlier), ioredis
 * emits the message synchronously there, and the answer is made in the check phase that follows.
 * An instance that is not subscribed (starting, reconnecting, its connection ended or killed,
 * Redis down) falls back to one MGET per turn, and to no versions at all while Redis is
 * unreachable (callers then read the database). Every change of subscription empties the caches:
 * bumps published while nobody listened are missed, so versions start a new epoch.
 *
 * The argument holds while Redis writes each message whole at once: a subscriber with more than
 * 64 KB of replies pending (an event loop blocked while about a thousand bumps are published) is
 * written to later, and across hosts a lost TCP segment delays the message by a retransmission
 * timeout while the next request may arrive by another path.
 */
@Injectable()
export class AccessCacheVersion implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessCacheVersion.name);
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly events: CacheVersionEvents;
  private readonly channel: string;
  private readonly keys: Record<CacheVersionKind, string>;
  private readonly clearListeners: Array<() => void> = [];
  private pending: Promise<CacheVersions> | null = null;
  /** Who waits for the first subscription (startup). */
  private readonly subscribed: Array<() => void> = [];
  /** Counts the connections made: a version read on another connection never equals an older one. */
  private connection = 0;

  constructor(@InjectEnv() env: Env, connections: RedisConnections) {
    this.keys = {
      access: `${env.QUEUE_PREFIX}:access-cache:version`,
      schema: `${env.QUEUE_PREFIX}:schema:epoch`,
    };
    this.channel = `${env.QUEUE_PREFIX}:access-cache:bumped`;
    const options: RedisOptions = {
      lazyConnect: true,
      // Never queue a command while disconnected, never wait long: the database answers instead.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 250,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    };
    this.client = connections.connect('access-cache', options);
    // Subscribed anew on every 'ready' by `CacheVersionEvents`, which starts a new epoch then.
    this.subscriber = connections.connect('access-events', {
      ...options,
      autoResubscribe: false,
      commandTimeout: 1000,
    });
    this.subscriber.on('error', () => undefined);
    this.events = new CacheVersionEvents(this.subscriber, this.channel, (subscribed) => {
      this.clearLocal();
      if (subscribed) for (const resolve of this.subscribed.splice(0)) resolve();
    });
    // Bumps missed while disconnected (or a restarted Redis counting from 0 again) must not revive old entries.
    this.client.on('close', () => this.clearLocal());
    // A restarted Redis counts from 0 again: versions carry the connection they were read on.
    this.client.on('ready', () => this.connection++);
    this.client.on('error', () => undefined);
  }

  async onModuleInit(): Promise<void> {
    const subscribed = new Promise<void>((resolve) => this.subscribed.push(resolve));
    await withTimeout(
      Promise.all([this.client.connect(), this.subscriber.connect().then(() => subscribed)]),
      CONNECT_WAIT_MS,
      'Redis connect',
    ).catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  /** Registers a cache to empty whenever the versions cannot be trusted any more. */
  onClear(listener: () => void): void {
    this.clearListeners.push(listener);
  }

  /**
   * The current versions, as of the next check phase of the event loop: counted from the bump
   * channel while subscribed, else one MGET for every caller until the event loop turns.
   */
  read(): Promise<CacheVersions> {
    if (this.client.status !== 'ready' && this.events.versions === null) return Promise.resolve(UNKNOWN_CACHE_VERSIONS);
    this.pending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.pending = null;
      return this.events.versions ?? this.fetch();
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
      const results = await this.client.multi().incr(this.keys[kind]).publish(this.channel, kind).exec();
      const failed = results?.find(([error]) => error !== null);
      if (!results || failed) throw failed?.[0] ?? new Error('MULTI aborted');
      // Once this reply arrives, Redis has written the message to every subscriber (see above).
      await this.client.ping();
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
