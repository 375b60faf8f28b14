import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import type { CreatedUser } from '../factories/users.factory';
import { ConsoleHarness, screenshot, startConsoleHarness, unlabelledControls } from './console-harness';

const DEFINITION = {
  tables: [{ name: 'notes', columns: [{ name: 'title', type: 'string', required: true }] }],
};

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const entriesTable = (page: Page) => page.getByRole('table', { name: /Audit entries, page/ });
/** The Action column of the entries shown. */
const actionsShown = (page: Page) => entriesTable(page).locator('tbody tr td:nth-child(4)').allInnerTexts();

describe('the audit area in Chromium, as an auditor', () => {
  let h: ConsoleHarness;
  let tenant: CreatedTenant;
  let auditor: CreatedUser;
  let admin: string;

  beforeAll(async () => {
    h = await startConsoleHarness();
    admin = await h.t.adminToken();
    tenant = await h.createTenant();
    const put = await h.t.http.put(
      `/api/tenants/${tenant.slug}/schema`,
      { definition: DEFINITION, expectedVersion: 0 },
      { token: admin },
    );
    expect(put.status).toBe(200);
    for (const title of ['one', 'two', 'three']) {
      const res = await h.t.http.post(`/api/tenants/${tenant.slug}/tables/notes/records`, { title }, { token: admin });
      expect(res.status).toBe(201);
    }
    auditor = await h.createMember(tenant.slug, 'auditor');
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  const entryCount = async () =>
    (await h.t.http.get(`/api/tenants/${tenant.slug}/audit?pageSize=1`, { token: admin })).body.count as number;

  it('sees only the audit area, filters the trail, verifies the chain and exports the filtered entries', async () => {
    const page = await h.newPage();
    await h.signIn(page, auditor, `/console/t/${tenant.slug}/audit`);
    await heading(page, 'Audit trail').waitFor();
    expect(await page.getByRole('navigation', { name: 'Tenant areas' }).getByRole('link').allTextContents()).toEqual([
      'Audit',
    ]);
    const total = await entryCount();
    await page.getByText(`${total} entries match`).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'audit-trail');

    await page.getByLabel('Action').fill('record.create');
    await page.getByLabel('Order').selectOption('seq');
    await page.getByLabel('Action').press('Enter'); // the keyboard applies the filters
    await page.getByText('3 entries match').waitFor();
    expect(new URL(page.url()).searchParams.get('action')).toBe('record.create');
    expect(await actionsShown(page)).toEqual(['record.create', 'record.create', 'record.create']);
    // A time range that ends before the entries leaves none.
    await page.getByLabel('To (before)').fill('2000-01-01T00:00');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No entry matches these filters.').waitFor();
    await page.getByLabel('To (before)').fill('');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('3 entries match').waitFor();

    await page.getByRole('button', { name: 'Verify chain' }).click();
    const verified = page.getByRole('status').filter({ hasText: 'Verified: the chain is intact.' });
    await verified.waitFor();
    await verified.getByText(`All ${total} entries check out.`).waitFor();
    await page.getByRole('button', { name: 'Use the current head' }).click();
    expect(await page.getByLabel('Anchor entry number (seq)').inputValue()).toBe(String(total));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(new RegExp(`and still holds the anchor #${total}`)).waitFor();
    await screenshot(page, 'audit-verified');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`audit-${tenant.slug}.csv`);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe(
      'id,seq,at,actorId,actorEmail,action,entityType,entityId,requestId,ip,details,hash,prevHash,keyId,signature',
    );
    expect(lines).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.split(',')[5] === 'record.create')).toBe(true);
    await page.getByText(`Saved as audit-${tenant.slug}.csv`).waitFor();
    // The export is itself on the trail.
    await page.getByLabel('Action').fill('audit.export');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('1 entries match').waitFor();

    for (const area of ['tables', 'imports', 'charts']) {
      await page.goto(`${h.baseUrl}/console/t/${tenant.slug}/${area}`);
      await heading(page, 'Not allowed').waitFor();
    }
    await page.close();
  });

  it('says plainly which entry breaks the chain when it does not hold an anchor, and shows it', async () => {
    const page = await h.newPage();
    await h.signIn(page, auditor, `/console/t/${tenant.slug}/audit`);
    await heading(page, 'Audit trail').waitFor();
    await page.getByLabel('Anchor entry number (seq)').fill('2');
    await page.getByLabel('Anchor hash (64 hex digits)').fill('ab'.repeat(32));
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const broken = page.getByRole('alert').filter({ hasText: 'Not verified: the chain is broken.' });
    await broken.waitFor();
    await broken.getByText(/The first bad entry is number 2 in the chain/).waitFor();
    await screenshot(page, 'audit-broken');

    await broken.getByRole('link', { name: 'Show the entries around it' }).click();
    const marked = entriesTable(page).locator('tr', { hasText: 'first broken entry' });
    await marked.waitFor();
    expect((await marked.locator('td').first().innerText()).startsWith('2')).toBe(true);
    expect(new URL(page.url()).searchParams.get('ordering')).toBe('seq');
    await page.close();
  });

  it('shows the server’s answer next to the anchor field it refuses', async () => {
    const page = await h.newPage();
    await h.signIn(page, auditor, `/console/t/${tenant.slug}/audit`);
    await heading(page, 'Audit trail').waitFor();
    await page.getByLabel('Anchor entry number (seq)').fill('0');
    await page.getByLabel('Anchor hash (64 hex digits)').fill('ab'.repeat(32));
    // the browser's own check (min 1) would stop the form first: skip it to reach the server
    await page.evaluate(`document.querySelector('form[aria-label="Verify the chain"]').noValidate = true`);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByRole('alert').filter({ hasText: 'The chain could not be verified' }).waitFor();
    await page.getByText('Error: must not be less than 1').waitFor();
    await page.close();
  });
});
