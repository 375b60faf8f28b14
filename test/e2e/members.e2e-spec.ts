import { randomUUID } from 'node:crypto';
import { addMember, createTenant, CreatedTenant, deleteTenant } from '../factories/tenants.factory';
import { CreatedUser, createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';
import { sealAudit } from '../utils/sealed-audit';

describe('tenant members', () => {
  let t: TestApp;
  let admin: string;
  let tenant: CreatedTenant;
  let owner: CreatedUser;
  let ownerToken: string;

  const membersPath = () => `/api/tenants/${tenant.slug}/members`;
  const memberPath = (userId: string) => `${membersPath()}/${userId}`;
  const roleOf = async (userId: string): Promise<string | undefined> =>
    (await t.db.query(`SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [tenant.id, userId]))[0]
      ?.role;
  const chain = async (): Promise<Array<{ seq: number; action: string; details: Record<string, unknown> }>> => {
    await sealAudit(t);
    return (
      await t.db.query(`SELECT seq, action, details FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, [tenant.id])
    ).map((r: { seq: string; action: string; details: Record<string, unknown> }) => ({ ...r, seq: Number(r.seq) }));
  };
  const lastEntry = async () => (await chain()).at(-1)!;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    owner = await createUser(t, admin);
    tenant = await createTenant(t, admin, { adminEmail: owner.email });
    ownerToken = (await login(t, owner.email, owner.password)).accessToken;
  });

  afterAll(async () => {
    await deleteTenant(t, admin, tenant.slug);
    await t.close();
  });

  it('lists the members with their user fields', async () => {
    const res = await t.http.get(membersPath(), { token: ownerToken });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      count: 1,
      next: null,
      previous: null,
      results: [
        {
          userId: owner.id,
          email: owner.email,
          username: owner.username,
          role: 'admin',
          createdAt: expect.stringMatching(/Z$/),
          updatedAt: expect.stringMatching(/Z$/),
        },
      ],
    });
  });

  it('adds, changes and removes a member, each audited on the tenant chain', async () => {
    const user = await createUser(t, admin);
    const added = await t.http.post(membersPath(), { email: user.email, role: 'editor' }, { token: ownerToken });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ userId: user.id, email: user.email, username: user.username, role: 'editor' });
    expect(await lastEntry()).toMatchObject({
      action: 'tenant.member.add',
      details: { userId: user.id, email: user.email, role: 'editor' },
    });

    const changed = await t.http.patch(memberPath(user.id), { role: 'viewer' }, { token: ownerToken });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ userId: user.id, role: 'viewer' });
    expect(await roleOf(user.id)).toBe('viewer');
    expect(await lastEntry()).toMatchObject({
      action: 'tenant.member.update',
      details: { userId: user.id, email: user.email, role: 'viewer', previousRole: 'editor' },
    });

    const { accessToken } = await login(t, user.email, user.password);
    expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token: accessToken })).status).toBe(200);

    const removed = await t.http.delete(memberPath(user.id), { token: ownerToken });
    expect(removed.status).toBe(204);
    expect(await roleOf(user.id)).toBeUndefined();
    expect(await lastEntry()).toMatchObject({
      action: 'tenant.member.remove',
      details: { userId: user.id, email: user.email, role: 'viewer' },
    });
    // A former member no longer sees the tenant at all.
    expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token: accessToken })).status).toBe(404);

    const seqs = (await chain()).map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('finds the user by email whatever its case', async () => {
    const user = await createUser(t, admin);
    const res = await t.http.post(
      membersPath(),
      { email: user.email.toUpperCase(), role: 'auditor' },
      { token: admin },
    );
    expect(res.status).toBe(201);
    expect(await roleOf(user.id)).toBe('auditor');
  });

  it('answers 422 USER_NOT_FOUND for an unknown email and 409 ALREADY_MEMBER for a member', async () => {
    const unknown = await t.http.post(
      membersPath(),
      { email: `nobody_${uniqueSuffix()}@example.test`, role: 'viewer' },
      { token: ownerToken },
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('USER_NOT_FOUND');

    const duplicate = await t.http.post(membersPath(), { email: owner.email, role: 'viewer' }, { token: ownerToken });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('ALREADY_MEMBER');
    expect(await roleOf(owner.id)).toBe('admin');
  });

  it.each([
    [{ email: 'x@example.test', role: 'owner' }, 'role'],
    [{ email: 'x@example.test' }, 'role'],
    [{ email: 'not-an-email', role: 'viewer' }, 'email'],
    [{ email: 'x@example.test', role: 'viewer', extra: 1 }, 'extra'],
  ])('refuses %j (400 naming %s)', async (body, field) => {
    const res = await t.http.post(membersPath(), body, { token: ownerToken });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses an unknown role on change (400)', async () => {
    const res = await t.http.patch(memberPath(owner.id), { role: 'superadmin' }, { token: ownerToken });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it.each([
    ['a user who is no member', () => randomUUID()],
    ['a malformed id', () => 'not-a-uuid'],
  ])('answers 404 for %s', async (_, id) => {
    const userId = id();
    const patch = await t.http.patch(memberPath(userId), { role: 'viewer' }, { token: ownerToken });
    expect(patch.status).toBe(404);
    expect(patch.body.code).toBe('MEMBER_NOT_FOUND');
    const del = await t.http.delete(memberPath(userId), { token: ownerToken });
    expect(del.status).toBe(404);
  });

  it.each(['editor', 'viewer', 'auditor'] as const)('does not let a %s manage members (403)', async (role) => {
    const user = await createUser(t, admin);
    await addMember(t, admin, tenant.slug, user.email, role);
    const { accessToken } = await login(t, user.email, user.password);
    const other = await createUser(t, admin);
    const attempts = [
      await t.http.get(membersPath(), { token: accessToken }),
      await t.http.post(membersPath(), { email: other.email, role: 'viewer' }, { token: accessToken }),
      await t.http.patch(memberPath(user.id), { role: 'admin' }, { token: accessToken }),
      await t.http.delete(memberPath(owner.id), { token: accessToken }),
    ];
    expect(attempts.map((r) => [r.status, r.body.code])).toEqual(Array(4).fill([403, 'FORBIDDEN']));
    expect(await roleOf(user.id)).toBe(role);
    expect(await roleOf(other.id)).toBeUndefined();
  });

  it('keeps the last admin: no demotion, no removal (409 LAST_ADMIN) until another admin exists', async () => {
    const demote = await t.http.patch(memberPath(owner.id), { role: 'viewer' }, { token: ownerToken });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('LAST_ADMIN');
    const remove = await t.http.delete(memberPath(owner.id), { token: admin });
    expect(remove.status).toBe(409);
    expect(remove.body.code).toBe('LAST_ADMIN');
    expect(await roleOf(owner.id)).toBe('admin');

    // Keeping the role is no change and needs no second admin.
    expect((await t.http.patch(memberPath(owner.id), { role: 'admin' }, { token: ownerToken })).status).toBe(200);

    const second = await createUser(t, admin);
    await addMember(t, ownerToken, tenant.slug, second.email, 'admin');
    const secondToken = (await login(t, second.email, second.password)).accessToken;

    const demoted = await t.http.patch(memberPath(owner.id), { role: 'editor' }, { token: secondToken });
    expect(demoted.status).toBe(200);
    expect(await roleOf(owner.id)).toBe('editor');
    // Now `second` is the last admin.
    expect((await t.http.delete(memberPath(second.id), { token: secondToken })).body.code).toBe('LAST_ADMIN');

    const back = await t.http.patch(memberPath(owner.id), { role: 'admin' }, { token: secondToken });
    expect(back.status).toBe(200);
    expect((await t.http.delete(memberPath(second.id), { token: ownerToken })).status).toBe(204);
  });

  it('keeps an admin when two admins remove each other at the same moment', async () => {
    const second = await createUser(t, admin);
    await addMember(t, ownerToken, tenant.slug, second.email, 'admin');
    const secondToken = (await login(t, second.email, second.password)).accessToken;

    const results = await Promise.all([
      t.http.delete(memberPath(second.id), { token: ownerToken }),
      t.http.delete(memberPath(owner.id), { token: secondToken }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 409]);
    expect(results.find((r) => r.status === 409)!.body.code).toBe('LAST_ADMIN');
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM memberships WHERE tenant_id = $1 AND role = 'admin'`,
      [tenant.id],
    );
    expect(count).toBe(1);
    // Restore the owner as admin if it was the one removed, for the tests after this one.
    if ((await roleOf(owner.id)) === undefined) {
      await addMember(t, secondToken, tenant.slug, owner.email, 'admin');
      await t.http.delete(memberPath(second.id), { token: ownerToken });
    }
  });

  it('lets a superadmin who is no member manage members', async () => {
    const user = await createUser(t, admin);
    expect((await t.http.post(membersPath(), { email: user.email, role: 'viewer' }, { token: admin })).status).toBe(
      201,
    );
    expect((await t.http.get(`${membersPath()}?pageSize=1`, { token: admin })).body.results).toHaveLength(1);
    expect((await t.http.delete(memberPath(user.id), { token: admin })).status).toBe(204);
  });

  it('pages the member list', async () => {
    const res = await t.http.get(`${membersPath()}?pageSize=1&page=2`, { token: ownerToken });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.previous).toContain('page=1');
    expect((await t.http.get(`${membersPath()}?pageSize=1001`, { token: ownerToken })).status).toBe(400);
  });
});
