import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { createUser, login } from '../factories/users.factory';
import { startTestApp, TestApp } from '../utils/test-app';
import { TenantMigrationRunner } from '@app/tenants';
import { sealAudit } from '../utils/sealed-audit';

/**
 * A new tenant admin's path through the schema routes: a CRM built step by step, a type change,
 * a refused type change, a drop of a column holding data, a rollback that brings it back, exports,
 * drift, purge, the per-tenant OpenAPI, and the audit trail of it all.
 */
describe('schema: a new user builds a CRM', () => {
  let t: TestApp;
  let superadmin: string;
  let token: string;
  let slug: string;
  let tenantId: string;
  let schema: string;

  const base = () => `/api/tenants/${slug}`;
  const columnsOf = async (table: string) =>
    (
      await t.db.query(
        `SELECT column_name AS name, data_type AS type FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = $2 ORDER BY column_name`,
        [schema, table],
      )
    ).map((r: { name: string; type: string }) => `${r.name}:${r.type}`);

  beforeAll(async () => {
    t = await startTestApp();
    superadmin = await t.adminToken();
    const user = await createUser(t, superadmin);
    const tenant = await createTenant(t, superadmin, { adminEmail: user.email });
    ({ slug, id: tenantId, schemaName: schema } = tenant);
    token = (await login(t, user.email, user.password)).accessToken;
  });

  afterAll(async () => {
    await deleteTenant(t, superadmin, slug);
    await t.close();
  });

  it('walks from version 0 to a CRM, through a type change, a drop and a rollback, and loses nothing', async () => {
    const start = await t.http.get(`${base()}/schema`, { token });
    expect(start.status).toBe(200);
    expect(start.body).toEqual({ version: 0, definition: { tables: [] }, createdAt: null, createdBy: null });

    const templates = await t.http.get('/api/schema-templates', { token });
    expect(templates.status).toBe(200);
    expect(templates.body.results.map((x: { key: string }) => x.key)).toEqual(
      expect.arrayContaining(['crm', 'inventory']),
    );

    const companies = await t.http.post(
      `${base()}/tables`,
      {
        name: 'companies',
        description: 'Firms we sell to',
        columns: [
          { name: 'name', type: 'string', maxLength: 200, required: true },
          { name: 'domain', type: 'string', unique: true },
        ],
        message: 'companies',
        expectedVersion: 0,
      },
      { token },
    );
    expect(companies.status).toBe(201);
    expect(companies.body.version).toBe(1);
    expect(companies.body.definition.tables[0].id).toMatch(/^t_/);

    const contacts = await t.http.post(
      `${base()}/tables`,
      {
        name: 'contacts',
        columns: [
          { name: 'email', type: 'email', required: true, unique: true },
          { name: 'company', type: 'reference', references: 'companies', onDelete: 'restrict' },
        ],
      },
      { token },
    );
    expect(contacts.status).toBe(201);
    const score = await t.http.post(`${base()}/tables/contacts/columns`, { name: 'score', type: 'string' }, { token });
    expect(score.status).toBe(201);
    const notes = await t.http.post(`${base()}/tables/contacts/columns`, { name: 'notes', type: 'text' }, { token });
    expect(notes.body.version).toBe(4);

    const [company] = await t.db.query(`INSERT INTO "${schema}".companies (name) VALUES ('Acme') RETURNING id`);
    await t.db.query(
      `INSERT INTO "${schema}".contacts (email, company, score, notes)
       VALUES ('a@acme.test', $1, '12', 'likes tea'), ('b@acme.test', $1, '7', 'call back')`,
      [company.id],
    );

    // A type change whose values convert.
    const toInteger = await t.http.patch(`${base()}/tables/contacts/columns/score`, { type: 'integer' }, { token });
    expect(toInteger.status).toBe(200);
    expect(toInteger.body.version).toBe(5);
    expect(await columnsOf('contacts')).toContain('score:integer');
    expect(
      (await t.db.query(`SELECT score FROM "${schema}".contacts ORDER BY email`)).map((r: any) => r.score),
    ).toEqual([12, 7]);

    // One whose values cannot convert: 422 naming the rows, nothing changed.
    const refused = await t.http.patch(`${base()}/tables/contacts/columns/notes`, { type: 'integer' }, { token });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('SCHEMA_CHANGE_REFUSED');
    expect(refused.body.message).toContain('2 rows');
    expect(refused.body.details[0].message).toContain('likes tea');
    expect(await columnsOf('contacts')).toContain('notes:text');
    expect((await t.http.get(`${base()}/schema`, { token })).body.version).toBe(5);

    // Drop a column holding data: set aside, listed with its rows.
    const dropped = await t.http.delete(`${base()}/tables/contacts/columns/notes?message=no%20more%20notes`, { token });
    expect(dropped.status).toBe(204);
    expect(await columnsOf('contacts')).not.toContain('notes:text');
    const retained = await t.http.get(`${base()}/schema/retained`, { token });
    expect(retained.status).toBe(200);
    expect(retained.body).toMatchObject({ count: 1, next: null, previous: null });
    expect(retained.body.results[0]).toMatchObject({
      kind: 'column',
      table: 'contacts',
      column: 'notes',
      droppedInVersion: 6,
      rows: 2,
    });

    // Roll back: the column comes back with its values.
    const rollback = await t.http.post(`${base()}/schema/rollback`, { toVersion: 5, message: 'notes back' }, { token });
    expect(rollback.status).toBe(201);
    expect(rollback.body.version).toBe(7);
    const v5 = await t.http.get(`${base()}/schema/versions/5`, { token });
    expect(rollback.body.definition).toEqual(v5.body.definition);
    expect(
      (await t.db.query(`SELECT notes FROM "${schema}".contacts ORDER BY email`)).map((r: any) => r.notes),
    ).toEqual(['likes tea', 'call back']);
    expect((await t.http.get(`${base()}/schema/retained`, { token })).body.count).toBe(0);

    // Every version with readable up and down SQL.
    const versions = await t.http.get(`${base()}/schema/versions?pageSize=3`, { token });
    expect(versions.status).toBe(200);
    expect(versions.body.count).toBe(7);
    expect(versions.body.results.map((v: { version: number }) => v.version)).toEqual([7, 6, 5]);
    expect(versions.body.next).toContain('page=2');
    expect(versions.body.results[1]).toMatchObject({ message: 'no more notes', operations: [{ kind: 'dropColumn' }] });
    for (let n = 1; n <= 7; n++) {
      const v = await t.http.get(`${base()}/schema/versions/${n}`, { token });
      expect(v.status).toBe(200);
      expect(v.body.migration.up).toMatch(/^(CREATE|ALTER|COMMENT)/m);
      expect(v.body.migration.down.length).toBeGreaterThan(0);
      expect(v.body.migration.up).toContain(`"${schema}".`);
    }
    expect((await t.http.get(`${base()}/schema/versions/5`, { token })).body.migration.up).toContain(
      'TYPE integer USING',
    );

    const diff = await t.http.get(`${base()}/schema/diff?from=4&to=5`, { token });
    expect(diff.status).toBe(200);
    expect(diff.body.operations.map((o: { kind: string }) => o.kind)).toEqual(['changeType']);
    expect(diff.body.sql.up).toContain('ALTER TABLE');

    await sealAudit(t);
    const audit = await t.db.query(
      `SELECT entity_id, details FROM audit_log WHERE tenant_id = $1 AND action = 'schema.version.apply' ORDER BY seq`,
      [tenantId],
    );
    expect(audit.map((a: { entity_id: string }) => a.entity_id)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(audit[5].details).toMatchObject({ version: 6, operations: [{ kind: 'dropColumn', column: 'notes' }] });
  });

  it('guards against lost updates and refuses an invalid definition with every problem', async () => {
    const current = (await t.http.get(`${base()}/schema`, { token })).body;
    const stale = await t.http.put(
      `${base()}/schema`,
      { definition: current.definition, expectedVersion: current.version - 1 },
      { token },
    );
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('SCHEMA_VERSION_CONFLICT');

    const invalid = await t.http.put(
      `${base()}/schema`,
      {
        definition: { tables: [{ name: 'Bad Name', columns: [{ name: 'x', type: 'nope' }] }] },
        expectedVersion: current.version,
      },
      { token },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['definition.tables[0].name', 'definition.tables[0].columns[0].type']),
    );

    const same = await t.http.put(
      `${base()}/schema`,
      { definition: current.definition, expectedVersion: current.version },
      { token },
    );
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(current.version);
  });

  it('plans without changing anything', async () => {
    const current = (await t.http.get(`${base()}/schema`, { token })).body;
    const next = structuredClone(current.definition);
    next.tables.push({ name: 'deals', columns: [{ name: 'amount', type: 'decimal', precision: 12, scale: 2 }] });
    next.tables[1].columns = next.tables[1].columns.filter((c: { name: string }) => c.name !== 'notes');
    const plan = await t.http.post(`${base()}/schema/plan`, { definition: next }, { token });
    expect(plan.status).toBe(200);
    expect(plan.body.valid).toBe(true);
    expect(plan.body.operations.map((o: { kind: string }) => o.kind)).toEqual(
      expect.arrayContaining(['createTable', 'dropColumn']),
    );
    expect(plan.body.warnings[0].field).toBe('contacts.notes');
    expect(plan.body.sql.up).toContain('CREATE TABLE');
    expect(await columnsOf('deals')).toEqual([]);
    expect((await t.http.get(`${base()}/schema`, { token })).body.version).toBe(current.version);

    const bad = await t.http.post(`${base()}/schema/plan`, { definition: { tables: [{ name: 'select' }] } }, { token });
    expect(bad.status).toBe(200);
    expect(bad.body.valid).toBe(false);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain('tables[0].name');
  });

  it('exports the definition as JSON, SQL and Mermaid files', async () => {
    const json = await t.http.get(`${base()}/schema/export?format=json`, { token });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/attachment; filename="schema-.*\.json"/);
    expect(json.body.tables.map((x: { name: string }) => x.name)).toEqual(['companies', 'contacts']);
    const ddl = await t.http.get(`${base()}/schema/export?format=sql`, { token });
    expect(ddl.headers.get('content-type')).toContain('application/sql');
    expect(ddl.text).toContain(`CREATE TABLE "${schema}"."contacts"`);
    const mermaid = await t.http.get(`${base()}/schema/export?format=mermaid`, { token });
    expect(mermaid.text).toContain('contacts }o--o| companies : company');
    expect((await t.http.get(`${base()}/schema/export?format=xml`, { token })).status).toBe(400);
  });

  it('lists, reads, renames and drops tables step by step', async () => {
    const list = await t.http.get(`${base()}/tables`, { token });
    expect(list.body).toMatchObject({ count: 2, next: null, previous: null });
    const one = await t.http.get(`${base()}/tables/companies`, { token });
    expect(one.body).toMatchObject({ name: 'companies', description: 'Firms we sell to' });
    expect((await t.http.get(`${base()}/tables/nope`, { token })).status).toBe(404);

    const renamed = await t.http.patch(`${base()}/tables/companies`, { name: 'firms', description: null }, { token });
    expect(renamed.status).toBe(200);
    const contacts = renamed.body.definition.tables.find((x: { name: string }) => x.name === 'contacts');
    expect(contacts.columns.find((c: { name: string }) => c.name === 'company').references).toBe('firms');
    expect((await t.db.query(`SELECT name FROM "${schema}".firms`)).map((r: any) => r.name)).toEqual(['Acme']);

    const scratch = await t.http.post(
      `${base()}/tables`,
      { name: 'scratch', columns: [{ name: 'x', type: 'text' }] },
      { token },
    );
    expect(scratch.status).toBe(201);
    await t.db.query(`INSERT INTO "${schema}".scratch (x) VALUES ('keep me')`);
    expect((await t.http.delete(`${base()}/tables/scratch`, { token })).status).toBe(204);
    expect((await t.http.delete(`${base()}/tables/scratch/columns/x`, { token })).status).toBe(404);
    const retained = (await t.http.get(`${base()}/schema/retained`, { token })).body.results;
    expect(retained).toEqual([expect.objectContaining({ kind: 'table', table: 'scratch', rows: 1 })]);

    // Purged for good: a rollback to a version that had it brings it back empty.
    const withScratch =
      (await t.http.get(`${base()}/schema/versions?pageSize=1`, { token })).body.results[0].version - 1;
    const unknown = await t.http.post(`${base()}/schema/purge`, { ids: ['t_notretained1'] }, { token });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('ids[0]');
    const purge = await t.http.post(`${base()}/schema/purge`, { ids: [retained[0].id] }, { token });
    expect(purge.status).toBe(200);
    expect(purge.body).toEqual({ purged: [{ id: retained[0].id, kind: 'table', table: 'scratch' }] });
    const back = await t.http.post(`${base()}/schema/rollback`, { toVersion: withScratch }, { token });
    expect(back.status).toBe(201);
    expect(await t.db.query(`SELECT * FROM "${schema}".scratch`)).toEqual([]);
  });

  it('reports drift on the route and to the tenant-migration runner', async () => {
    const clean = await t.http.get(`${base()}/schema/drift`, { token });
    expect(clean.status).toBe(200);
    expect(clean.body).toEqual({ drifted: false, differences: [] });
    expect(await t.app.get(TenantMigrationRunner).reportSchemaDrift()).not.toContain(slug);

    await t.db.query(`ALTER TABLE "${schema}".contacts ADD COLUMN sneaky text`);
    const drift = await t.http.get(`${base()}/schema/drift`, { token });
    expect(drift.body.drifted).toBe(true);
    expect(drift.body.differences).toContainEqual({
      kind: 'column',
      table: 'contacts',
      column: 'sneaky',
      expected: null,
      actual: 'text',
    });
    expect(await t.app.get(TenantMigrationRunner).reportSchemaDrift()).toContain(slug);
    await t.db.query(`ALTER TABLE "${schema}".contacts DROP COLUMN sneaky`);
  });

  it('serves a per-tenant OpenAPI document typed from the definition', async () => {
    const doc = await t.http.get(`${base()}/openapi.json`, { token });
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.0.3');
    expect(Object.keys(doc.body.paths)).toContain(`/api/tenants/${slug}/tables/contacts/records/{id}`);
    const contact = doc.body.components.schemas.contacts;
    expect(contact.properties.email).toMatchObject({ type: 'string', format: 'email' });
    expect(contact.properties.score).toMatchObject({ type: 'integer', nullable: true });
    expect(doc.body.components.schemas['contacts-input'].required).toEqual(['email']);
  });
});
