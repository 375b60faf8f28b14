import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

/**
 * Restore across schema changes: a revision written before a column was renamed and another was
 * dropped comes back with the renamed column's value under its new name and the dropped one
 * reported; a deleted record comes back under its id; what no longer fits is a 422.
 */
describe('records: restore across schema changes', () => {
  let t: TestApp;
  let token: string;
  let slug: string;

  const tables = () => `/api/tenants/${slug}/tables`;
  const people = () => `${tables()}/people/records`;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    slug = (await createTenant(t, token)).slug;
    const definition = {
      tables: [
        { name: 'teams', columns: [{ name: 'name', type: 'string', required: true }] },
        {
          name: 'people',
          columns: [
            { name: 'first_name', type: 'string', required: true },
            { name: 'phone', type: 'string' },
            { name: 'born', type: 'date' },
            { name: 'team', type: 'reference', references: 'teams', onDelete: 'setNull' },
          ],
        },
      ],
    };
    expect(
      (await t.http.put(`/api/tenants/${slug}/schema`, { definition, expectedVersion: 0 }, { token })).status,
    ).toBe(200);
  });

  afterAll(async () => {
    await deleteTenant(t, token, slug);
    await t.close();
  });

  it('maps a renamed column by id and reports a dropped one', async () => {
    const created = await t.http.post(people(), { first_name: 'Grace', phone: '555-1', born: '1906-12-09' }, { token });
    const id = created.body.id as string;
    await t.http.patch(`${people()}/${id}`, { first_name: 'G.', phone: '555-2' }, { token });

    expect(
      (await t.http.patch(`${tables()}/people/columns/first_name`, { name: 'given_name' }, { token })).status,
    ).toBe(200);
    expect((await t.http.delete(`${tables()}/people/columns/phone`, { token })).status).toBe(204);
    const current = await t.http.get(`${people()}/${id}`, { token });
    expect(current.body).toMatchObject({ given_name: 'G.' });
    expect(current.body).not.toHaveProperty('phone');

    const restored = await t.http.post(`${people()}/${id}/restore`, { revision: 1 }, { token });
    expect(restored.status).toBe(200);
    expect(restored.body.droppedColumns).toEqual(['phone']);
    expect(restored.body.record).toMatchObject({ id, given_name: 'Grace', born: '1906-12-09' });
    expect(restored.body.record).not.toHaveProperty('first_name');

    const history = await t.http.get(`${people()}/${id}/history`, { token });
    expect(history.body.results.map((r: any) => [r.operation, r.schemaVersion])).toEqual([
      ['create', 1],
      ['update', 1],
      ['restore', 3],
    ]);
    // Old revisions keep the names they were written under.
    expect(history.body.results[0].after).toMatchObject({ first_name: 'Grace', phone: '555-1' });
  });

  it('brings a deleted record back under its id, with its creation time', async () => {
    const created = await t.http.post(people(), { given_name: 'Alan', born: '1912-06-23' }, { token });
    const id = created.body.id as string;
    expect((await t.http.delete(`${people()}/${id}`, { token })).status).toBe(204);
    expect((await t.http.get(`${people()}/${id}`, { token })).status).toBe(404);

    const history = await t.http.get(`${people()}/${id}/history`, { token });
    expect(history.body.results.map((r: any) => r.operation)).toEqual(['create', 'delete']);
    expect(history.body.results[1]).toMatchObject({ before: created.body, after: null });

    // Either revision: the delete's restores the state it deleted.
    const restored = await t.http.post(`${people()}/${id}/restore`, { revision: 2 }, { token });
    expect(restored.status).toBe(200);
    const { updated_at: _u, updated_by: _b, ...unchanged } = created.body;
    expect(restored.body.record).toMatchObject(unchanged);
    expect((await t.http.get(`${people()}/${id}`, { token })).body).toEqual(restored.body.record);
  });

  it('refuses a revision that no longer fits (422) or does not exist (404)', async () => {
    const team = await t.http.post(`${tables()}/teams/records`, { name: 'Bletchley' }, { token });
    const created = await t.http.post(people(), { given_name: 'Joan', team: team.body.id }, { token });
    const id = created.body.id as string;
    await t.http.patch(`${people()}/${id}`, { team: null }, { token });
    await t.http.delete(`${tables()}/teams/records/${team.body.id}`, { token });

    const dangling = await t.http.post(`${people()}/${id}/restore`, { revision: 1 }, { token });
    expect(dangling.status).toBe(422);
    expect(dangling.body).toMatchObject({ code: 'REFERENCE_NOT_FOUND', details: [{ field: 'team' }] });

    // A required column added since, without a default: the old state lacks it.
    const added = await t.http.post(
      `${tables()}/people/columns`,
      { name: 'level', type: 'integer', required: true, default: 1 },
      { token },
    );
    expect(added.status).toBe(201);
    const missing = await t.http.post(`${people()}/${id}/restore`, { revision: 2 }, { token });
    expect(missing.status).toBe(200);
    expect(missing.body.record).toMatchObject({ given_name: 'Joan', team: null, level: 1 });

    const none = await t.http.post(`${people()}/${id}/restore`, { revision: 99 }, { token });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('REVISION_NOT_FOUND');
    const invalid = await t.http.post(`${people()}/${id}/restore`, { revision: 'first' }, { token });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details[0].field).toBe('revision');
  });

  it('refuses a value the table no longer allows with 422 RESTORE_REFUSED naming the column', async () => {
    const kind = await t.http.post(
      `${tables()}/people/columns`,
      { name: 'kind', type: 'enum', values: ['a', 'b'] },
      { token },
    );
    expect(kind.status).toBe(201);
    const created = await t.http.post(people(), { given_name: 'Ken', kind: 'a' }, { token });
    await t.http.patch(`${people()}/${created.body.id}`, { kind: 'b' }, { token });
    const narrowed = await t.http.patch(`${tables()}/people/columns/kind`, { values: ['b', 'c'] }, { token });
    expect(narrowed.status).toBe(200);

    const refused = await t.http.post(`${people()}/${created.body.id}/restore`, { revision: 1 }, { token });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'RESTORE_REFUSED', details: [{ field: 'kind' }] });
    expect((await t.http.get(`${people()}/${created.body.id}`, { token })).body.kind).toBe('b');
  });
});
