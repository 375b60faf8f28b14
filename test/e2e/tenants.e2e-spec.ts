import { randomUUID } from 'node:crypto';
import { LATEST_TENANT_REVISION } from '@app/tenants';
import { addMember, createTenant, deleteTenant, uniqueSlug } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';
import { sealAudit } from '../utils/sealed-audit';

describe('tenants', () => {
  let t: TestApp;
  let admin: string;
  const created: string[] = [];

  const track = <T extends { slug: string }>(tenant: T): T => {
    created.push(tenant.slug);
    return tenant;
  };
  const schemaExists = async (schema: string) =>
    (await t.db.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [schema])).length === 1;
  const tablesOf = async (schema: string): Promise<string[]> =>
    (
      await t.db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [
        schema,
      ])
    ).map((r: { table_name: string }) => r.table_name);
  const platformAudit = async (action: string, entityId: string) =>
    t.db.query(`SELECT * FROM audit_log WHERE tenant_id IS NULL AND action = $1 AND entity_id = $2`, [
      action,
      entityId,
    ]);
  const tenantAudit = async (tenantId: string) => {
    await sealAudit(t);
    return t.db.query(`SELECT * FROM audit_log WHERE tenant_id = $1 ORDER BY seq`, [tenantId]);
  };

  /** A fresh user with the given role in `slug`, and their access token. */
  async function memberToken(slug: string, role: 'admin' | 'editor' | 'viewer' | 'auditor'): Promise<string> {
    const user = await createUser(t, admin);
    await addMember(t, admin, slug, user.email, role);
    return (await login(t, user.email, user.password)).accessToken;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });

  afterAll(async () => {
    for (const slug of created) await deleteTenant(t, admin, slug);
    await t.close();
  });

  describe('create', () => {
    it('creates the row and the schema with its system tables, and audits it on the platform chain', async () => {
      const slug = uniqueSlug();
      const res = await t.http.post(
        '/api/tenants',
        { name: 'Acme Corp', slug, description: 'Our first customer' },
        { token: admin },
      );
      expect(res.status).toBe(201);
      track(res.body);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        name: 'Acme Corp',
        slug,
        description: 'Our first customer',
        schemaName: `tenant_${slug}`,
        createdAt: expect.stringMatching(/Z$/),
        updatedAt: expect.stringMatching(/Z$/),
      });

      expect(await schemaExists(`tenant_${slug}`)).toBe(true);
      expect(await tablesOf(`tenant_${slug}`)).toEqual([
        '_import_batches',
        '_record_history',
        '_record_history_batches',
      ]);
      const [row] = await t.db.query(`SELECT schema_name, system_revision FROM tenants WHERE id = $1`, [res.body.id]);
      expect(row).toEqual({ schema_name: `tenant_${slug}`, system_revision: LATEST_TENANT_REVISION });

      const audit = await platformAudit('tenant.create', res.body.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].entity_type).toBe('tenant');
      expect(audit[0].details).toEqual({ slug, name: 'Acme Corp', schemaName: `tenant_${slug}` });
      // No member was added, so the tenant's own chain is still empty.
      expect(await tenantAudit(res.body.id)).toHaveLength(0);
    });

    it.each([
      ['too short', 'ab'],
      ['upper case', 'Acme_x'],
      ['a leading digit', '1acme'],
      ['a leading underscore', '_acme'],
      ['a dash', 'ac-me'],
      ['too long', `a${'b'.repeat(41)}`],
      ['not a string', 42],
    ])('refuses a slug with %s (400 naming the field)', async (_, slug) => {
      const res = await t.http.post('/api/tenants', { name: 'X', slug }, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'slug' })]));
    });

    it('refuses a missing name, a bad adminEmail and unknown properties', async () => {
      const res = await t.http.post(
        '/api/tenants',
        { slug: uniqueSlug(), adminEmail: 'not-an-email', owner: 'x' },
        { token: admin },
      );
      expect(res.status).toBe(400);
      const fields = res.body.details.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['name', 'adminEmail', 'owner']));
    });

    it('accepts the longest slug the pattern allows', async () => {
      const slug = `l${uniqueSuffix()}`.padEnd(41, 'x');
      const tenant = track(await createTenant(t, admin, { slug }));
      expect(tenant.schemaName).toBe(`tenant_${slug}`);
    });

    it('answers 409 for a slug that is taken', async () => {
      const tenant = track(await createTenant(t, admin));
      const res = await t.http.post('/api/tenants', { name: 'Again', slug: tenant.slug }, { token: admin });
      expect(res.status).toBe(409);
      expect(res.body.details).toEqual([{ field: 'slug', message: 'is already taken' }]);
      expect(await t.db.query(`SELECT 1 FROM tenants WHERE slug = $1`, [tenant.slug])).toHaveLength(1);
    });

    it('lets only one of two simultaneous creates with one slug win', async () => {
      const slug = uniqueSlug();
      const results = await Promise.all(
        [1, 2].map((n) => t.http.post('/api/tenants', { name: `Racer ${n}`, slug }, { token: admin })),
      );
      const winner = results.find((r) => r.status === 201);
      if (winner) track(winner.body);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await t.db.query(`SELECT 1 FROM tenants WHERE slug = $1`, [slug])).toHaveLength(1);
      expect(await schemaExists(`tenant_${slug}`)).toBe(true);
    });

    it('is for superadmins only (403)', async () => {
      const user = await createUser(t, admin);
      const { accessToken } = await login(t, user.email, user.password);
      const slug = uniqueSlug();
      const res = await t.http.post('/api/tenants', { name: 'Mine', slug }, { token: accessToken });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(await schemaExists(`tenant_${slug}`)).toBe(false);
    });

    it('creates nothing when adminEmail names no user (422)', async () => {
      const slug = uniqueSlug();
      const res = await t.http.post(
        '/api/tenants',
        { name: 'Ghost', slug, adminEmail: `nobody_${uniqueSuffix()}@example.test` },
        { token: admin },
      );
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('USER_NOT_FOUND');
      expect(await t.db.query(`SELECT 1 FROM tenants WHERE slug = $1`, [slug])).toHaveLength(0);
      expect(await schemaExists(`tenant_${slug}`)).toBe(false);
    });

    it('makes adminEmail the first admin, audited on the tenant chain', async () => {
      const user = await createUser(t, admin);
      const tenant = track(await createTenant(t, admin, { adminEmail: user.email.toUpperCase() }));
      const [membership] = await t.db.query(`SELECT role FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [
        tenant.id,
        user.id,
      ]);
      expect(membership).toEqual({ role: 'admin' });
      const audit = await tenantAudit(tenant.id);
      expect(audit.map((a: { action: string; seq: string }) => [a.action, Number(a.seq)])).toEqual([
        ['tenant.member.add', 1],
      ]);
      expect(audit[0].details).toEqual({ userId: user.id, email: user.email, role: 'admin' });
      const { accessToken } = await login(t, user.email, user.password);
      expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token: accessToken })).status).toBe(200);
    });
  });

  describe('list', () => {
    it('shows a superadmin every tenant and a member only theirs, with search and pages', async () => {
      const prefix = `ls_${uniqueSuffix()}`;
      const one = track(await createTenant(t, admin, { slug: `${prefix}_one`, name: 'Alpha Widgets' }));
      const two = track(await createTenant(t, admin, { slug: `${prefix}_two`, name: 'Beta Gadgets' }));
      const three = track(await createTenant(t, admin, { slug: `${prefix}_three`, name: 'Gamma' }));

      const all = await t.http.get(`/api/tenants?search=${prefix}&pageSize=1000`, { token: admin });
      expect(all.status).toBe(200);
      expect(all.body.count).toBe(3);
      expect(all.body.results.map((x: { slug: string }) => x.slug).sort()).toEqual(
        [one.slug, two.slug, three.slug].sort(),
      );

      const byName = await t.http.get(`/api/tenants?search=${encodeURIComponent('gAdGeT')}&pageSize=1000`, {
        token: admin,
      });
      expect(byName.body.results.map((x: { slug: string }) => x.slug)).toContain(two.slug);
      expect(byName.body.results.map((x: { slug: string }) => x.slug)).not.toContain(one.slug);

      const paged = await t.http.get(`/api/tenants?search=${prefix}&pageSize=2&page=1`, { token: admin });
      expect(paged.body.count).toBe(3);
      expect(paged.body.results).toHaveLength(2);
      expect(paged.body.next).toContain('page=2');
      expect(paged.body.previous).toBeNull();

      const user = await createUser(t, admin);
      await addMember(t, admin, one.slug, user.email, 'viewer');
      await addMember(t, admin, three.slug, user.email, 'auditor');
      const { accessToken } = await login(t, user.email, user.password);
      const mine = await t.http.get('/api/tenants?pageSize=1000', { token: accessToken });
      expect(mine.status).toBe(200);
      expect(mine.body.count).toBe(2);
      expect(mine.body.results.map((x: { slug: string }) => x.slug).sort()).toEqual([one.slug, three.slug].sort());

      const stranger = await createUser(t, admin);
      const strangerToken = (await login(t, stranger.email, stranger.password)).accessToken;
      const none = await t.http.get('/api/tenants', { token: strangerToken });
      expect(none.body).toEqual({ count: 0, next: null, previous: null, results: [] });
    });

    it('refuses a pageSize above 1000', async () => {
      const res = await t.http.get('/api/tenants?pageSize=1001', { token: admin });
      expect(res.status).toBe(400);
    });
  });

  describe('read and update', () => {
    let slug: string;
    let tenantId: string;
    const tokens: Record<string, string> = {};
    let otherAdmin: string;
    let otherSlug: string;

    beforeAll(async () => {
      const tenant = track(await createTenant(t, admin, { name: 'Readable', description: 'first' }));
      slug = tenant.slug;
      tenantId = tenant.id;
      for (const role of ['admin', 'editor', 'viewer', 'auditor'] as const)
        tokens[role] = await memberToken(slug, role);
      otherSlug = track(await createTenant(t, admin)).slug;
      otherAdmin = await memberToken(otherSlug, 'admin');
    });

    it.each(['admin', 'editor', 'viewer', 'auditor'])('lets a %s read the tenant', async (role) => {
      const res = await t.http.get(`/api/tenants/${slug}`, { token: tokens[role] });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: tenantId, slug, name: 'Readable', schemaName: `tenant_${slug}` });
    });

    it('hides the tenant from the admin of another tenant (404 on every route)', async () => {
      const routes: Array<[string, string, unknown?]> = [
        ['GET', `/api/tenants/${slug}`],
        ['PATCH', `/api/tenants/${slug}`, { name: 'Hijacked' }],
        ['DELETE', `/api/tenants/${slug}?confirm=${slug}`],
        ['GET', `/api/tenants/${slug}/members`],
        ['POST', `/api/tenants/${slug}/members`, { email: 'x@example.test', role: 'viewer' }],
        ['PATCH', `/api/tenants/${slug}/members/${randomUUID()}`, { role: 'viewer' }],
        ['DELETE', `/api/tenants/${slug}/members/${randomUUID()}`],
      ];
      for (const [method, path, body] of routes) {
        const res = await t.http.request(method, path, { token: otherAdmin, body });
        expect([method, path, res.status, res.body.code]).toEqual([method, path, 404, 'TENANT_NOT_FOUND']);
      }
      expect((await t.http.get(`/api/tenants/${slug}`, { token: admin })).body.name).toBe('Readable');
    });

    it('is the same 404 for a tenant that does not exist', async () => {
      const res = await t.http.get(`/api/tenants/no_such_${uniqueSuffix()}`, { token: tokens.admin });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    });

    it('answers the row byte for byte as toISOString writes its timestamps (truncated to the millisecond)', async () => {
      await t.db.query(
        `UPDATE tenants SET created_at = '2024-02-29 23:59:59.999999+00', updated_at = '2025-01-01 00:00:00.0005+00'
          WHERE id = $1`,
        [tenantId],
      );
      const res = await t.http.get(`/api/tenants/${slug}`, { token: tokens.viewer });
      expect(res.status).toBe(200);
      // As a row read by the driver (timestamps as Dates) and written out with toISOString.
      const [row] = await t.db.query(`SELECT * FROM tenants WHERE id = $1`, [tenantId]);
      const expected = {
        id: row.id,
        name: row.name,
        slug: row.slug,
        description: row.description,
        schemaName: row.schema_name,
        createdAt: (row.created_at as Date).toISOString(),
        updatedAt: (row.updated_at as Date).toISOString(),
      };
      expect(res.text).toBe(JSON.stringify(expected));
      expect([res.body.createdAt, res.body.updatedAt]).toEqual([
        '2024-02-29T23:59:59.999Z',
        '2025-01-01T00:00:00.000Z',
      ]);
    });

    it.each(['editor', 'viewer', 'auditor'])('refuses a %s the update (403)', async (role) => {
      const res = await t.http.patch(`/api/tenants/${slug}`, { name: 'Nope' }, { token: tokens[role] });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('lets the admin change name and description, audited on the tenant chain', async () => {
      const res = await t.http.patch(
        `/api/tenants/${slug}`,
        { name: 'Renamed', description: 'second' },
        { token: tokens.admin },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ slug, name: 'Renamed', description: 'second', schemaName: `tenant_${slug}` });
      expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.createdAt));
      const audit = (await tenantAudit(tenantId)).filter((a: { action: string }) => a.action === 'tenant.update');
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toEqual({
        before: { name: 'Readable', description: 'first' },
        after: { name: 'Renamed', description: 'second' },
      });
      expect((await t.http.get(`/api/tenants/${slug}`, { token: tokens.viewer })).body.name).toBe('Renamed');
      await t.http.patch(`/api/tenants/${slug}`, { name: 'Readable' }, { token: tokens.admin });
    });

    it('never changes the slug (400)', async () => {
      const res = await t.http.patch(`/api/tenants/${slug}`, { slug: 'other_slug' }, { token: tokens.admin });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'slug' })]);
      expect((await t.http.get(`/api/tenants/${slug}`, { token: admin })).status).toBe(200);
    });

    it('refuses an empty name (400)', async () => {
      const res = await t.http.patch(`/api/tenants/${slug}`, { name: '  ' }, { token: tokens.admin });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    });
  });

  describe('delete', () => {
    it('needs the matching confirm, drops the schema and row, audits it, and frees the slug', async () => {
      const user = await createUser(t, admin);
      const tenant = await createTenant(t, admin, { adminEmail: user.email });
      const tenantAdmin = (await login(t, user.email, user.password)).accessToken;

      const missing = await t.http.delete(`/api/tenants/${tenant.slug}`, { token: admin });
      expect(missing.status).toBe(400);
      expect(missing.body.code).toBe('CONFIRMATION_REQUIRED');
      const wrong = await t.http.delete(`/api/tenants/${tenant.slug}?confirm=${tenant.slug}x`, { token: admin });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('CONFIRMATION_REQUIRED');
      const byTenantAdmin = await t.http.delete(`/api/tenants/${tenant.slug}?confirm=${tenant.slug}`, {
        token: tenantAdmin,
      });
      expect(byTenantAdmin.status).toBe(403);
      expect(await schemaExists(tenant.schemaName)).toBe(true);

      const res = await t.http.delete(`/api/tenants/${tenant.slug}?confirm=${tenant.slug}`, { token: admin });
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await schemaExists(tenant.schemaName)).toBe(false);
      expect(await t.db.query(`SELECT 1 FROM tenants WHERE id = $1`, [tenant.id])).toHaveLength(0);
      expect(await t.db.query(`SELECT 1 FROM memberships WHERE tenant_id = $1`, [tenant.id])).toHaveLength(0);
      expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token: admin })).status).toBe(404);

      const audit = await platformAudit('tenant.delete', tenant.id);
      expect(audit).toHaveLength(1);
      expect(audit[0].details).toEqual({ slug: tenant.slug, name: tenant.name, schemaName: tenant.schemaName });

      const again = track(await createTenant(t, admin, { slug: tenant.slug }));
      expect(again.id).not.toBe(tenant.id);
      expect(await tablesOf(again.schemaName)).toEqual([
        '_import_batches',
        '_record_history',
        '_record_history_batches',
      ]);
      // The old admin was a member of the deleted tenant only: the new one is hidden from them.
      expect((await t.http.get(`/api/tenants/${tenant.slug}`, { token: tenantAdmin })).status).toBe(404);
    });

    it('drops tables a tenant made in its schema too', async () => {
      const tenant = await createTenant(t, admin);
      await t.db.query(`CREATE TABLE "${tenant.schemaName}"."customers" (id uuid PRIMARY KEY)`);
      const res = await t.http.delete(`/api/tenants/${tenant.slug}?confirm=${tenant.slug}`, { token: admin });
      expect(res.status).toBe(204);
      expect(await schemaExists(tenant.schemaName)).toBe(false);
    });

    it('is a 404 for an unknown tenant', async () => {
      const slug = `gone_${uniqueSuffix()}`;
      const res = await t.http.delete(`/api/tenants/${slug}?confirm=${slug}`, { token: admin });
      expect(res.status).toBe(404);
    });
  });
});
