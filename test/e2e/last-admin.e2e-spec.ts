import { InactiveUsersCleanupService } from '@app/users';
import { addMember, createTenant, CreatedTenant, deleteTenant } from '../factories/tenants.factory';
import { CreatedUser, createUser } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/** Every tenant keeps an active admin: deactivation, the inactive-user clean-up and member changes. */
describe('the last active admin of a tenant', () => {
  let t: TestApp;
  let admin: string;
  const tenants: CreatedTenant[] = [];

  beforeAll(async () => {
    t = await startTestApp({ INACTIVE_USER_DAYS: '30' });
    admin = await t.adminToken();
  });

  afterAll(async () => {
    for (const tenant of tenants) await deleteTenant(t, admin, tenant.slug);
    await t.close();
  });

  /** A tenant whose admins are the given users (the first one through `adminEmail`). */
  async function tenantAdministeredBy(...admins: CreatedUser[]): Promise<CreatedTenant> {
    const tenant = await createTenant(t, admin, { adminEmail: admins[0].email });
    tenants.push(tenant);
    for (const other of admins.slice(1)) await addMember(t, admin, tenant.slug, other.email, 'admin');
    return tenant;
  }

  const deactivate = (user: CreatedUser) =>
    t.http.patch(`/api/users/${user.id}`, { isActive: false }, { token: admin });
  const isActive = async (user: CreatedUser): Promise<boolean> =>
    (await t.db.query(`SELECT is_active FROM users WHERE id = $1`, [user.id]))[0].is_active;
  const activeAdmins = async (tenant: CreatedTenant): Promise<number> =>
    (
      await t.db.query(
        `SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id
          WHERE m.tenant_id = $1 AND m.role = 'admin' AND u.is_active`,
        [tenant.id],
      )
    )[0].n;

  it('cannot be deactivated (409 LAST_ADMIN naming the tenant); can once another active admin exists', async () => {
    const only = await createUser(t, admin);
    const tenant = await tenantAdministeredBy(only);
    const refused = await deactivate(only);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'LAST_ADMIN', statusCode: 409 });
    expect(refused.body.message).toContain(tenant.slug);
    expect(await isActive(only)).toBe(true);
    const put = await t.http.put(
      `/api/users/${only.id}`,
      { username: only.username, email: only.email, isActive: false },
      { token: admin },
    );
    expect(put.status).toBe(409);

    const second = await createUser(t, admin);
    await addMember(t, admin, tenant.slug, second.email, 'admin');
    expect((await deactivate(only)).status).toBe(200);
    expect(await activeAdmins(tenant)).toBe(1);
  });

  it('counts only active admins: an inactive second admin does not let the last active one go', async () => {
    const active = await createUser(t, admin);
    const dormant = await createUser(t, admin);
    const tenant = await tenantAdministeredBy(active, dormant);
    expect((await deactivate(dormant)).status).toBe(200);
    expect((await deactivate(active)).status).toBe(409);
    expect((await t.http.delete(`/api/users/${active.id}`, { token: admin })).status).toBe(409);
    const member = `/api/tenants/${tenant.slug}/members/${active.id}`;
    expect((await t.http.patch(member, { role: 'editor' }, { token: admin })).body.code).toBe('LAST_ADMIN');
    expect((await t.http.delete(member, { token: admin })).body.code).toBe('LAST_ADMIN');
    expect(await activeAdmins(tenant)).toBe(1);
  });

  it('keeps one admin when two admins are deactivated at the same moment', async () => {
    for (let round = 0; round < 4; round++) {
      const a = await createUser(t, admin);
      const b = await createUser(t, admin);
      const tenant = await tenantAdministeredBy(a, b);
      const statuses = (await Promise.all([deactivate(a), deactivate(b)])).map((r) => r.status).sort();
      expect(statuses).toEqual([200, 409]);
      expect(await activeAdmins(tenant)).toBe(1);
    }
  });

  it('the inactive-user clean-up skips a tenant’s last active admin and deactivates the others', async () => {
    const first = await createUser(t, admin);
    const second = await createUser(t, admin);
    const viewer = await createUser(t, admin);
    const tenant = await tenantAdministeredBy(first, second);
    await addMember(t, admin, tenant.slug, viewer.email, 'viewer');
    const alone = await createUser(t, admin);
    const lonely = await tenantAdministeredBy(alone);
    const stale = [first, second, viewer, alone].map((u) => u.id);
    await t.db.query(`UPDATE users SET created_at = now() - interval '90 days' WHERE id = ANY($1::uuid[])`, [stale]);

    const result = await t.app.get(InactiveUsersCleanupService).run();

    expect(result.keptAsLastAdmin).toBeGreaterThanOrEqual(2);
    expect(await activeAdmins(tenant)).toBe(1);
    expect((await isActive(first)) !== (await isActive(second))).toBe(true);
    expect(await isActive(viewer)).toBe(false);
    expect(await isActive(alone)).toBe(true);
    expect(await activeAdmins(lonely)).toBe(1);
  });
});
