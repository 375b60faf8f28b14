import { AccessCacheVersion, Env, loadEnv, RedisConnections } from '@app/core';
import { ActiveSchemaCache } from '../../../libs/dataschema/src/cache/active-schema-cache';
import type Redis from 'ioredis';
import { uniqueSuffix } from '../../utils/test-database';

/**
 * The shared cache versions a request reads once (counted from the bump channel while subscribed,
 * else one MGET shared by every request until the event loop turns), and the schema cache that
 * trusts a tenant's copy while the request's schema epoch is the one the copy was checked under:
 * real Redis, one prefix per test file.
 */
describe('cache versions', () => {
  let env: Env;
  let connections: RedisConnections;
  let versions: AccessCacheVersion;
  let schemas: ActiveSchemaCache;

  beforeAll(async () => {
    env = loadEnv({ ...process.env, QUEUE_PREFIX: `strata_test_${uniqueSuffix()}` });
    connections = new RedisConnections(env);
    versions = new AccessCacheVersion(env, connections);
    schemas = new ActiveSchemaCache(env, connections, versions);
    await versions.onModuleInit();
    await schemas.onModuleInit();
  });

  afterAll(async () => {
    const client = (versions as unknown as { client: Redis }).client;
    const keys = await client.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await client.del(...keys);
    schemas.onModuleDestroy();
    versions.onModuleDestroy();
    await connections.onApplicationShutdown();
  });

  const spyOn = <K extends 'mget' | 'get'>(owner: object, command: K) =>
    jest.spyOn((owner as { client: Redis }).client, command as 'get');

  const subscriberOf = (owner: AccessCacheVersion) => (owner as unknown as { subscriber: Redis }).subscriber;
  const until = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(condition()).toBe(true);
  };
  const isSubscribed = (owner: AccessCacheVersion) =>
    (owner as unknown as { events: { versions: unknown } }).events.versions !== null;

  it('answers every read of one turn of the event loop with one MGET while not subscribed', async () => {
    await until(() => isSubscribed(versions));
    subscriberOf(versions).disconnect();
    await until(() => !isSubscribed(versions));
    const mget = spyOn(versions, 'mget');
    const reads = Array.from({ length: 10 }, () => versions.read());
    expect(mget).not.toHaveBeenCalled();
    const answers = await Promise.all(reads);
    expect(mget).toHaveBeenCalledTimes(1);
    expect(new Set(answers).size).toBe(1);
    await versions.read();
    expect(mget).toHaveBeenCalledTimes(2);
    mget.mockRestore();
    await subscriberOf(versions).connect();
    await until(() => isSubscribed(versions));
  });

  describe('with a second process sharing the prefix', () => {
    let other: AccessCacheVersion;
    let observer: Redis;

    beforeAll(async () => {
      other = new AccessCacheVersion(env, connections);
      await other.onModuleInit();
      observer = connections.connect('test-observer');
    });

    afterAll(() => {
      other.onModuleDestroy();
      observer.disconnect();
    });

    it('reads no Redis while subscribed, yet sees a bump of another process on its next read', async () => {
      expect(isSubscribed(versions)).toBe(true);
      const mget = spyOn(versions, 'mget');
      const before = await versions.read();
      expect(await versions.read()).toBe(before);
      await other.bump('access');
      const after = await versions.read();
      expect(after.access).not.toBe(before.access);
      expect(after.schema).toBe(before.schema);
      await other.bump('schema');
      expect((await versions.read()).schema).not.toBe(after.schema);
      expect(mget).not.toHaveBeenCalled();
      mget.mockRestore();
    });

    it('falls back to MGET at once when its subscriber is killed, and empties the caches on resubscribing', async () => {
      const cleared = jest.fn();
      versions.onClear(cleared);
      const before = await versions.read();
      const mget = spyOn(versions, 'mget');
      const { localAddress, localPort } = subscriberOf(versions).stream;
      // A bump right behind the kill, answered in one reply: the read that follows, in the same
      // turn of the event loop, must see the end of the subscription (ioredis closes it a phase later).
      await observer
        .pipeline()
        .client('KILL', 'ADDR', `${localAddress}:${localPort}`)
        .incr(`${env.QUEUE_PREFIX}:access-cache:version`)
        .exec();
      const after = await versions.read();
      expect(after.access).not.toBe(before.access);
      expect(mget).toHaveBeenCalledTimes(1);
      expect(cleared).toHaveBeenCalled();
      cleared.mockClear();
      await until(() => isSubscribed(versions));
      expect(cleared).toHaveBeenCalled();
      const resubscribed = await versions.read();
      expect(resubscribed.access).not.toBe(after.access); // a new epoch: nothing cached before counts
      expect(mget).toHaveBeenCalledTimes(1);
      mget.mockRestore();
    });
  });

  it('sees a bump made before the read began', async () => {
    const before = await versions.read();
    await versions.bump('access');
    const after = await versions.read();
    expect(after.access).not.toBe(before.access);
    expect(after.schema).toBe(before.schema);
    await versions.bump('schema');
    expect((await versions.read()).schema).not.toBe(after.schema);
  });

  it('serves a tenant schema without Redis while the epoch is unchanged, and checks the stamp once it moves', async () => {
    const tenantId = `t-${uniqueSuffix()}`;
    const v1 = { version: 1, definition: { tables: [] }, createdAt: 'x', createdBy: null } as never;
    const v2 = { version: 2, definition: { tables: [] }, createdAt: 'y', createdBy: null } as never;
    const load = jest.fn(async () => v1);
    const epoch = (await versions.read()).schema;
    expect(await schemas.get(tenantId, load, epoch)).toBe(v1); // stored in Redis and this process
    const get = spyOn(schemas, 'get');
    expect(await schemas.get(tenantId, load, epoch)).toBe(v1); // stamp checked once under this epoch
    expect(get).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 5; i++) expect(await schemas.get(tenantId, load, epoch)).toBe(v1);
    expect(get).toHaveBeenCalledTimes(1);

    await schemas.changed(tenantId, v2);
    const next = (await versions.read()).schema;
    expect(next).not.toBe(epoch);
    expect((await schemas.get(tenantId, load, next)).version).toBe(2);
    // A process still holding version 1 under the old epoch asks Redis again under the new one.
    expect(get.mock.calls.length).toBeGreaterThan(1);
    expect(load).toHaveBeenCalledTimes(1);
    get.mockRestore();
  });

  it('reads the database when the request could not read the versions', async () => {
    const load = jest.fn(async () => ({ version: 3 }) as never);
    await schemas.get(`t-${uniqueSuffix()}`, load, null);
    await schemas.get(`t-${uniqueSuffix()}`, load, null);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
