import { QueueName } from '@app/core';
import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import type { CreatedUser } from '../factories/users.factory';
import {
  ConsoleHarness,
  focused,
  screenshot,
  startConsoleHarness,
  SUPERADMIN,
  unlabelledControls,
} from './console-harness';

const DEFINITION = {
  tables: [
    {
      name: 'customers',
      columns: [
        { name: 'email', type: 'email', required: true, unique: true },
        { name: 'name', type: 'string', maxLength: 100, required: true },
        { name: 'age', type: 'integer' },
        { name: 'born', type: 'date' },
        { name: 'notes', type: 'text' },
      ],
    },
  ],
};

/**
 * "E-mail" matches no column by itself (the user maps it); "Name" and "Age" match loosely; "Source"
 * is ignored. Rows 3, 5 and 6 are bad: an age that is not a number, no name, an email seen before.
 */
const CSV = [
  'E-mail,Name,Age,Notes,Source',
  'ada@example.com,Ada,36,"likes commas, and ""quotes""",fair',
  'bob@example.com,Bob,abc,,fair',
  'cy@example.com,Cy,41,,web',
  'dee@example.com,,29,,web',
  'ada@example.com,Ada again,50,,web',
  'eve@example.com,Eve,23,,web',
].join('\n');

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

describe('the import wizard and exports in Chromium', () => {
  let h: ConsoleHarness;
  let tenant: CreatedTenant;
  let editor: CreatedUser;
  let admin: string;

  const records = async (query = '') =>
    (await h.t.http.get(`/api/tenants/${tenant.slug}/tables/customers/records?pageSize=100${query}`, { token: admin }))
      .body as { count: number; results: Array<Record<string, unknown>> };
  const importsQueue = () => h.t.app.get<Queue>(getQueueToken(QueueName.Imports), { strict: false });

  async function chooseFile(page: Page, name: string, content: string | Buffer, mimeType = 'text/csv') {
    await page
      .getByLabel('File (CSV, XLSX, JSON or NDJSON)')
      .setInputFiles({ name, mimeType, buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
  }

  async function openWizard(page: Page) {
    await h.signIn(page, editor, `/console/t/${tenant.slug}/imports/new?table=customers`);
    await heading(page, 'New import').waitFor();
  }

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
    editor = await h.createMember(tenant.slug, 'editor');
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('imports a CSV with bad rows in skip mode: progress, error report, bad rows download, revert', async () => {
    const page = await h.newPage();
    await openWizard(page);
    await chooseFile(page, 'customers.csv', CSV);

    const preview = page.getByRole('table', { name: /The first 6 rows/ });
    await preview.waitFor();
    await preview.getByRole('cell', { name: 'likes commas, and "quotes"' }).waitFor();
    await page.getByText('Delimiter: comma.').waitFor();

    // Matched as the import would: Name and Age loosely, E-mail and Source not at all.
    expect(await page.getByLabel('Column for Name').inputValue()).toBe('name');
    expect(await page.getByLabel('Column for Age').inputValue()).toBe('age');
    expect(await page.getByLabel('Column for Source').inputValue()).toBe('');
    await page.getByText('no header fills email').waitFor();
    expect(await page.getByRole('button', { name: 'Start import' }).isDisabled()).toBe(true);
    await page.getByLabel('Column for E-mail').selectOption('email');
    await page.getByLabel('Skip: store the good rows').check();
    expect(await page.getByRole('button', { name: 'Start import' }).isEnabled()).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'import-wizard');

    // The worker waits, so the page shows the queued job's progress before it runs.
    await importsQueue().pause();
    try {
      await page.getByRole('button', { name: 'Start import' }).click();
      await heading(page, 'Import of customers.csv').waitFor();
      await page.getByRole('progressbar', { name: 'Import progress' }).waitFor();
      await page.getByText('Waiting for a worker to start the import…').waitFor();
      await page.locator('.job-status-queued', { hasText: 'Queued' }).waitFor();
      await screenshot(page, 'import-progress');
    } finally {
      await importsQueue().resume();
    }

    await page.getByText('Import finished.').waitFor({ timeout: 30000 });
    await page.getByText('3 rows stored, 3 bad rows skipped').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect((await records()).count).toBe(3);

    const report = page.getByRole('table', { name: /Problems 1–3 of 3/ });
    await report.waitFor();
    const reportRows = await report.locator('tbody tr').allInnerTexts();
    expect(reportRows.map((row) => row.split('\t').slice(0, 2))).toEqual([
      ['3', 'age'],
      ['5', 'name'],
      ['6', 'email'],
    ]);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'import-report');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the bad rows (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^import-.*-errors\.csv$/);
    const badRows = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    expect(badRows[0]).toBe('E-mail,Name,Age,Notes,Source,error');
    expect(badRows.slice(1).map((line) => line.split(',').slice(0, 3))).toEqual([
      ['bob@example.com', 'Bob', 'abc'],
      ['dee@example.com', '', '29'],
      ['ada@example.com', 'Ada again', '50'],
    ]);
    expect(badRows[1]).toMatch(/,age: .+$/);
    await page.getByText(/Saved as import-.*-errors\.csv/).waitFor();

    // The question is a modal dialog: the keyboard lands on "No", and Escape keeps everything.
    await page.getByRole('button', { name: 'Revert import' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revert this import?' });
    await dialog.waitFor();
    expect((await focused(page)).text).toBe('No, keep them');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await records()).count).toBe(3);
    await page.getByRole('button', { name: 'Revert import' }).click();
    await dialog.getByText('removes the 3 records this import added to customers').waitFor();
    await dialog.getByRole('button', { name: 'Yes, remove 3 rows' }).click();
    await page.getByText('The import was reverted: 3 rows were removed from customers.').waitFor();
    expect((await records()).count).toBe(0);
    await page.getByText(/Reverted on .*: 3 rows removed/).waitFor();
    expect(await page.getByRole('button', { name: 'Revert import' }).count()).toBe(0);
    await page.close();
  });

  it('checks a file in a dry run and stores nothing', async () => {
    const before = (await records()).count;
    const page = await h.newPage();
    await openWizard(page);
    await chooseFile(page, 'customers.csv', CSV);
    await page.getByLabel('Column for E-mail').selectOption('email');
    await page.getByLabel('Abort: if any row is bad').check();
    await page.getByLabel('Dry run: check every row').check();
    await page.getByRole('button', { name: 'Start dry run' }).click();
    await heading(page, 'Import of customers.csv').waitFor();
    await page.getByText('Dry run finished.').waitFor({ timeout: 30000 });
    await page.getByText('Dry run: 3 of 6 rows are valid, 3 are not; nothing was stored').waitFor();
    await page.getByRole('table', { name: /Problems 1–3 of 3/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Revert import' }).count()).toBe(0);
    expect((await records()).count).toBe(before);
    await page.close();
  });

  it('cancels a queued import, which then stores nothing', async () => {
    const before = (await records()).count;
    const page = await h.newPage();
    await openWizard(page);
    await chooseFile(page, 'customers.csv', CSV);
    await page.getByLabel('Column for E-mail').selectOption('email');
    await importsQueue().pause();
    try {
      await page.getByRole('button', { name: 'Start import' }).click();
      await heading(page, 'Import of customers.csv').waitFor();
      await page.getByRole('button', { name: 'Cancel import' }).click();
      await page
        .getByRole('dialog', { name: 'Cancel this import?' })
        .getByRole('button', { name: 'Yes, cancel the import' })
        .click();
      await page.getByText('The import was cancelled: nothing was stored.').waitFor();
      await page.locator('.job-status-cancelled', { hasText: 'Cancelled' }).waitFor();
      expect(await page.getByRole('button', { name: 'Cancel import' }).count()).toBe(0);
    } finally {
      await importsQueue().resume();
    }
    await page.waitForTimeout(1500); // the worker gets the job now, and must leave it cancelled
    const id = new URL(page.url()).pathname.split('/').pop();
    const job = await h.t.http.get(`/api/tenants/${tenant.slug}/imports/${id}`, { token: admin });
    expect(job.body.status).toBe('cancelled');
    expect((await records()).count).toBe(before);
    await page.close();
  });

  it('previews the first sheet of an XLSX workbook in the browser, dates included', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['email', 'name', 'born']);
    sheet.addRow(['xl@example.com', 'Xia', new Date(Date.UTC(1990, 4, 17))]);
    sheet.addRow(['yo@example.com', 'Yo', new Date(Date.UTC(2001, 0, 2))]);
    sheet.getColumn(3).numFmt = 'yyyy-mm-dd';
    workbook.addWorksheet('Other').addRow(['not', 'read']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());

    const page = await h.newPage();
    await openWizard(page);
    await chooseFile(page, 'people.xlsx', xlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const preview = page.getByRole('table', { name: /The first 2 rows/ });
    await preview.waitFor();
    expect(await preview.locator('thead th').allInnerTexts()).toEqual(['Row', 'email', 'name', 'born']);
    expect(await preview.locator('tbody tr').first().locator('th, td').allInnerTexts()).toEqual([
      '2',
      'xl@example.com',
      'Xia',
      '1990-05-17',
    ]);
    await page.getByText(/Sheet: People, the workbook's first/).waitFor();
    expect(await page.getByLabel('Read the file as').inputValue()).toBe('xlsx');
    await page.getByLabel('Dry run: check every row').check();
    await page.getByRole('button', { name: 'Start dry run' }).click();
    await page.getByText('Dry run: 2 of 2 rows are valid, 0 are not; nothing was stored').waitFor({ timeout: 30000 });
    await page.close();
  });

  it('says what is wrong with a file it cannot read, before anything is uploaded', async () => {
    const page = await h.newPage();
    await openWizard(page);
    await chooseFile(page, 'rows.json', '{"email": "not an array"}', 'application/json');
    await page
      .getByRole('alert')
      .getByText(/The file is not a JSON array/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Start import' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('exports the rows of a filter as CSV, from the link the grid makes', async () => {
    const rows = [
      { email: 'a@example.com', name: 'A', age: 25 },
      { email: 'b@example.com', name: 'B', age: 31 },
      { email: 'c@example.com', name: 'C', age: 47 },
      { email: 'd@example.com', name: 'D', age: 38 },
    ];
    const created = await h.t.http.post(`/api/tenants/${tenant.slug}/tables/customers/records`, rows, {
      token: admin,
    });
    expect(created.status).toBe(201);

    const page = await h.newPage();
    const link = `/console/t/${tenant.slug}/imports/export?table=customers&filter%5Bage%5D%5Bgt%5D=30&sort=-age&fields=email%2Cage`;
    await h.signIn(page, editor, link);
    await heading(page, 'Export').waitFor();
    await page.getByText('age > 30').waitFor();
    expect(await page.getByLabel('Table', { exact: true }).inputValue()).toBe('customers');
    expect(await page.getByLabel('CSV', { exact: true }).isChecked()).toBe(true);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'export');

    await page.getByRole('button', { name: 'Start export' }).click();
    await heading(page, 'Export of customers').waitFor();
    const downloadButton = page.getByRole('button', { name: 'Download the CSV file' });
    await downloadButton.waitFor({ timeout: 30000 });
    await page.getByText('3 rows exported').waitFor();
    await screenshot(page, 'export-done');
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r?\n/);
    // records always carry their id; the rest is the filter's rows, in the sort's order, with its fields
    expect(lines[0]).toBe('id,email,age');
    expect(lines.slice(1).map((line) => line.split(',').slice(1).join(','))).toEqual([
      'c@example.com,47',
      'd@example.com,38',
      'b@example.com,31',
    ]);

    // The area's start lists the jobs.
    await page.getByRole('link', { name: 'All imports and exports' }).click();
    await heading(page, 'Imports and exports').waitFor();
    await page.getByRole('link', { name: 'customers.csv' }).first().waitFor();
    await page.getByText('3 rows exported').waitFor();
    await screenshot(page, 'imports');
    await page.close();
  });

  it('offers a viewer no import: no Imports link, and the wizard says why not', async () => {
    const viewer = await h.createMember(tenant.slug, 'viewer');
    const page = await h.newPage();
    await h.signIn(page, viewer, `/console/t/${tenant.slug}/imports/new`);
    await heading(page, 'Not allowed').waitFor();
    await page.getByText('does not allow imports and exports').waitFor();
    expect(
      await page.getByRole('navigation', { name: 'Tenant areas' }).getByRole('link').allTextContents(),
    ).not.toContain('Imports');
    expect(await page.getByLabel('File (CSV, XLSX, JSON or NDJSON)').count()).toBe(0);
    await page.close();
  });

  it('lets the superadmin import too (every role that may import sees the wizard)', async () => {
    const page = await h.newPage();
    await h.signIn(page, SUPERADMIN, `/console/t/${tenant.slug}/imports`);
    await heading(page, 'Imports and exports').waitFor();
    await page.getByRole('link', { name: 'New import' }).click();
    await heading(page, 'New import').waitFor();
    await page.getByLabel('Table to import into').selectOption('customers');
    await page.close();
  });
});
