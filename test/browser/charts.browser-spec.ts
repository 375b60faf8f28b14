import type { Page } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import { ConsoleHarness, screenshot, startConsoleHarness, unlabelledControls } from './console-harness';
import { apiGet, createTable, insertRows } from './data-fixtures';

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });

/** The marks of the chart on the page: label and value of each bar or point. */
function marks(page: Page, selector: 'rect.bar' | 'circle.point'): Promise<Array<{ label: string; value: number }>> {
  return page.evaluate(`[...document.querySelectorAll('svg.chart ${selector}')].map((mark) => ({
    label: mark.getAttribute('data-label'),
    value: Number(mark.getAttribute('data-value')),
  }))`);
}

describe('charts of aggregates in Chromium', () => {
  let h: ConsoleHarness;
  let tenant: CreatedTenant;

  beforeAll(async () => {
    h = await startConsoleHarness();
    tenant = await h.createTenant();
    await createTable(h, tenant.slug, 'orders', [
      { name: 'status', type: 'enum', values: ['new', 'paid', 'shipped'], required: true },
      { name: 'region', type: 'string' },
      { name: 'amount', type: 'decimal', precision: 10, scale: 2 },
    ]);
    await createTable(h, tenant.slug, 'notes', [{ name: 'body', type: 'text' }]);
    const orders: Array<[string, string, string]> = [
      ['new', 'north', '10.00'],
      ['new', 'south', '20.00'],
      ['paid', 'north', '30.00'],
      ['paid', 'north', '50.00'],
      ['paid', 'east', '12.50'],
      ['paid', 'south', '7.50'],
      ['shipped', 'east', '100.00'],
      ['shipped', 'west', '40.00'],
      ['shipped', 'west', '60.00'],
    ];
    await insertRows(
      h,
      tenant.slug,
      'orders',
      orders.map(([status, region, amount]) => ({ status, region, amount })),
    );
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('draws a bar chart of a count by group, then a line of an average with a filter, as a viewer', async () => {
    const viewer = await h.createMember(tenant.slug, 'viewer');
    const page = await h.newPage();
    await h.signIn(page, viewer, `/console/t/${tenant.slug}/charts`);
    await heading(page, 'Charts').waitFor();
    await page.getByText('Choose a table, then what to measure').waitFor();

    const settings = page.getByRole('form', { name: 'Chart settings' });
    await settings.getByLabel('Table').selectOption('orders');
    await settings.getByLabel('Group by').selectOption('status');
    await page.getByRole('img', { name: /Count of rows by status in orders/ }).waitFor();
    expect(await marks(page, 'rect.bar')).toEqual([
      { label: 'new', value: 2 },
      { label: 'paid', value: 4 },
      { label: 'shipped', value: 3 },
    ]);
    const counted = await apiGet(h, `/api/tenants/${tenant.slug}/tables/orders/aggregate?groupBy=status`);
    expect(counted.results.map((r: any) => r.count)).toEqual([2, 4, 3]);
    expect(await page.locator('table.chart-values tbody tr').allInnerTexts()).toEqual([
      'new\t2',
      'paid\t4',
      'shipped\t3',
    ]);
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'charts-bar');

    // Three changes in one task, before the router has navigated: all count, and the radio shows
    // its change as soon as it is clicked.
    const lineShown = await page.evaluate(`(() => {
      const form = document.querySelector('form[aria-label="Chart settings"]');
      const choose = (select, value) => {
        select.value = value;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      };
      const [, groupBy, measure] = form.querySelectorAll('select');
      choose(groupBy, 'region');
      choose(measure, 'avg:amount');
      const line = form.querySelector('input[type=radio][value=line]');
      line.click();
      return line.checked;
    })()`);
    expect(lineShown).toBe(true);
    expect(await settings.getByLabel('Line').isChecked()).toBe(true);
    const filters = page.getByRole('form', { name: 'Add a filter' });
    await filters.getByLabel('Column').selectOption('status');
    await filters.getByLabel('Condition').selectOption('ne');
    await filters.getByLabel('Value').fill('new');
    await filters.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('img', { name: /Average of amount by region in orders/ }).waitFor();
    await page.getByRole('button', { name: 'Remove filter: status does not equal new' }).waitFor();
    await page.waitForFunction(`document.querySelectorAll('svg.chart circle.point').length === 4`);
    const averaged = await apiGet(
      h,
      `/api/tenants/${tenant.slug}/tables/orders/aggregate?groupBy=region&metrics=avg:amount&filter[status][ne]=new`,
    );
    expect(await marks(page, 'circle.point')).toEqual(
      averaged.results.map((r: any) => ({ label: r.region, value: r.avg_amount })),
    );
    expect(await marks(page, 'circle.point')).toEqual([
      { label: 'east', value: 56.25 },
      { label: 'north', value: 40 },
      { label: 'south', value: 7.5 },
      { label: 'west', value: 50 },
    ]);
    expect(await page.locator('svg.chart polyline').getAttribute('points')).toMatch(/^(\S+,\S+ ){3}\S+,\S+$/);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      table: 'orders',
      groupBy: 'region',
      metric: 'avg:amount',
      chart: 'line',
      'filter[status][ne]': 'new',
    });
    await screenshot(page, 'charts-line');

    // The chart is a link away from the same rows in the grid.
    await page.getByRole('link', { name: 'Open these rows in the grid' }).click();
    await heading(page, 'Data: orders').waitFor();
    await page.getByText('7 rows match.').waitFor();
    await page.close();
  });

  it('draws one total without grouping, offers sums of numeric columns only, and explains a refused measure', async () => {
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, `/console/t/${tenant.slug}/charts?table=orders&metric=sum%3Aamount&chart=bar`);
    await page.getByRole('img', { name: /Sum of amount by all rows in orders/ }).waitFor();
    expect(await marks(page, 'rect.bar')).toEqual([{ label: 'All rows', value: 330 }]);

    const settings = page.getByRole('form', { name: 'Chart settings' });
    await settings.getByLabel('Table').selectOption('notes');
    await page.getByRole('img', { name: /Count of rows by all rows in notes/ }).waitFor();
    expect(await marks(page, 'rect.bar')).toEqual([{ label: 'All rows', value: 0 }]);
    expect(await settings.getByLabel('Measure').locator('option').allInnerTexts()).toEqual(['Count of rows']);

    // A measure the API refuses (from an old link) says what is wrong and what to do.
    await page.goto(`${h.baseUrl}/console/t/${tenant.slug}/charts?table=notes&metric=sum%3Abody`);
    const alert = page.getByRole('alert').filter({ hasText: 'The chart could not be drawn' });
    await alert.getByText('sum does not apply to a text column: body').waitFor();
    await page.close();
  });
});
