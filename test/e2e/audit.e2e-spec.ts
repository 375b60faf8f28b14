import { AuditService } from '@app/audit';
import { systemActor } from '@app/core';
import { randomUUID } from 'node:crypto';
import { createUser, login } from '../factories/users.factory';
import { asDatabaseSuperuser } from '../utils/superuser-database';
import { startTestApp, TestApp } from '../utils/test-app';
import { uniqueSuffix } from '../utils/test-database';

describe('audit trail', () => {
  let t: TestApp;
  let admin: string;
  let slug: string;
  let tenantAdmin: { id: string; email: string; password: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    tenantAdmin = await createUser(t, admin);
    slug = `audit_${uniqueSuffix()}`;
    const created = await t.http.post(
      '/api/tenants',
      { name: 'Audit Co', slug, adminEmail: tenantAdmin.email },
      { token: admin },
    );
    expect(created.status).toBe(201);
  });

  afterAll(async () => {
    await t.http.delete(`/api/tenants/${slug}?confirm=${slug}`, { token: admin });
    await t.close();
  });

  async function memberToken(role: string): Promise<string> {
    const user = await createUser(t, admin);
    const added = await t.http.post(`/api/tenants/${slug}/members`, { email: user.email, role }, { token: admin });
    expect(added.status).toBe(201);
    return (await login(t, user.email, user.password)).accessToken;
  }

  it("lists the tenant's chain from seq 1 without gaps, each entry linked to the one before", async () => {
    const res = await t.http.get(`/api/tenants/${slug}/audit?pageSize=1000`, { token: admin });
    expect(res.status).toBe(200);
    const entries = res.body.results as Array<{ seq: number; hash: string; prevHash: string; action: string }>;
    expect(res.body.count).toBe(entries.length);
    expect(entries.length).toBeGreaterThan(0);
    entries.forEach((entry, i) => {
      expect(entry.seq).toBe(i + 1);
      expect(entry.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1].hash);
    });
    expect(entries.map((e) => e.action)).toContain('tenant.member.add');
    expect(Object.keys(entries[0]).sort()).toEqual(
      [
        'id',
        'seq',
        'at',
        'actorId',
        'actorEmail',
        'action',
        'entityType',
        'entityId',
        'requestId',
        'ip',
        'details',
        'hash',
        'prevHash',
        'keyId',
        'signature',
      ].sort(),
    );
  });

  it('records who acted and from which request', async () => {
    const requestId = `req-${uniqueSuffix()}`;
    const user = await createUser(t, admin);
    const res = await t.http.post(
      `/api/tenants/${slug}/members`,
      { email: user.email, role: 'viewer' },
      { token: admin, headers: { 'x-request-id': requestId } },
    );
    expect(res.status).toBe(201);
    const list = await t.http.get(`/api/tenants/${slug}/audit?action=tenant.member.add&ordering=-seq`, {
      token: admin,
    });
    const entry = list.body.results[0];
    expect(entry.requestId).toBe(requestId);
    expect(entry.actorEmail).toBe('superadmin@strata.test');
    expect(entry.ip).toBeTruthy();
  });

  it('filters by action, entity and time', async () => {
    const none = await t.http.get(`/api/tenants/${slug}/audit?action=no.such.action`, { token: admin });
    expect(none.body).toMatchObject({ count: 0, results: [] });
    const future = await t.http.get(`/api/tenants/${slug}/audit?from=2999-01-01T00:00:00Z`, { token: admin });
    expect(future.body.count).toBe(0);
    const bad = await t.http.get(`/api/tenants/${slug}/audit?from=yesterday`, { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('from');
  });

  it('exports the chain as NDJSON and CSV, each export recorded first as an audit.export entry', async () => {
    const auditor = await memberToken('auditor');
    const ndjson = await t.http.get(`/api/tenants/${slug}/audit/export?format=ndjson`, { token: auditor });
    expect(ndjson.status).toBe(200);
    expect(ndjson.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = ndjson.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const list = await t.http.get(`/api/tenants/${slug}/audit?pageSize=1000`, { token: admin });
    expect(lines.map((l) => l.id)).toEqual(list.body.results.map((e: { id: string }) => e.id));
    const recorded = lines[lines.length - 1];
    expect(recorded).toMatchObject({
      action: 'audit.export',
      entityType: 'audit_chain',
      details: { format: 'ndjson', filter: {} },
    });
    expect(recorded.actorId).toBeTruthy();

    const csv = await t.http.get(`/api/tenants/${slug}/audit/export?format=csv&action=tenant.member.add`, {
      token: admin,
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain(`audit-${slug}.csv`);
    const rows = csv.text.trim().split('\n');
    expect(rows[0]).toBe(
      'id,seq,at,actorId,actorEmail,action,entityType,entityId,requestId,ip,details,hash,prevHash,keyId,signature',
    );
    const added = await t.http.get(`/api/tenants/${slug}/audit?action=tenant.member.add`, { token: admin });
    expect(rows).toHaveLength(added.body.count + 1);
    const exports = await t.http.get(`/api/tenants/${slug}/audit?action=audit.export&ordering=-seq`, { token: admin });
    expect(exports.body.count).toBe(2);
    expect(exports.body.results[0]).toMatchObject({
      actorEmail: 'superadmin@strata.test',
      details: { format: 'csv', filter: { action: 'tenant.member.add' } },
    });
  });

  it('lets admins and auditors read it, and no other role', async () => {
    const auditor = await memberToken('auditor');
    expect((await t.http.get(`/api/tenants/${slug}/audit`, { token: auditor })).status).toBe(200);
    expect((await t.http.get(`/api/tenants/${slug}/audit/verify`, { token: auditor })).status).toBe(200);
    for (const role of ['viewer', 'editor']) {
      const token = await memberToken(role);
      const res = await t.http.get(`/api/tenants/${slug}/audit`, { token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    const stranger = await createUser(t, admin);
    const outsider = (await login(t, stranger.email, stranger.password)).accessToken;
    expect((await t.http.get(`/api/tenants/${slug}/audit`, { token: outsider })).status).toBe(404);
    expect((await t.http.get('/api/audit', { token: auditor })).status).toBe(403);
  });

  it('keeps platform events on the platform chain', async () => {
    const res = await t.http.get('/api/audit?action=tenant.create&pageSize=1000', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.results.some((e: { details: { slug?: string } }) => e.details.slug === slug)).toBe(true);
    const tenantChain = await t.http.get(`/api/tenants/${slug}/audit?action=tenant.create`, { token: admin });
    expect(tenantChain.body.count).toBe(0);
    const verify = await t.http.get('/api/audit/verify', { token: admin });
    expect(verify.body.valid).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of entries and signing keys in the database', async () => {
    // The app's role is not granted them; the trigger refuses them even to the owner.
    await expect(t.db.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id IS NULL`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(t.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM audit_signing_keys`)).rejects.toThrow(/permission denied/);
    await asDatabaseSuperuser(async (owner) => {
      await expect(owner.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id IS NULL`)).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`UPDATE audit_signing_keys SET public_key = 'x'`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM audit_signing_keys`)).rejects.toThrow(/append-only/);
    });
  });

  it('sequences concurrent writers of one chain without gaps or forks', async () => {
    const chain = randomUUID();
    const audit = t.app.get(AuditService);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        t.db.transaction((manager) =>
          audit.record(manager, systemActor(), {
            tenantId: chain,
            action: 'test.write',
            entityType: 'test',
            details: { i },
          }),
        ),
      ),
    );
    // Reading the chain seals what has committed.
    const list = await t.http.get(`/api/audit/chains/${chain}?pageSize=100`, { token: admin });
    expect(list.body.count).toBe(25);
    const rows: Array<{ seq: string }> = await t.db.query(
      `SELECT seq FROM audit_log WHERE tenant_id = $1 ORDER BY seq`,
      [chain],
    );
    expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    const verify = await t.http.get(`/api/audit/chains/${chain}/verify`, { token: admin });
    expect(verify.body).toEqual({ valid: true, checked: 25, firstBrokenId: null });
  });

  it('refuses to record outside a transaction', async () => {
    const audit = t.app.get(AuditService);
    await expect(
      audit.record(t.db.manager, systemActor(), { tenantId: null, action: 'test.write', entityType: 'test' }),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('verify names the first entry altered directly in the database', async () => {
    const before = await t.http.get(`/api/tenants/${slug}/audit/verify`, { token: admin });
    expect(before.body).toMatchObject({ valid: true, firstBrokenId: null });
    expect(before.body.checked).toBeGreaterThan(1);

    const list = await t.http.get(`/api/tenants/${slug}/audit?pageSize=1000`, { token: admin });
    const target = list.body.results[1];
    // Only a database superuser can switch triggers off; the app's role never can.
    await asDatabaseSuperuser(
      (owner) =>
        owner.query(`UPDATE audit_log SET details = '{"role":"admin","forged":true}' WHERE id = $1`, [target.id]),
      { triggersOff: true },
    );

    const after = await t.http.get(`/api/tenants/${slug}/audit/verify`, { token: admin });
    expect(after.status).toBe(200);
    expect(after.body).toEqual({ valid: false, checked: 2, firstBrokenId: target.id });
  });
});
