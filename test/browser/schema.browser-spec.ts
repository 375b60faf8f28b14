import type { Locator, Page } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import type { CreatedUser } from '../factories/users.factory';
import { ConsoleHarness, focused, screenshot, startConsoleHarness, unlabelledControls } from './console-harness';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true });
const column = (page: Page, n: number) => page.getByRole('group', { name: `Column ${n}`, exact: true });
const schemaNav = (page: Page) => page.getByRole('navigation', { name: 'Schema' });

/** Fills one column's fields (inside its group on the new-table form, or the page on the column form). */
async function fillColumn(
  scope: Locator | Page,
  fields: { name: string; type?: string; maxLength?: string; references?: string; values?: string; required?: boolean },
) {
  await scope.getByLabel('Column name').fill(fields.name);
  if (fields.type) await scope.getByLabel('Type', { exact: true }).selectOption(fields.type);
  if (fields.maxLength) await scope.getByLabel('Maximum length').fill(fields.maxLength);
  if (fields.references) await scope.getByLabel('References table').selectOption(fields.references);
  if (fields.values) await scope.getByLabel('Values').fill(fields.values);
  if (fields.required) await scope.getByLabel('Required (every row has a value)').check();
}

/** Reviews the form's change, checks the plan shows its operations and SQL, and applies it. */
async function reviewAndApply(page: Page, review: string, apply: string, operation: string, sql: RegExp) {
  await page.getByRole('button', { name: review }).click();
  await page.getByRole('heading', { name: 'Review the planned change' }).waitFor();
  const operations = page.getByRole('list', { name: 'Planned operations' });
  await operations.getByText(operation).first().waitFor();
  expect(await page.getByText('SQL that applies it (up)').locator('..').locator('pre').textContent()).toMatch(sql);
  await page.getByText('SQL that undoes it (down)').waitFor();
  await page.getByRole('button', { name: apply }).click();
}

describe('the schema designer in Chromium', () => {
  let h: ConsoleHarness;
  let crm: CreatedTenant;
  let admin: CreatedUser;

  beforeAll(async () => {
    h = await startConsoleHarness();
    crm = await h.createTenant();
    admin = await h.createMember(crm.slug, 'admin');
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('builds a CRM schema through the forms, each change planned before it is applied', async () => {
    const page = await h.newPage();
    const tables = `/console/t/${crm.slug}/tables`;
    await h.signIn(page, admin, tables);
    await heading(page, 'Tables').waitFor();
    await page.getByText('This tenant has no table yet.').waitFor();

    // companies: name (string, max 100, required), website (url)
    await page.getByRole('button', { name: 'New table' }).click();
    await heading(page, 'New table').waitFor();
    await page.getByLabel('Table name').fill('companies');
    await fillColumn(column(page, 1), { name: 'name', maxLength: '100', required: true });
    await page.getByRole('button', { name: 'Add another column' }).click();
    await fillColumn(column(page, 2), { name: 'website', type: 'url' });
    await page.getByRole('button', { name: 'Review the new table' }).click();
    await page.getByRole('heading', { name: 'Review the planned change' }).waitFor();
    // The plan takes the focus; nothing is applied yet, and the form is locked while it is reviewed.
    expect((await focused(page)).text).toBe('Review the planned change');
    expect(await page.getByLabel('Table name').isDisabled()).toBe(true);
    expect(
      (await h.t.http.get(`/api/tenants/${crm.slug}/schema`, { token: await h.t.adminToken() })).body.version,
    ).toBe(0);
    await page.getByRole('list', { name: 'Planned operations' }).getByText('create table companies').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'schema-plan');
    await page.getByRole('button', { name: 'Create table' }).click();
    await heading(page, 'Table companies').waitFor();
    await page.getByText('table companies created in version 1.').waitFor();

    // contacts: email (required, unique), first_name, company -> companies
    await page.goto(`${h.baseUrl}${tables}/_new`);
    await heading(page, 'New table').waitFor();
    await page.getByLabel('Table name').fill('contacts');
    await fillColumn(column(page, 1), { name: 'email', type: 'email', required: true });
    await column(page, 1).getByLabel('Unique (no two rows share a value)').check();
    await page.getByRole('button', { name: 'Add another column' }).click();
    await fillColumn(column(page, 2), { name: 'first_name' });
    await page.getByRole('button', { name: 'Add another column' }).click();
    await fillColumn(column(page, 3), { name: 'company', type: 'reference', references: 'companies' });
    await reviewAndApply(
      page,
      'Review the new table',
      'Create table',
      'make contacts.company reference companies (on delete restrict)',
      /CREATE TABLE[\s\S]*contacts/,
    );
    await heading(page, 'Table contacts').waitFor();

    // deals: a reserved word as a column name is refused by the server, next to its field
    await page.goto(`${h.baseUrl}${tables}/_new`);
    await page.getByLabel('Table name').fill('deals');
    await fillColumn(column(page, 1), { name: 'order' });
    await page.getByRole('button', { name: 'Review the new table' }).click();
    const nameField = column(page, 1).getByLabel('Column name');
    await column(page, 1).getByText('Error: "order" is a word PostgreSQL reserves').waitFor();
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameField.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ')[0]}"]`).textContent()).toContain('PostgreSQL reserves');
    await page.getByRole('alert').getByText('The server refused this change').waitFor();
    expect((await focused(page)).text).toContain('The server refused this change');
    expect(await page.getByRole('heading', { name: 'Review the planned change' }).count()).toBe(0);
    await screenshot(page, 'schema-validation-error');
    await fillColumn(column(page, 1), { name: 'title', required: true });
    await page.getByRole('button', { name: 'Add another column' }).click();
    await fillColumn(column(page, 2), { name: 'stage', type: 'enum', values: 'lead, won, lost' });
    await page.getByRole('button', { name: 'Add another column' }).click();
    await fillColumn(column(page, 3), { name: 'contact', type: 'reference', references: 'contacts' });
    await reviewAndApply(page, 'Review the new table', 'Create table', 'create table deals', /CREATE TABLE/);
    await heading(page, 'Table deals').waitFor();

    // A column added to contacts, then one changed
    await page.goto(`${h.baseUrl}${tables}/contacts`);
    await heading(page, 'Table contacts').waitFor();
    await page.getByRole('link', { name: 'Add column' }).click();
    await heading(page, 'New column in contacts').waitFor();
    await fillColumn(page, { name: 'phone', maxLength: '30' });
    await reviewAndApply(page, 'Review the new column', 'Add column', 'phone', /ADD COLUMN/);
    await page.getByText('column phone added to contacts in version 4.').waitFor();
    await page.getByRole('link', { name: 'Edit column first_name' }).click();
    await heading(page, 'Column contacts.first_name').waitFor();
    await page.getByLabel('Maximum length').fill('80');
    await reviewAndApply(page, 'Review the change', 'Apply the change', 'first_name', /ALTER TABLE/);
    await page.getByText('column first_name changed in version 5.').waitFor();

    // The table page: columns and types, constraints, indexes, references both ways
    const columns = page.getByRole('table').first();
    await columns.getByRole('rowheader', { name: 'phone' }).waitFor();
    expect(await columns.getByRole('row', { name: /first_name/ }).textContent()).toContain('string (max 80)');
    expect(await columns.getByRole('row', { name: /company/ }).textContent()).toContain('reference to companies');
    await page.getByText('Foreign keys: company → companies.id (on delete restrict)').waitFor();
    await page.getByText('Unique: email').waitFor();
    const indexes = page.getByRole('region', { name: 'Indexes' });
    expect(await indexes.getByRole('row', { name: /^company/ }).textContent()).toContain('the reference to companies');
    expect(await indexes.getByRole('row', { name: /^email/ }).textContent()).toContain('the unique column');
    await page.getByRole('listitem').filter({ hasText: 'deals.contact → contacts' }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'schema-table');

    await page.getByRole('link', { name: 'Table list', exact: true }).click();
    await heading(page, 'Tables').waitFor();
    await page
      .getByRole('row', { name: /^deals/ })
      .getByText('contacts')
      .waitFor();
    await screenshot(page, 'schema-tables');
    await page.close();
  });

  it('draws the tenant as an ER diagram, its libraries loaded with that page only', async () => {
    const page = await h.newPage();
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(request.url()));
    await h.signIn(page, admin, `/console/t/${crm.slug}/tables`);
    await heading(page, 'Tables').waitFor();
    await page.getByRole('link', { name: 'Rows of companies' }).waitFor();
    expect(scripts.filter((url) => url.includes('er-diagram'))).toEqual([]);

    await schemaNav(page).getByRole('link', { name: 'Diagram' }).click();
    await heading(page, 'Diagram').waitFor();
    const boxes = page.locator('.react-flow__node');
    await boxes.nth(2).waitFor();
    expect((await boxes.allTextContents()).map((text) => text.split('id')[0]).sort()).toEqual([
      'companies',
      'contacts',
      'deals',
    ]);
    expect(await page.locator('.react-flow__node[data-id="contacts"]').textContent()).toContain('company→ companiesFK');
    const edges = page.locator('.react-flow__edge');
    await edges.nth(1).waitFor();
    expect(await edges.count()).toBe(2);
    expect((await edges.evaluateAll((list) => list.map((edge) => edge.getAttribute('aria-label')))).sort()).toEqual([
      'contacts.company references companies',
      'deals.contact references contacts',
    ]);
    expect(scripts.filter((url) => url.includes('er-diagram'))).toHaveLength(1);
    // The same references as text, and each box opens its table.
    await page.getByRole('region', { name: 'References in the diagram' }).getByText('.company →').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'schema-diagram');
    await page.locator('.react-flow__node[data-id="deals"]').getByRole('link', { name: 'deals' }).click();
    await heading(page, 'Table deals').waitFor();
    await page.close();
  });

  it('shows versions with their SQL and author, a diff, and rolls back naming what comes back', async () => {
    const page = await h.newPage();
    await h.signIn(page, admin, `/console/t/${crm.slug}/tables/_versions`);
    await heading(page, 'Schema versions').waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await page.getByRole('link', { name: 'Version 5', exact: true }).waitFor();
    expect(await rows.count()).toBe(6); // header + 5 versions
    expect(await rows.nth(1).textContent()).toContain('(current)');
    expect(await rows.nth(1).textContent()).toContain(`you (${admin.email})`);
    await screenshot(page, 'schema-versions');

    await page.getByLabel('From version').selectOption('2');
    await page.getByLabel('To version').selectOption('3');
    await page.getByRole('button', { name: 'Compare' }).click();
    await heading(page, 'Versions 2 to 3').waitFor();
    await page.getByRole('list', { name: 'Operations between the versions' }).getByText('create table deals').waitFor();
    await page.getByText('SQL from version 2 to 3 (up)').waitFor();
    expect(await page.locator('pre').first().textContent()).toMatch(/CREATE TABLE[\s\S]*deals/);
    await screenshot(page, 'schema-diff');

    await page.goto(`${h.baseUrl}/console/t/${crm.slug}/tables/_versions/3`);
    await heading(page, 'Version 3').waitFor();
    await page.getByText(`you (${admin.email})`).waitFor();
    expect(await page.getByText('Up: the SQL that applied this version').locator('..').textContent()).toMatch(
      /CREATE TABLE/,
    );
    expect(await page.getByText('Down: the SQL that undoes it').locator('..').textContent()).toMatch(/DROP|ALTER/);
    await screenshot(page, 'schema-version');

    // A deal is stored, then rolled away with its table and brought back with it.
    const token = await h.t.adminToken();
    const deal = await h.t.http.post(`/api/tenants/${crm.slug}/tables/deals/records`, { title: 'Big one' }, { token });
    expect(deal.status).toBe(201);

    await page.goto(`${h.baseUrl}/console/t/${crm.slug}/tables/_versions/2`);
    await heading(page, 'Version 2').waitFor();
    await page.getByRole('button', { name: 'Roll back to version 2…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Roll back to version 2?' });
    const goesAway = dialog.getByRole('list', { name: 'Goes away' });
    await goesAway.getByText('table deals').waitFor();
    await goesAway.getByText('column contacts.phone').waitFor();
    await dialog.getByText('column contacts.first_name').waitFor(); // its type returns to string (max 255)
    expect((await focused(page)).text).toBe('Cancel');
    await dialog.getByRole('button', { name: 'Roll back to version 2' }).click();
    await heading(page, 'Schema versions').waitFor();
    await page.getByText('rolled back to version 2; version 6 is current.').waitFor();

    await schemaNav(page).getByRole('link', { name: 'Table list' }).click();
    await page.getByRole('link', { name: 'contacts', exact: true }).waitFor();
    expect(await page.getByRole('link', { name: 'deals', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'contacts', exact: true }).click();
    await heading(page, 'Table contacts').waitFor();
    await page.getByRole('rowheader', { name: 'email' }).waitFor();
    expect(await page.getByRole('rowheader', { name: 'phone' }).count()).toBe(0);

    // Forward again to version 5: the confirmation names what comes back, with the kept rows.
    await page.goto(`${h.baseUrl}/console/t/${crm.slug}/tables/_versions/5`);
    await page.getByRole('button', { name: 'Roll back to version 5…' }).click();
    const comesBack = page.getByRole('dialog').getByRole('list', { name: 'Comes back' });
    await comesBack.getByText('table deals with its 1 row').waitFor();
    await comesBack.getByText('column contacts.phone with its values in 0 rows').waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'schema-rollback');
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back to version 5' }).click();
    await page.getByText('rolled back to version 5; version 7 is current.').waitFor();
    const records = await h.t.http.get(`/api/tenants/${crm.slug}/tables/deals/records`, { token });
    expect(records.body.results.map((r: { title: string }) => r.title)).toEqual(['Big one']);
    await page.close();
  });

  it('cancels a rollback with Escape, changing nothing', async () => {
    const page = await h.newPage();
    await h.signIn(page, admin, `/console/t/${crm.slug}/tables/_versions/1`);
    await page.getByRole('button', { name: 'Roll back to version 1…' }).click();
    await page.getByRole('dialog').getByRole('list', { name: 'Goes away' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const token = await h.t.adminToken();
    expect((await h.t.http.get(`/api/tenants/${crm.slug}/schema`, { token })).body.version).toBe(7);
    await page.close();
  });

  it('shows a viewer the schema, the diagram and the versions without any edit control', async () => {
    const viewer = await h.createMember(crm.slug, 'viewer');
    const page = await h.newPage();
    const tables = `/console/t/${crm.slug}/tables`;
    await h.signIn(page, viewer, tables);
    await heading(page, 'Tables').waitFor();
    await page.getByRole('link', { name: 'deals', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: 'New table' }).count()).toBe(0);

    await page.getByRole('link', { name: 'contacts', exact: true }).click();
    await heading(page, 'Table contacts').waitFor();
    await page.getByRole('rowheader', { name: 'email' }).waitFor();
    for (const name of [
      'Add column',
      'Rename or describe',
      'Drop table',
      'Edit column email',
      'Drop column email',
      'Add index',
    ]) {
      expect(await page.getByRole('link', { name }).count()).toBe(0);
    }
    expect(await page.getByRole('columnheader', { name: 'Change' }).count()).toBe(0);

    await schemaNav(page).getByRole('link', { name: 'Diagram' }).click();
    await page.locator('.react-flow__edge').nth(1).waitFor();

    await page.goto(`${h.baseUrl}${tables}/_versions/2`);
    await heading(page, 'Version 2').waitFor();
    await page.getByText('Up: the SQL that applied this version').waitFor();
    expect(await page.getByRole('button', { name: /Roll back/ }).count()).toBe(0);
    expect(await unlabelledControls(page)).toEqual([]);

    for (const form of [
      '_new',
      'contacts/columns/_new',
      'contacts/columns/email',
      'contacts/_drop',
      'contacts/indexes/_new',
    ]) {
      await page.goto(`${h.baseUrl}${tables}/${form}`);
      await heading(page, 'Not allowed').waitFor();
    }
    await page.close();
  });
  it('adds an index after reviewing its plan, shows it in the index list, then drops it', async () => {
    const page = await h.newPage();
    const contacts = `/console/t/${crm.slug}/tables/contacts`;
    const indexed = () =>
      h.t.db.query(
        `SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%(first_name, created_at)%'`,
        [crm.schemaName],
      );
    await h.signIn(page, admin, contacts);
    await heading(page, 'Table contacts').waitFor();
    await page.getByRole('link', { name: 'Add index' }).click();
    await heading(page, 'New index on contacts').waitFor();

    // A column the table does not have: refused by the server's plan, next to the field.
    const columnsField = page.getByLabel('Columns, in index order (comma-separated)');
    await columnsField.fill('first_name, nope');
    await page.getByRole('button', { name: 'Review the new index' }).click();
    await page.getByText('Error: column 2 of the list: must name a column of this table').waitFor();
    expect(await columnsField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('heading', { name: 'Review the planned change' }).count()).toBe(0);

    await columnsField.fill('first_name, created_at');
    await page.getByRole('button', { name: 'Review the new index' }).click();
    await page.getByRole('heading', { name: 'Review the planned change' }).waitFor();
    await page
      .getByRole('list', { name: 'Planned operations' })
      .getByText('add index on contacts (first_name, created_at)')
      .waitFor();
    const sql = (label: string) => page.getByText(label).locator('..').locator('pre').textContent();
    expect(await sql('SQL that applies it (up)')).toMatch(/CREATE INDEX[\s\S]*first_name[\s\S]*created_at/);
    expect(await sql('SQL that undoes it (down)')).toMatch(/DROP INDEX/);
    expect(await indexed()).toEqual([]); // reviewed, not applied
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'schema-index-plan');
    await page.getByRole('button', { name: 'Add index' }).click();
    await heading(page, 'Table contacts').waitFor();
    await page.getByText(/index on first_name, created_at added to contacts in version \d+\./).waitFor();
    const indexes = page.getByRole('region', { name: 'Indexes' });
    const row = indexes.getByRole('row', { name: /^first_name, created_at/ });
    expect(await row.textContent()).toContain('the definition (indexes)');
    expect(await indexed()).toHaveLength(1);

    await row.getByRole('link', { name: 'Drop index on first_name, created_at' }).click();
    await page.getByRole('button', { name: 'Review the drop' }).click();
    await page
      .getByRole('list', { name: 'Planned operations' })
      .getByText('drop index on contacts (first_name, created_at)')
      .waitFor();
    expect(await sql('SQL that applies it (up)')).toMatch(/DROP INDEX/);
    expect(await sql('SQL that undoes it (down)')).toMatch(/CREATE INDEX/);
    await page.getByRole('button', { name: 'Drop index' }).click();
    await page.getByText(/index on first_name, created_at dropped from contacts in version \d+\./).waitFor();
    expect(await indexes.getByRole('row', { name: /^first_name, created_at/ }).count()).toBe(0);
    expect(await indexed()).toEqual([]);
    await page.close();
  });

  it('says when the schema moved on between review and apply, drops with a warning, and renames', async () => {
    const page = await h.newPage();
    const token = await h.t.adminToken();
    const companies = `/console/t/${crm.slug}/tables/companies`;
    await h.signIn(page, admin, `${companies}/columns/_new`);
    await heading(page, 'New column in companies').waitFor();
    await fillColumn(page, { name: 'city' });
    await page.getByRole('button', { name: 'Review the new column' }).click();
    await page.getByRole('heading', { name: 'Review the planned change' }).waitFor();
    // Someone else changes the schema meanwhile.
    const other = await h.t.http.post(
      `/api/tenants/${crm.slug}/tables/companies/columns`,
      { name: 'country', type: 'string' },
      { token },
    );
    expect(other.status).toBe(201);
    await page.getByRole('button', { name: 'Add column' }).click();
    await page.getByRole('alert').getByText('someone changed the schema after you reviewed this change').waitFor();
    expect(await page.getByLabel('Column name').inputValue()).toBe('city');
    await reviewAndApply(page, 'Review the new column', 'Add column', 'add column companies.city', /ADD COLUMN/);
    await page.getByText(`column city added to companies in version ${other.body.version + 1}.`).waitFor();

    await page.getByRole('link', { name: 'Drop column country' }).click();
    await heading(page, 'Drop column companies.country').waitFor();
    await page.getByRole('button', { name: 'Review the drop' }).click();
    await page.getByRole('note', { name: 'Warnings' }).getByText('its data is set aside until purged').waitFor();
    await page.getByRole('button', { name: 'Drop column country' }).click();
    await page.getByText('column country dropped from companies').waitFor();
    expect(await page.getByRole('rowheader', { name: 'country' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Rename or describe' }).click();
    await page.getByLabel('Table name').fill('accounts');
    await page.getByLabel('Table description').fill('Firms we sell to');
    await reviewAndApply(page, 'Review the change', 'Apply the change', 'rename table companies to accounts', /RENAME/);
    await heading(page, 'Table accounts').waitFor();
    await page.getByText('Firms we sell to').waitFor();
    // The reference followed the rename.
    await page.getByRole('listitem').filter({ hasText: 'contacts.company → accounts' }).waitFor();
    await page.close();
  });
});
