import { AccessCacheVersion } from '@app/core';
import Redis from 'ioredis';
import { addMember, createTenant, CreatedTenant, deleteTenant } from '../factories/tenants.factory';
import { CreatedUser, createUser, login } from '../factories/users.factory';
import { startTestRedis, TestRedis } from '../utils/redis-server';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

/**
 * The authenticated user and tenant access are cached per process (AUTH_CACHE_TTL_SECONDS), yet a
 * deactivation, a role change or a removal counts on the very next request, on this instance and
 * on another one that shares the database and Redis.
 */
describe('access cache', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: string;
  let tenant: CreatedTenant;

  beforeAll(async () => {
    // Two instances of one deployment: same database (the run's), same Redis prefix.
    const prefix = `strata_test_${uniqueSuffix()}`;
    a = await startTestApp({ QUEUE_PREFIX: prefix, AUTH_CACHE_TTL_SECONDS: '300' });
    b = await startTestApp({ QUEUE_PREFIX: prefix, AUTH_CACHE_TTL_SECONDS: '300' });
    admin = await a.adminToken();
    tenant = await createTenant(a, admin);
  });

  afterAll(async () => {
    await deleteTenant(a, admin, tenant.slug);
    await b.close();
    await a.close();
  });

  const member = async (role: 'admin' | 'viewer') => {
    const user: CreatedUser = await createUser(a, admin);
    await addMember(a, admin, tenant.slug, user.email, role);
    return { user, token: (await login(a, user.email, user.password)).accessToken };
  };
  const rename = (t: TestApp, token: string) =>
    t.http.patch(`/api/tenants/${tenant.slug}`, { description: `renamed ${uniqueSuffix()}` }, { token });

  it('serves a repeated request from the cache: a row changed behind the app is not read again', async () => {
    const { user, token } = await member('viewer');
    expect((await b.http.get('/api/auth/me', { token })).status).toBe(200);
    // Not through the app, so no version bump: only the TTL would end the cached user.
    await b.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
    expect((await b.http.get('/api/auth/me', { token })).status).toBe(200);
    await a.http.patch(`/api/users/${user.id}`, { isActive: false }, { token: admin });
    expect((await b.http.get('/api/auth/me', { token })).status).toBe(401);
  });

  it('refuses a deactivated user on the next request, on this instance and on another', async () => {
    const { user, token } = await member('viewer');
    for (const t of [a, b]) expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(200);
    const res = await a.http.patch(`/api/users/${user.id}`, { isActive: false }, { token: admin });
    expect(res.status).toBe(200);
    for (const t of [a, b]) expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(401);
  });

  it('applies a role change on the next request of another instance', async () => {
    await member('admin'); // the tenant keeps an admin
    const { user, token } = await member('admin');
    expect((await rename(b, token)).status).toBe(200);
    const res = await a.http.patch(
      `/api/tenants/${tenant.slug}/members/${user.id}`,
      { role: 'viewer' },
      { token: admin },
    );
    expect(res.status).toBe(200);
    expect((await rename(b, token)).status).toBe(403);
    expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(200);
  });

  it('hides the tenant from a removed member on the next request of another instance', async () => {
    const { user, token } = await member('viewer');
    expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(200);
    const res = await a.http.delete(`/api/tenants/${tenant.slug}/members/${user.id}`, { token: admin });
    expect(res.status).toBe(204);
    expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(404);
  });

  it('lets a new member in at once although the refusal was read just before', async () => {
    const user = await createUser(a, admin);
    const { accessToken: token } = await login(a, user.email, user.password);
    expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(404);
    await addMember(a, admin, tenant.slug, user.email, 'viewer');
    expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(200);
  });

  it('hides a deleted tenant on the next request of another instance', async () => {
    const other = await createTenant(a, admin);
    const user = await createUser(a, admin);
    await addMember(a, admin, other.slug, user.email, 'viewer');
    const { accessToken: token } = await login(a, user.email, user.password);
    expect((await b.http.get(`/api/tenants/${other.slug}`, { token })).status).toBe(200);
    await deleteTenant(a, admin, other.slug);
    expect((await b.http.get(`/api/tenants/${other.slug}`, { token })).status).toBe(404);
  });

  it('serves a new schema version on the next request of another instance', async () => {
    const read = async () => (await b.http.get(`/api/tenants/${tenant.slug}/schema`, { token: admin })).body.version;
    const version = (await read()) as number;
    expect(await read()).toBe(version);
    const res = await a.http.post(
      `/api/tenants/${tenant.slug}/tables`,
      { name: 'notes', columns: [{ name: 'body', type: 'string' }], expectedVersion: version },
      { token: admin },
    );
    expect(res.status).toBe(201);
    expect(await read()).toBe(version + 1);
  });

  describe('while an instance is not subscribed to the bumps', () => {
    const subscriberOf = (t: TestApp) => (t.app.get(AccessCacheVersion) as unknown as { subscriber: Redis }).subscriber;
    const subscribed = async (t: TestApp) => {
      const events = (t.app.get(AccessCacheVersion) as unknown as { events: { versions: unknown } }).events;
      for (let i = 0; i < 300 && events.versions === null; i++) await new Promise((r) => setTimeout(r, 10));
      expect(events.versions).not.toBeNull();
    };
    const kill = async (t: TestApp) => {
      const { localAddress, localPort } = subscriberOf(t).stream;
      const observer = new Redis(t.env.REDIS_URL);
      try {
        await observer.client('KILL', 'ADDR', `${localAddress}:${localPort}`);
      } finally {
        observer.disconnect();
      }
    };

    it('refuses a user deactivated right after its subscriber was killed, and again once resubscribed', async () => {
      const first = await member('viewer');
      const second = await member('viewer');
      await subscribed(b);
      for (const { token } of [first, second]) {
        expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token })).status).toBe(200);
      }
      await kill(b);
      expect((await a.http.patch(`/api/users/${first.user.id}`, { isActive: false }, { token: admin })).status).toBe(
        200,
      );
      expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token: first.token })).status).toBe(401);

      await subscribed(b);
      expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token: second.token })).status).toBe(200);
      expect((await a.http.patch(`/api/users/${second.user.id}`, { isActive: false }, { token: admin })).status).toBe(
        200,
      );
      expect((await b.http.get(`/api/tenants/${tenant.slug}`, { token: second.token })).status).toBe(401);
    });
  });
});

describe('access cache when Redis goes away', () => {
  let redis: TestRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await startTestRedis();
    t = await startTestApp({ REDIS_URL: redis.url, AUTH_CACHE_TTL_SECONDS: '300' });
  }, 30000);

  afterAll(async () => {
    await redis.start();
    await t.close();
    await redis.stop();
  });

  it('reads the user from the database again, cached or not', async () => {
    const admin = await t.adminToken();
    const user = await createUser(t, admin);
    const { accessToken: token } = await login(t, user.email, user.password);
    expect((await t.http.get('/api/auth/me', { token })).status).toBe(200);
    await redis.stop();
    // Not through the app: no bump could reach anyone while Redis is down.
    await t.db.query(`UPDATE users SET is_active = false WHERE id = $1`, [user.id]);
    expect((await t.http.get('/api/auth/me', { token })).status).toBe(401);
  });
});
