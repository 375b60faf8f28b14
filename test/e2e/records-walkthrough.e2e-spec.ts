import { HttpResponse } from '../utils/http-client';
import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/** The path and query of a `next`/`previous` link, for the test client. */
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/**
 * A new user's path through the record routes: the CRM template, companies and contacts, a
 * filtered, sorted and paged list with the company embedded, one contact edited twice, its
 * history, a restore of its first version, and every step in the audit log.
 */
describe('records: a new user works with CRM data', () => {
  let t: TestApp;
  let superadmin: string;
  let token: string;
  let slug: string;
  let userId: string;

  const records = (table: string) => `/api/tenants/${slug}/tables/${table}/records`;

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await t.adminToken();
    const user = await createUser(t, superadmin);
    userId = user.id;
    slug = (await createTenant(t, superadmin, { adminEmail: user.email })).slug;
    token = (await login(t, user.email, user.password)).accessToken;
  });

  afterAll(async () => {
    await deleteTenant(t, superadmin, slug);
    await t.close();
  });

  it('walks from the CRM template to a restored contact, every step audited', async () => {
    const templates = await t.http.get('/api/schema-templates', { token });
    const crm = templates.body.results.find((x: { key: string }) => x.key === 'crm');
    const applied = await t.http.put(
      `/api/tenants/${slug}/schema`,
      { definition: crm.definition, message: 'start from the CRM template', expectedVersion: 0 },
      { token },
    );
    expect(applied.status).toBe(200);

    const companies = await t.http.post(
      records('companies'),
      [
        { name: 'Acme', domain: 'acme.test', industry: 'software', employees: '120' },
        { name: 'Globex', domain: 'globex.test', industry: 'retail' },
      ],
      { token },
    );
    expect(companies.status).toBe(201);
    expect(companies.body).toHaveLength(2);
    const [acme, globex] = companies.body;
    expect(acme).toMatchObject({ name: 'Acme', employees: 120, created_by: userId, updated_by: userId });
    expect(acme.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(acme.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);

    // 24 contacts in bulk, 12 per company, then one more on its own.
    const lastNames = ['Johnson', 'Smith', 'Jackson', 'Brown', 'Davidson', 'Miller'];
    const bulk = Array.from({ length: 24 }, (_, i) => ({
      first_name: `Person${String(i).padStart(2, '0')}`,
      last_name: lastNames[i % lastNames.length],
      email: `p${i}@example.test`,
      company: i % 2 === 0 ? acme.id : globex.id,
    }));
    const created = await t.http.post(records('contacts'), bulk, { token });
    expect(created.status).toBe(201);
    expect(created.body.map((c: { email: string }) => c.email)).toEqual(bulk.map((c) => c.email));
    expect(created.body[0].status).toBe('lead');

    const ada = await t.http.post(
      records('contacts'),
      { first_name: 'Ada', last_name: 'Robinson', email: 'ada@acme.test', phone: '+1 555 0100', company: acme.id },
      { token },
    );
    expect(ada.status).toBe(201);
    const adaId = ada.body.id as string;

    // Contacts at Acme whose last name contains "son", sorted by last name then first name descending.
    const filtered = await t.http.get(
      `${records('contacts')}?company=${acme.id}&filter[last_name][icontains]=SON&sort=last_name,-first_name&pageSize=100`,
      { token },
    );
    expect(filtered.status).toBe(200);
    const expected = [...bulk.filter((c) => c.company === acme.id), { first_name: 'Ada', last_name: 'Robinson' }]
      .filter((c) => /son/i.test(c.last_name))
      .sort((a, b) => a.last_name.localeCompare(b.last_name) || b.first_name.localeCompare(a.first_name))
      .map((c) => `${c.first_name} ${c.last_name}`);
    expect(expected.length).toBeGreaterThan(3);
    expect(filtered.body.count).toBe(expected.length);
    expect(filtered.body.results.map((c: any) => `${c.first_name} ${c.last_name}`)).toEqual(expected);

    // Page through all 25 by offset, following `next`, and by cursor: the same order, nothing twice.
    const all = (await t.http.get(`${records('contacts')}?sort=email&pageSize=1000`, { token })).body.results.map(
      (c: { id: string }) => c.id,
    );
    expect(all).toHaveLength(25);
    for (const first of [
      `${records('contacts')}?sort=email&pageSize=7`,
      `${records('contacts')}?sort=email&pageSize=7&cursor=`,
    ]) {
      const seen: string[] = [];
      let next: string | null = first;
      let pages = 0;
      while (next) {
        const page: HttpResponse = await t.http.get(next, { token });
        expect(page.status).toBe(200);
        seen.push(...page.body.results.map((c: { id: string }) => c.id));
        if (first.includes('cursor')) expect(page.body.previous).toBeNull();
        else if (pages > 0) expect(page.body.previous).toContain(`page=${pages}`);
        next = page.body.next ? pathOf(page.body.next) : null;
        pages++;
      }
      expect(pages).toBe(4);
      expect(seen).toEqual(all);
    }

    // The company embedded.
    const expanded = await t.http.get(
      `${records('contacts')}?email=ada@acme.test&expand=company&fields=email,company`,
      {
        token,
      },
    );
    expect(expanded.status).toBe(200);
    expect(expanded.body.results).toEqual([
      {
        id: adaId,
        email: 'ada@acme.test',
        company: expect.objectContaining({ id: acme.id, name: 'Acme', domain: 'acme.test' }),
      },
    ]);

    // Edit twice: a patch, then a replace that leaves phone out (so it resets).
    const patched = await t.http.patch(`${records('contacts')}/${adaId}`, { status: 'customer' }, { token });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'customer', phone: '+1 555 0100' });
    const replaced = await t.http.put(
      `${records('contacts')}/${adaId}`,
      { first_name: 'Ada', last_name: 'King', email: 'ada@acme.test', company: globex.id, status: 'customer' },
      { token },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ last_name: 'King', phone: null, company: globex.id });
    expect(await t.http.get(`${records('contacts')}/${adaId}`, { token })).toMatchObject({
      status: 200,
      body: replaced.body,
    });

    // Its history: create, update, update.
    const history = await t.http.get(`${records('contacts')}/${adaId}/history`, { token });
    expect(history.status).toBe(200);
    expect(history.body.count).toBe(3);
    expect(history.body.results.map((r: any) => [r.revision, r.operation, r.actor])).toEqual([
      [1, 'create', userId],
      [2, 'update', userId],
      [3, 'update', userId],
    ]);
    expect(history.body.results[0]).toMatchObject({ before: null, after: ada.body, schemaVersion: 1 });
    expect(history.body.results[2]).toMatchObject({ before: patched.body, after: replaced.body });

    // Restore the first version.
    const restored = await t.http.post(`${records('contacts')}/${adaId}/restore`, { revision: 1 }, { token });
    expect(restored.status).toBe(200);
    expect(restored.body.droppedColumns).toEqual([]);
    const { updated_at: _u, ...original } = ada.body;
    expect(restored.body.record).toMatchObject(original);
    const after = await t.http.get(`${records('contacts')}/${adaId}/history`, { token });
    expect(after.body.results[3]).toMatchObject({ revision: 4, operation: 'restore', after: restored.body.record });

    // Every step in the audit log.
    const trail = await t.http.get(`/api/tenants/${slug}/audit?entityId=${adaId}&pageSize=100`, { token });
    expect(trail.status).toBe(200);
    const steps = [...trail.body.results].sort((a: any, b: any) => a.seq - b.seq);
    expect(steps.map((e: any) => e.action)).toEqual([
      'record.create',
      'record.update',
      'record.update',
      'record.restore',
    ]);
    expect(steps.every((e: any) => e.actorId === userId && e.entityType === 'record')).toBe(true);
    expect(steps[1].details).toMatchObject({ table: 'contacts', revision: 2, columns: ['status'] });
    expect(steps[2].details.columns).toEqual(['last_name', 'phone', 'company']);
    expect(steps[3].details).toMatchObject({ restoredRevision: 1, droppedColumns: [] });
    expect(steps[3].details.columns).toEqual(expect.arrayContaining(['last_name', 'phone', 'company', 'status']));

    const bulkEntries = await t.http.get(`/api/tenants/${slug}/audit?action=record.create&pageSize=100`, { token });
    const contactsBulk = bulkEntries.body.results.find((e: any) => e.details.table === 'contacts' && e.details.count);
    expect(contactsBulk).toMatchObject({ entityId: null, details: { count: 24 } });
    expect(contactsBulk.details.ids).toEqual(created.body.map((c: { id: string }) => c.id));
  });
});
