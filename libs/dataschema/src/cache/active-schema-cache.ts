import { AccessCacheVersion, Env, InjectEnv, RedisConnections, withTimeout } from '@app/core';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { ActiveSchema } from '../versions/schema-version';

const CONNECT_WAIT_MS = 1000;
/** How long Redis keeps one version's definition; the stamp says which version is active. */
const DEFINITION_TTL_SECONDS = 24 * 60 * 60;

/** Sets the active-version stamp only forward: a slow reader never puts back an older version. */
const SET_IF_NEWER = `
local current = redis.call('GET', KEYS[1])
if (not current) or tonumber(current) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) end
return 1`;

/** This process's copy of a tenant's active schema, and the schema epoch it was last checked under. */
interface LocalCopy {
  schema: ActiveSchema;
  checkedAtEpoch?: string;
}

/**
 * The active definition of each tenant, cached in this process and in Redis, so reads cost no
 * metadata query. Redis holds, per tenant, the active version number (the stamp) and each
 * version's definition, and one schema epoch (`CacheVersions.schema`) that every committed
 * version bumps after its stamp. A request read the epoch with the access version when it was
 * authenticated (`TenantContext.versions`): while the epoch is the one this process last checked
 * the tenant's copy under, the copy is served without asking Redis. Otherwise, and outside a
 * request, a read compares the stamp with its copy: one Redis GET. Either way no process serves an
 * old version once a change is committed, whatever the timing of pub/sub. A change is also
 * published on a channel, and every process drops its copy of that tenant at once.
 * While Redis is unreachable, reads go to the database (the truth), never to a copy nobody can
 * invalidate.
 */
@Injectable()
export class ActiveSchemaCache implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ActiveSchemaCache.name);
  private readonly local = new Map<string, LocalCopy>();
  /** Versions this process committed while Redis was unreachable: published once it is back. */
  private readonly unpublished = new Map<string, ActiveSchema>();
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly prefix: string;
  private readonly channel: string;

  constructor(
    @InjectEnv() env: Env,
    connections: RedisConnections,
    private readonly versions: AccessCacheVersion,
  ) {
    this.prefix = `${env.QUEUE_PREFIX}:schema:`;
    this.channel = `${this.prefix}changed`;
    const options: RedisOptions = {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: 1000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    };
    this.client = connections.connect('schema-cache', options);
    this.subscriber = connections.connect('schema-events', { ...options, enableOfflineQueue: true });
    // Failures surface as cache misses (database reads); without listeners ioredis prints each one.
    this.client.on('error', () => undefined);
    this.subscriber.on('error', () => undefined);
    this.client.on('ready', () => void this.publishPending());
    // Whatever was published while this process could not hear it is dropped with everything else.
    this.subscriber.on('ready', () => this.local.clear());
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.local.delete(message.split(':')[0]);
    });
  }

  async onModuleInit(): Promise<void> {
    await withTimeout(this.client.connect(), CONNECT_WAIT_MS, 'Redis connect').catch(() => undefined);
    await withTimeout(
      this.subscriber.connect().then(() => this.subscriber.subscribe(this.channel)),
      CONNECT_WAIT_MS,
      'Redis subscribe',
    ).catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.client.disconnect();
    this.subscriber.disconnect();
  }

  private stampKey = (tenantId: string) => `${this.prefix}active:${tenantId}`;
  private definitionKey = (tenantId: string, version: number) => `${this.prefix}definition:${tenantId}:${version}`;

  /**
   * The tenant's active schema: this process's copy if it is still the active version, else
   * Redis, else `load`. `epoch`: the schema epoch the request read (`CacheVersions.schema`; null
   * when Redis could not say), absent outside a request.
   */
  async get(tenantId: string, load: () => Promise<ActiveSchema>, epoch?: string | null): Promise<ActiveSchema> {
    if (epoch === null || this.client.status !== 'ready') return load();
    const mine = this.local.get(tenantId);
    if (epoch !== undefined && mine?.checkedAtEpoch === epoch) return mine.schema;
    let cached: ActiveSchema | null;
    try {
      cached = await this.fromRedis(tenantId, epoch);
    } catch {
      return load();
    }
    if (cached) return cached;
    const fresh = await load();
    await this.store(tenantId, fresh).catch(() => undefined);
    return fresh;
  }

  /** After a version committed: every process sees it from its next read on. */
  async changed(tenantId: string, schema: ActiveSchema): Promise<void> {
    this.local.delete(tenantId);
    try {
      if (this.client.status !== 'ready') throw new Error('Redis is not connected');
      await this.store(tenantId, schema);
      // After the stamp: a process that sees the new epoch and asks for the stamp gets the new one.
      if (!(await this.versions.bump('schema'))) throw new Error('the schema epoch was not bumped');
      await this.client.publish(this.channel, `${tenantId}:${schema.version}`);
      this.unpublished.delete(tenantId);
    } catch (error) {
      this.unpublished.set(tenantId, schema);
      this.logger.warn(
        `Schema version ${schema.version} of tenant ${tenantId} not published to Redis yet: ${String(error)}`,
      );
    }
  }

  /**
   * The active version's definition from Redis (this process's copy when it is that version).
   * `epoch` was read before the stamp, so the stamp reflects every change it counts: the copy is
   * good for that epoch.
   */
  private async fromRedis(tenantId: string, epoch: string | undefined): Promise<ActiveSchema | null> {
    const stamp = await this.client.get(this.stampKey(tenantId));
    if (stamp === null) return null;
    const version = Number(stamp);
    const mine = this.local.get(tenantId);
    if (mine?.schema.version === version) {
      this.local.set(tenantId, { schema: mine.schema, checkedAtEpoch: epoch });
      return mine.schema;
    }
    const json = await this.client.get(this.definitionKey(tenantId, version));
    if (json === null) return null;
    const schema = JSON.parse(json) as ActiveSchema;
    this.local.set(tenantId, { schema, checkedAtEpoch: epoch });
    return schema;
  }

  private async store(tenantId: string, schema: ActiveSchema): Promise<void> {
    await this.client.set(
      this.definitionKey(tenantId, schema.version),
      JSON.stringify(schema),
      'EX',
      DEFINITION_TTL_SECONDS,
    );
    await this.client.eval(SET_IF_NEWER, 1, this.stampKey(tenantId), String(schema.version));
    // Not checked under any epoch: the next request with an epoch compares the stamp first.
    this.local.set(tenantId, { schema });
  }

  private async publishPending(): Promise<void> {
    for (const [tenantId, schema] of [...this.unpublished]) await this.changed(tenantId, schema);
  }
}
