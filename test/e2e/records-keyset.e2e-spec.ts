import { HttpResponse } from '../utils/http-client';
import { compileListQuery, compileRecordTables, parseListQuery, SchemaDefinition } from '@app/dataschema';
import { createTenant, deleteTenant } from '../factories/tenants.factory';
import { startTestApp, TestApp } from '../utils/test-app';

const ROWS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Actual Rows': number;
  Plans?: PlanNode[];
}

/** Rows the plan's scans of the table produced (every Seq/Index Scan node, summed). */
function rowsScanned(node: PlanNode): number {
  const own = /Scan/.test(node['Node Type']) ? node['Actual Rows'] : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + rowsScanned(child), 0);
}

/**
 * Keyset paging through a 100,000-row table over HTTP: every row once, in order, and the compiled
 * SQL of a deep page reads one page of rows (no OFFSET scan), where an offset page that deep
 * reads everything before it.
 */
describe('records: cursor paging through 100,000 rows', () => {
  let t: TestApp;
  let token: string;
  let slug: string;
  let schema: string;
  let definition: SchemaDefinition;

  const events = () => `/api/tenants/${slug}/tables/events/records`;

  beforeAll(async () => {
    t = await startTestApp();
    token = await t.adminToken();
    ({ slug, schemaName: schema } = await createTenant(t, token));
    const put = await t.http.put(
      `/api/tenants/${slug}/schema`,
      {
        definition: {
          tables: [
            {
              name: 'events',
              columns: [
                { name: 'seq', type: 'integer', required: true },
                { name: 'label', type: 'string', maxLength: 20 },
              ],
              indexes: [{ columns: ['seq'] }],
            },
          ],
        },
        expectedVersion: 0,
      },
      { token },
    );
    expect(put.status).toBe(200);
    definition = put.body.definition;
    await t.db.query(
      `INSERT INTO "${schema}".events (seq, label) SELECT g % 5000, 'e' || g FROM generate_series(1, ${ROWS}) g`,
    );
    await t.db.query(`ANALYZE "${schema}".events`);
  }, 60_000);

  afterAll(async () => {
    await deleteTenant(t, token, slug);
    await t.close();
  });

  it('walks every row once, in order, following next links', async () => {
    const ids: string[] = [];
    let next: string | null = `${events()}?cursor=&pageSize=1000&count=none&fields=id`;
    let pages = 0;
    while (next) {
      const page: HttpResponse = await t.http.get(next, { token });
      expect(page.status).toBe(200);
      expect(page.body.count).toBeNull();
      expect(page.body.previous).toBeNull();
      for (const r of page.body.results) ids.push(r.id);
      next = page.body.next ? new URL(page.body.next).pathname + new URL(page.body.next).search : null;
      if (next) expect(next).toContain('cursor=');
      pages++;
    }
    expect(pages).toBe(ROWS / 1000);
    expect(ids).toHaveLength(ROWS);
    expect(new Set(ids).size).toBe(ROWS);
    const ordered = await t.db.query(`SELECT id FROM "${schema}".events ORDER BY id`);
    expect(ids).toEqual(ordered.map((r: { id: string }) => r.id));

    const estimated = await t.http.get(`${events()}?count=estimated&pageSize=1`, { token });
    expect(estimated.body.count).toBeGreaterThan(ROWS * 0.9);
    expect(estimated.body.count).toBeLessThan(ROWS * 1.1);
  }, 60_000);

  it('pages deep by keyset without an OFFSET scan (EXPLAIN of the compiled SQL)', async () => {
    // Reach the middle of the table under a non-default sort through the API, then explain the next page.
    const start = await t.http.get(`${events()}?sort=-seq&cursor=&pageSize=1000&count=none&filter[seq][lte]=2500`, {
      token,
    });
    expect(start.status).toBe(200);
    const cursor = new URL(start.body.next).searchParams.get('cursor') as string;

    const table = compileRecordTables(schema, definition).get('events')!;
    const plan = async (raw: Record<string, string>) => {
      const compiled = compileListQuery(parseListQuery(table, raw, new Map([['events', table]])));
      const [row] = await t.db.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${compiled.rows.text}`, compiled.rows.values);
      return { text: compiled.rows.text, root: row['QUERY PLAN'][0].Plan as PlanNode };
    };

    const keyset = await plan({ sort: '-seq', cursor, pageSize: '1000', count: 'none' });
    expect(keyset.text).not.toMatch(/OFFSET/i);
    expect(JSON.stringify(keyset.root)).toMatch(/Index Scan/);
    // One page, plus at most the rest of the seq group it resumes in (the index is on seq alone).
    expect(rowsScanned(keyset.root)).toBeLessThan(2000);

    // The same depth by offset reads every row before the page: what the check above rules out.
    const offset = await plan({ sort: '-seq', page: '50', pageSize: '1000', count: 'none' });
    expect(offset.text).toMatch(/OFFSET/);
    expect(rowsScanned(offset.root)).toBeGreaterThanOrEqual(50_000);
  });
});
