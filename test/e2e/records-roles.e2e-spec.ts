import { addMember, createTenant, deleteTenant, TenantRoleName } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';

type Caller = TenantRoleName | 'superadmin' | 'outsider';

/**
 * Who may do what with records: viewers read, editors and admins write, auditors see nothing
 * (403), superadmins everything, members of another tenant learn nothing (404).
 */
describe('records: roles', () => {
  let t: TestApp;
  let superadmin: string;
  let slug: string;
  let recordId: string;
  const tokens: Partial<Record<Caller, string>> = {};

  const base = () => `/api/tenants/${slug}/tables/notes`;

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await t.adminToken();
    tokens.superadmin = superadmin;
    slug = (await createTenant(t, superadmin)).slug;
    const other = (await createTenant(t, superadmin)).slug;
    for (const role of ['admin', 'editor', 'viewer', 'auditor'] as const) {
      const user = await createUser(t, superadmin);
      await addMember(t, superadmin, slug, user.email, role);
      tokens[role] = (await login(t, user.email, user.password)).accessToken;
    }
    const outsider = await createUser(t, superadmin);
    await addMember(t, superadmin, other, outsider.email, 'admin');
    tokens.outsider = (await login(t, outsider.email, outsider.password)).accessToken;
    const definition = { tables: [{ name: 'notes', columns: [{ name: 'body', type: 'text', required: true }] }] };
    await t.http.put(`/api/tenants/${slug}/schema`, { definition, expectedVersion: 0 }, { token: superadmin });
    recordId = (await t.http.post(`${base()}/records`, { body: 'first' }, { token: superadmin })).body.id;
  });

  afterAll(async () => {
    await deleteTenant(t, superadmin, slug);
    await t.close();
  });

  const read = async (caller: Caller) =>
    Promise.all(
      [
        `${base()}/records`,
        `${base()}/records/${recordId}`,
        `${base()}/records/${recordId}/history`,
        `${base()}/aggregate`,
      ].map(async (path) => (await t.http.get(path, { token: tokens[caller] })).status),
    );

  /** Create, patch, replace, restore, then delete a fresh record; the statuses in that order. */
  const write = async (caller: Caller) => {
    const token = tokens[caller];
    const created = await t.http.post(`${base()}/records`, { body: `by ${caller}` }, { token });
    const id = created.status === 201 ? created.body.id : recordId;
    const statuses = [created.status];
    statuses.push((await t.http.patch(`${base()}/records/${id}`, { body: 'patched' }, { token })).status);
    statuses.push((await t.http.put(`${base()}/records/${id}`, { body: 'replaced' }, { token })).status);
    statuses.push((await t.http.post(`${base()}/records/${id}/restore`, { revision: 1 }, { token })).status);
    if (created.status === 201) statuses.push((await t.http.delete(`${base()}/records/${id}`, { token })).status);
    else statuses.push((await t.http.delete(`${base()}/records/${recordId}`, { token })).status);
    return statuses;
  };

  it.each([
    ['superadmin', [200, 200, 200, 200], [201, 200, 200, 200, 204]],
    ['admin', [200, 200, 200, 200], [201, 200, 200, 200, 204]],
    ['editor', [200, 200, 200, 200], [201, 200, 200, 200, 204]],
    ['viewer', [200, 200, 200, 200], [403, 403, 403, 403, 403]],
    ['auditor', [403, 403, 403, 403], [403, 403, 403, 403, 403]],
    ['outsider', [404, 404, 404, 404], [404, 404, 404, 404, 404]],
  ] as Array<[Caller, number[], number[]]>)('%s reads %j and writes %j', async (caller, reads, writes) => {
    expect(await read(caller)).toEqual(reads);
    expect(await write(caller)).toEqual(writes);
  });

  it('left the refused callers no trace', async () => {
    const listed = await t.http.get(`${base()}/records?pageSize=100`, { token: superadmin });
    expect(listed.body.results.map((r: { body: string }) => r.body)).toEqual(['first']);
  });
});
