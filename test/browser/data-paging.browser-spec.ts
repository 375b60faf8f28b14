import type { Page, Request } from 'playwright-core';
import type { CreatedTenant } from '../factories/tenants.factory';
import { ConsoleHarness, screenshot, startConsoleHarness, unlabelledControls } from './console-harness';
import { apiGet, createTable, domRowCount, seedRows } from './data-fixtures';

const ROWS = 5000;

/**
 * Scrolls the grid from top to bottom a screen at a time, waiting for rows still being read, until
 * the end of the list; answers the most rows the DOM held at any moment and the last row's index.
 */
async function scrollToTheEnd(page: Page): Promise<{ maxRows: number; lastRowIndex: number; steps: number }> {
  return page.evaluate(`(async () => {
    const scroller = document.querySelector('.grid-scroll');
    const rows = () => document.querySelectorAll('[role=grid] [role=row]').length;
    const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
    const ended = () => document.getElementById('grid-status').textContent.includes('End of the list reached');
    let maxRows = rows();
    let steps = 0;
    const observer = new MutationObserver(() => { maxRows = Math.max(maxRows, rows()); });
    observer.observe(scroller, { childList: true, subtree: true });
    const deadline = Date.now() + 90000;
    while (Date.now() < deadline) {
      scroller.scrollTop += scroller.clientHeight;
      steps++;
      await frame();
      maxRows = Math.max(maxRows, rows());
      const atBottom = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      if (atBottom && ended() && !document.querySelector('.placeholder')) break;
      if (atBottom) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The grid renders the last scroll position a frame or two later.
    for (let i = 0; i < 10; i++) await frame();
    observer.disconnect();
    const indexes = [...document.querySelectorAll('[role=grid] [role=row][aria-rowindex]')].map((r) => Number(r.getAttribute('aria-rowindex')));
    return { maxRows, lastRowIndex: Math.max(...indexes), steps };
  })()`);
}

describe('the data grid over 5,000 rows in Chromium', () => {
  let h: ConsoleHarness;
  let tenant: CreatedTenant;
  const dataPath = () => `/console/t/${tenant.slug}/tables/items/data`;
  const records = (query: string) => apiGet(h, `/api/tenants/${tenant.slug}/tables/items/records?${query}`);

  beforeAll(async () => {
    h = await startConsoleHarness();
    tenant = await h.createTenant();
    await createTable(h, tenant.slug, 'items', [
      { name: 'label', type: 'string', required: true },
      { name: 'qty', type: 'integer' },
      { name: 'price', type: 'decimal', precision: 10, scale: 2 },
      { name: 'category', type: 'enum', values: ['a', 'b', 'c', 'd'] },
      { name: 'day', type: 'date' },
    ]);
    await seedRows(h, tenant.schemaName, 'items', ROWS, {
      label: `'item ' || lpad(g::text, 5, '0')`,
      qty: `(g * 7919) % 1000`,
      price: `((g * 31) % 10000) / 100.0`,
      category: `(array['a','b','c','d'])[1 + g % 4]`,
      day: `date '2024-01-01' + (g % 365)`,
    });
  });

  afterAll(() => h?.close());

  afterEach(() => {
    expect(h.problems).toEqual([]);
  });

  it('filters and sorts on the server, and reads pages by cursor while scrolling, the DOM under 200 rows', async () => {
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    const lists: Request[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/tables/items/records?')) lists.push(request);
    });
    await h.signIn(page, editor, dataPath());
    await page.getByText(`${ROWS.toLocaleString('en')} rows match.`).waitFor();

    const filters = page.getByRole('form', { name: 'Add a filter' });
    await filters.getByLabel('Column').selectOption('qty');
    await filters.getByLabel('Condition').selectOption('gte');
    await filters.getByLabel('Value').fill('500');
    await filters.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('button', { name: 'Remove filter: qty is at least 500' }).waitFor();
    const filtered = (await records('filter[qty][gte]=500&pageSize=1')).count as number;
    expect(filtered).toBeGreaterThan(1000);
    expect(filtered).toBeLessThan(ROWS);
    await page.getByText(`${filtered.toLocaleString('en')} rows match.`).waitFor();

    const qtyHeader = page.getByRole('columnheader', { name: /^qty/ });
    await qtyHeader.getByRole('button').click();
    await page.waitForURL(/sort=qty/);
    await page.locator('[role=columnheader][aria-sort=ascending]', { hasText: 'qty' }).waitFor();
    await qtyHeader.getByRole('button').click();
    await page.waitForURL(/sort=-qty/);
    await page.locator('[role=columnheader][aria-sort=descending]', { hasText: 'qty' }).waitFor();
    await page.getByText(`${filtered.toLocaleString('en')} rows match.`).waitFor();
    expect(new URL(page.url()).searchParams.get('filter[qty][gte]')).toBe('500');
    expect(await unlabelledControls(page)).toEqual([]);
    await screenshot(page, 'data-filtered');

    const top = (await records('filter[qty][gte]=500&sort=-qty&pageSize=3')).results;
    for (let i = 0; i < 3; i++) {
      const row = page.locator(`[role=row][aria-rowindex="${i + 2}"]`);
      expect(await row.locator('[data-column=label]').innerText()).toBe(top[i].label);
      expect(await row.locator('[data-column=qty]').innerText()).toBe(String(top[i].qty));
    }

    lists.length = 0;
    const scrolled = await scrollToTheEnd(page);
    expect(scrolled.maxRows).toBeLessThan(200);
    expect(scrolled.lastRowIndex).toBe(filtered + 1);
    expect(await domRowCount(page)).toBeLessThan(200);
    const last = (await records('filter[qty][gte]=500&sort=qty&pageSize=1')).results[0];
    const lastRow = page.locator(`[role=row][aria-rowindex="${filtered + 1}"]`);
    expect(await lastRow.locator('[data-column=label]').innerText()).toBe(last.label);
    // Pages came by keyset cursor, each with the filter and the sort, without counting again.
    const cursors = lists.map((request) => new URL(request.url()).searchParams);
    expect(cursors.length).toBeGreaterThanOrEqual(Math.floor(filtered / 500));
    for (const params of cursors) {
      expect(params.get('cursor')).not.toBe('');
      expect(params.get('filter[qty][gte]')).toBe('500');
      expect(params.get('sort')).toBe('-qty');
      expect(params.get('count')).toBe('none');
    }

    // Ctrl+Home goes back to the first row, whose page is read again by its cursor if it was dropped.
    await lastRow.locator('[data-column=label]').click();
    await page.keyboard.press('Control+Home');
    await page.locator('[role=row][aria-rowindex="2"] [data-column=label]').getByText(top[0].label).waitFor();
    await page.close();
  });

  it('drops the rows of far pages from memory and reads them again by cursor when scrolled back to', async () => {
    const viewer = await h.createMember(tenant.slug, 'viewer');
    const page = await h.newPage();
    await h.signIn(page, viewer, `${dataPath()}?sort=label`);
    await page.getByText(`${ROWS.toLocaleString('en')} rows match.`).waitFor();
    const scrolled = await scrollToTheEnd(page);
    expect(scrolled.lastRowIndex).toBe(ROWS + 1);
    expect(scrolled.maxRows).toBeLessThan(200);
    await page
      .locator(`[role=row][aria-rowindex="${ROWS + 1}"] [data-column=label]`)
      .getByText('item 05000')
      .waitFor();

    // 11 pages were read, at most 8 are kept: the first one is read again, from its own cursor.
    const again = page.waitForRequest((request) => {
      const params = new URL(request.url()).searchParams;
      return request.url().includes('/records?') && params.get('cursor') === '' && params.get('count') === 'none';
    });
    await page.locator(`[role=row][aria-rowindex="${ROWS + 1}"] [data-column=label]`).click();
    await page.keyboard.press('Control+Home');
    await again;
    await page.locator('[role=row][aria-rowindex="2"] [data-column=label]').getByText('item 00001').waitFor();
    expect(await page.locator('[role=row][aria-rowindex="3"] [data-column=label]').innerText()).toBe('item 00002');
    await page.close();
  });

  it('shows the columns picked (the API sends only those), and exports what the grid shows', async () => {
    const editor = await h.createMember(tenant.slug, 'editor');
    const page = await h.newPage();
    await h.signIn(page, editor, `${dataPath()}?filter%5Bcategory%5D%5Beq%5D=b&sort=-day`);
    await page.getByText('1,250 rows match.').waitFor();

    await page.getByText('Columns: 10 of 10 shown').click();
    const picked = page.waitForResponse((res) => {
      const fields = new URL(res.url()).searchParams.get('fields');
      return res.url().includes('/records?') && !!fields && !fields.includes('price') && !fields.includes('created_by');
    });
    // Two clicks in one task, before the router has navigated: each box shows its change at once
    // (read right after its click), and the second starts from the first, so both count.
    const shownAfterClicks = await page.evaluate(`(() => {
      const box = (name) =>
        [...document.querySelectorAll('.column-picker input[type=checkbox]')].find(
          (input) => input.parentElement.textContent.trim() === name,
        );
      const price = box('price');
      const createdBy = box('created_by');
      price.click();
      const priceShown = price.checked;
      createdBy.click();
      return [priceShown, createdBy.checked];
    })()`);
    expect(shownAfterClicks).toEqual([false, false]);
    const response = await picked;
    const body = await response.json();
    expect(Object.keys(body.results[0]).sort()).toEqual(
      ['id', 'label', 'qty', 'category', 'day', 'created_at', 'updated_at', 'updated_by'].sort(),
    );
    await page.getByText('Columns: 8 of 10 shown').waitFor();
    expect(await page.getByRole('columnheader', { name: /^price/ }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: /^qty/ }).count()).toBe(1);
    expect(await page.getByRole('checkbox', { name: 'id (always shown)' }).isDisabled()).toBe(true);
    await screenshot(page, 'data-columns');

    await page.getByRole('link', { name: 'Export these rows' }).click();
    await page.waitForURL(/\/imports\/export\?/);
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/console/t/${tenant.slug}/imports/export`);
    expect(url.searchParams.get('table')).toBe('items');
    expect(url.searchParams.get('filter[category][eq]')).toBe('b');
    expect(url.searchParams.get('sort')).toBe('-day');
    expect(url.searchParams.get('fields')).toBe('id,label,qty,category,day,created_at,updated_at,updated_by');
    await page.close();
  });

  it('says what to do when the API refuses a filter', async () => {
    const viewer = await h.createMember(tenant.slug, 'viewer');
    const page = await h.newPage();
    await h.signIn(page, viewer, `${dataPath()}?filter%5Bqty%5D%5Bgt%5D=lots`);
    const alert = page.getByRole('alert').filter({ hasText: 'The rows could not be read' });
    await alert.waitFor();
    await alert.getByText('filter[qty][gt]').waitFor();
    await alert.getByText('Change or remove the filter, sort or column it names.').waitFor();
    await page.getByRole('button', { name: 'Remove filter: qty is greater than lots' }).click();
    await page.getByText(`${ROWS.toLocaleString('en')} rows match.`).waitFor();
    expect(await alert.count()).toBe(0);
    await page.close();
  });
});
