import type { Page } from 'playwright-core';
import type { ConsoleHarness } from './console-harness';

/** A table created through the API (a new schema version), as the superadmin. */
export async function createTable(
  h: ConsoleHarness,
  tenant: string,
  name: string,
  columns: Array<Record<string, unknown>>,
): Promise<void> {
  const token = await h.t.adminToken();
  const res = await h.t.http.post(`/api/tenants/${tenant}/tables`, { name, columns }, { token });
  if (res.status !== 201 && res.status !== 200) throw new Error(`createTable failed: ${res.status} ${res.text}`);
}

/** Rows through the API (all or none), in the order given; returns them as stored. */
export async function insertRows(
  h: ConsoleHarness,
  tenant: string,
  table: string,
  rows: Array<Record<string, unknown>>,
): Promise<Array<Record<string, any>>> {
  const token = await h.t.adminToken();
  const res = await h.t.http.post(`/api/tenants/${tenant}/tables/${table}/records`, rows, { token });
  if (res.status !== 201) throw new Error(`insertRows failed: ${res.status} ${res.text}`);
  return res.body as Array<Record<string, any>>;
}

/** Many rows at once, straight into the tenant's table with generate_series (`select` gives each column's SQL). */
export async function seedRows(
  h: ConsoleHarness,
  schemaName: string,
  table: string,
  count: number,
  select: Record<string, string>,
): Promise<void> {
  const names = Object.keys(select)
    .map((n) => `"${n}"`)
    .join(', ');
  const values = Object.values(select).join(', ');
  await h.t.db.query(
    `INSERT INTO "${schemaName}"."${table}" (${names}) SELECT ${values} FROM generate_series(1, ${count}) g`,
  );
  await h.t.db.query(`ANALYZE "${schemaName}"."${table}"`);
}

/** GET through the API as the superadmin. */
export async function apiGet(h: ConsoleHarness, path: string): Promise<any> {
  const res = await h.t.http.get(path, { token: await h.t.adminToken() });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.text}`);
  return res.body;
}

/** The grid on the page. */
export const grid = (page: Page) => page.getByRole('grid');

/** The texts of a grid row's cells, by aria-rowindex (the header is 1). */
export function rowTexts(page: Page, ariaRowIndex: number): Promise<string[]> {
  return page.locator(`[role=grid] [role=row][aria-rowindex="${ariaRowIndex}"] [role=gridcell]`).allInnerTexts();
}

/** How many rows the DOM holds in the grid right now. */
export function domRowCount(page: Page): Promise<number> {
  return page.evaluate(`document.querySelectorAll('[role=grid] [role=row]').length`);
}
