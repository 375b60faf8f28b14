import { RedisConnections } from '@app/core';
import Redis from 'ioredis';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * Every Redis connection of the app (Bull's three per queue, readiness, login rate limiting, the
 * access cache's version and its pub/sub subscriber, the schema cache and its pub/sub subscriber) comes
 * from the one factory, `RedisConnections`, and none is left open once the app has closed.
 */
describe('Redis connections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t?.close().catch(() => undefined);
  });

  it('are all opened by RedisConnections and all closed with the app', async () => {
    expect((await t.http.get('/health/ready')).status).toBe(200);
    const connections = t.app.get(RedisConnections);
    const names = new Set(connections.openNames());
    expect([...names].sort()).toEqual(
      expect.arrayContaining([
        'access-cache',
        'access-events',
        'health',
        'queue-bclient',
        'queue-client',
        'queue-subscriber',
        'rate-limit',
        'schema-cache',
        'schema-events',
      ]),
    );

    await t.close();
    expect(connections.openNames()).toEqual([]);
    // Bull names its connections `<QUEUE_PREFIX>:<queue>`; once the app has closed, Redis must not
    // know any of them (a connection left open also keeps the process from exiting).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const observer = new Redis(t.env.REDIS_URL);
    try {
      const clients = (await observer.client('LIST')) as string;
      expect(clients.split('\n').filter((line) => line.includes(` name=${t.env.QUEUE_PREFIX}:`))).toEqual([]);
    } finally {
      observer.disconnect();
    }
  });
});
