import type { Page } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import { ConsoleHarness, focused, screenshot, startConsoleHarness, unlabelledControls } from './console-harness';
import { apiGet, createTable, domRowCount, grid, insertRows } from './data-fixtures';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
/** A data cell by its row's aria-rowindex (the header is 1) and its column's name. */
const cell = (page: Page, row: number, column: string) =>
  page.locator(`[role=grid] [role=row][aria-rowindex="${row}"] [role=gridcell][data-column="${column}"]`);
const cellTexts = (page: Page, row: number, columns: string[]) =>
  Promise.all(columns.map((column) => cell(page, row, column).innerText()));

describe('the data grid in Chromium', () => {
  let h: ConsoleHarness;
  let tenant: CreatedTenant;
  let contacts: Array<Record<string, any>>;
  const dataPath = () => `/console/t/${tenant.slug}/tables/contacts/data`;

  beforeAll(async () => {
    h = await startConsoleHarness();
    tenant = await h.createTenant();
    await createTable(h, tenant.slug, 'contacts', [
      { name: 'name', type: 'string', required: true, maxLength: 60 },
      { name: 'email', type: 'email', unique: true },
      { name: 'score', type: 'integer' },
      { name: 'status', type: 'enum', values: ['lead', 'customer'] },
      { name: 'active', type: 'boolean' },
      { name: 'born', type: 'date' },
      { name: 'notes', type: 'text' },
    ]);
    contacts = await insertRows(h, tenant.slug, 'contacts', [
      { name: 'Ada', email: 'ada@example.com', score: 90, status: 'customer', active: true, born: '1815-12-10' },
      { name: 'Grace', email: 'grace@example.com', score: 85, status: 'lead', active: false },
      { name: 'Linus', email: 'linus@example.com', score: 40, status: 'lead' },
    ]);
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('edits a cell inline, shows the API refusal on that cell, then saves a valid value', async () => {
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, `${dataPath()}?sort=name`);
    await heading(page, 'Data: contacts').waitFor();
    await page.getByText('3 rows match.').waitFor();
    expect(await cellTexts(page, 2, ['name', 'email', 'score'])).toEqual(['Ada', 'ada@example.com', '90']);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'data-grid');

    // Double-click edits; what the API refuses stays in the cell with its message.
    await cell(page, 3, 'score').dblclick();
    const input = page.getByLabel('score of row 2');
    await input.fill('12x');
    await input.press('Enter');
    const error = page.getByRole('alert').filter({ hasText: 'must be an integer' });
    await error.waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await cell(page, 3, 'score').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'data-cell-error');

    await input.fill('77');
    await input.press('Enter');
    await page.getByText('Saved score of row 2.').waitFor();
    expect(await cell(page, 3, 'score').innerText()).toBe('77');
    const grace = contacts.find((c) => c.name === 'Grace')!;
    expect((await apiGet(h, `/api/tenants/${tenant.slug}/tables/contacts/records/${grace.id}`)).score).toBe(77);

    // Escape leaves a cell as it was; a unique value taken by another row is refused on the cell.
    await cell(page, 3, 'email').dblclick();
    await page.getByLabel('email of row 2').fill('ada@example.com');
    await page.getByLabel('email of row 2').press('Enter');
    await page.getByRole('alert').filter({ hasText: 'is already taken' }).waitFor();
    await page.getByLabel('email of row 2').press('Escape');
    expect(await cell(page, 3, 'email').innerText()).toBe('grace@example.com');
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('creates a row inline, with the API errors on the new cells first', async () => {
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, dataPath());
    await page.getByText('rows match.').waitFor();
    await page.getByRole('button', { name: 'Add row' }).click();
    const newRow = page.getByRole('row', { name: 'New row' });
    await newRow.waitFor();
    // The first input has the focus.
    expect(await page.evaluate('document.activeElement.getAttribute("aria-label")')).toBe('New row: name');

    await page.getByLabel('New row: email').fill('not an email');
    await page.getByLabel('New row: score').fill('5');
    await page.getByRole('button', { name: 'Save row' }).click();
    await newRow.getByRole('alert').filter({ hasText: 'is required' }).waitFor();
    await newRow.getByRole('alert').filter({ hasText: 'email' }).first().waitFor();
    expect(await page.getByLabel('New row: name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New row: email').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'data-new-row');

    await page.getByLabel('New row: name').fill('Margaret');
    await page.getByLabel('New row: email').fill('margaret@example.com');
    await page.getByLabel('New row: status').selectOption('customer');
    await page.getByLabel('New row: born').fill('1936-08-17');
    await page.getByLabel('New row: notes').press('Enter');
    await page.getByText('Row created').waitFor();
    expect(await newRow.count()).toBe(0);
    expect(await cell(page, 2, 'id').innerText()).toContain('New');
    expect(await cellTexts(page, 2, ['name', 'email', 'score', 'status', 'active', 'born'])).toEqual([
      'Margaret',
      'margaret@example.com',
      '5',
      'customer',
      '',
      '1936-08-17',
    ]);
    await page.getByText('4 rows match.').waitFor();
    const stored = await apiGet(h, `/api/tenants/${tenant.slug}/tables/contacts/records?filter[name][eq]=Margaret`);
    expect(stored.results).toHaveLength(1);
    expect(stored.results[0]).toMatchObject({ email: 'margaret@example.com', score: 5, born: '1936-08-17' });
    await page.close();
  });

  it('deletes a row after a confirmation, and restores it from its history', async () => {
    const [victim] = await insertRows(h, tenant.slug, 'contacts', [
      { name: 'Zed', email: 'zed@example.com', score: 1 },
    ]);
    const token = await h.t.adminToken();
    await h.t.http.patch(`/api/tenants/${tenant.slug}/tables/contacts/records/${victim.id}`, { score: 2 }, { token });
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, `${dataPath()}?filter%5Bname%5D%5Beq%5D=Zed`);
    await page.getByText('1 row matches.').waitFor();

    await page.getByRole('button', { name: 'Delete row 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this row?' });
    await dialog.waitFor();
    await screenshot(page, 'data-delete-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await apiGet(h, `/api/tenants/${tenant.slug}/tables/contacts/records/${victim.id}`)).name).toBe('Zed');

    await page.getByRole('button', { name: 'Delete row 1' }).click();
    await dialog.getByRole('button', { name: 'Delete row' }).click();
    await page.getByText('Row 1 deleted.').waitFor();
    expect(await cell(page, 2, 'id').innerText()).toContain('Deleted');
    expect(
      (await h.t.http.get(`/api/tenants/${tenant.slug}/tables/contacts/records/${victim.id}`, { token })).status,
    ).toBe(404);

    await page.getByRole('link', { name: 'Restore row 1 from its history' }).click();
    await heading(page, 'History of a row of contacts').waitFor();
    await page.getByText('This row is deleted.').waitFor();
    const revisions = page.locator('table.history tbody tr');
    expect(await revisions.locator('th').allInnerTexts()).toEqual(['3', '2', '1']);
    expect(await revisions.nth(1).innerText()).toContain('score: 1');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'data-history');

    await page.getByRole('button', { name: 'Restore revision 2' }).click();
    const restore = page.getByRole('dialog', { name: 'Restore revision 2?' });
    await restore.getByText('score: 2').waitFor();
    await restore.getByRole('button', { name: 'Restore' }).click();
    await page.getByText('Revision 2 restored as a new revision.').waitFor();
    await page.getByText('This row is at revision 4.').waitFor();
    const back = await apiGet(h, `/api/tenants/${tenant.slug}/tables/contacts/records/${victim.id}`);
    expect(back).toMatchObject({ name: 'Zed', score: 2 });

    await page.getByRole('link', { name: 'Back to the rows of contacts' }).click();
    await heading(page, 'Data: contacts').waitFor();
    await page.close();
  });

  it('says why a delete was refused and what to do: a row another table still refers to', async () => {
    await createTable(h, tenant.slug, 'teams', [{ name: 'title', type: 'string', required: true }]);
    await createTable(h, tenant.slug, 'players', [
      { name: 'team', type: 'reference', references: 'teams', onDelete: 'restrict' },
    ]);
    const [team] = await insertRows(h, tenant.slug, 'teams', [{ title: 'Reds' }]);
    await insertRows(h, tenant.slug, 'players', [{ team: team.id }]);
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, `/console/t/${tenant.slug}/tables/teams/data`);
    await page.getByText('1 row matches.').waitFor();
    await page.getByRole('button', { name: 'Delete row 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this row?' });
    await dialog.getByRole('button', { name: 'Delete row' }).click();
    await dialog.getByRole('alert').getByText('still referenced from players.team').waitFor();
    await dialog.getByText('Change or delete the rows that refer to it first, then try again.').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await cell(page, 2, 'title').innerText()).toBe('Reds');
    await page.close();
  });

  it('moves between cells with the arrow keys, with a visible focus, and edits with Enter', async () => {
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, `${dataPath()}?sort=name&fields=name,score`);
    await page.getByText('rows match.').waitFor();
    await cell(page, 2, 'id').click();
    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toEqual({ text: 'Ada', ring: true });
    await page.keyboard.press('ArrowDown');
    expect((await focused(page)).text).toBe('Grace');
    await page.keyboard.press('Home');
    expect(await focused(page)).toEqual({ text: 'History', ring: true });
    await page.keyboard.press('ArrowRight');
    expect((await focused(page)).text).toBe('Delete');
    await page.keyboard.press('End');
    expect((await focused(page)).text).toBe('77');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('78');
    await page.keyboard.press('Enter');
    await page.getByText('Saved score of row 2.').waitFor();
    // The focus is back on the cell, which shows the stored value.
    expect((await focused(page)).text).toBe('78');
    await page.keyboard.press('F2');
    await page.keyboard.press('Escape');
    expect((await focused(page)).text).toBe('78');
    await page.close();
  });

  it('gives a viewer the rows and their history without any edit control', async () => {
    const viewer = await h.createMember(tenant.slug, 'viewer');
    const page = await h.newPage();
    await h.signIn(page, viewer, `${dataPath()}?sort=name`);
    await page.getByText('rows match.').waitFor();
    expect(await grid(page).getAttribute('aria-readonly')).toBe('true');
    expect(await page.getByRole('button', { name: 'Add row' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete row/ }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Export these rows' }).count()).toBe(0);
    await cell(page, 2, 'name').dblclick();
    await cell(page, 2, 'name').press('Enter');
    expect(await page.locator('.cell-input').count()).toBe(0);
    expect(await cell(page, 2, 'name').getAttribute('aria-readonly')).toBe('true');

    await page.getByRole('link', { name: 'History of row 1' }).click();
    await heading(page, 'History of a row of contacts').waitFor();
    await page.locator('table.history').waitFor();
    expect(await page.getByRole('button', { name: /Restore/ }).count()).toBe(0);
    await page.close();
  });

  it('keeps the DOM small: a few dozen rows for a screen', async () => {
    const page = await h.newPage();
    const editor = await h.createMember(tenant.slug, 'editor');
    await h.signIn(page, editor, dataPath());
    await page.getByText('rows match.').waitFor();
    expect(await domRowCount(page)).toBeLessThan(200);
    await page.close();
  });
});
