import { sql } from '@app/core';
import { SchemaDefinition } from '@app/dataschema';
import { exportBinarySelect, exportListQuery, exportSelect, inline } from './export-query';

const definition: SchemaDefinition = {
  tables: [
    {
      name: 'customers',
      columns: [
        { name: 'email', type: 'email', required: true },
        { name: 'age', type: 'integer' },
        { name: 'status', type: 'enum', values: ['lead', 'customer'] },
        { name: 'sign', type: 'enum', values: ['plus', '+', 'minus'] },
      ],
    },
  ],
};

describe('export SQL', () => {
  it('inlines every parameter as a quoted literal, doubling quotes', () => {
    expect(inline(sql`x = ${"o'neil"} AND y = ${5} AND z = ANY(${['a', 'b"c']}::text[]) AND n = ${null}`)).toBe(
      `x = 'o''neil' AND y = '5' AND z = ANY('{"a","b\\"c"}'::text[]) AND n = NULL`,
    );
  });

  it('filters, sorts and selects as a record list, neutralizing text columns only', () => {
    const query = exportListQuery('tenant_a', definition, {
      table: 'customers',
      filter: { age: { gt: 30 }, email: { contains: "'" } },
      sort: '-age',
      fields: 'email,age',
    });
    const text = exportSelect(query, true);
    expect(text).toContain(`t."age" > '30'`);
    expect(text).toContain(`LIKE '%''%'`);
    expect(text).toContain(`ORDER BY t."age" DESC`);
    expect(text).toContain(`CASE WHEN ascii(t."email") IN (61, 43, 45, 64, 9, 13) THEN '''' || t."email"`);
    expect(text).not.toMatch(/CASE WHEN t\."age"/);
    expect(exportSelect(query, false)).not.toContain('CASE');
  });

  it('selects for binary COPY: no to_char, no CASE, the filter and sort kept, text neutralized by the worker', () => {
    const query = exportListQuery('tenant_a', definition, {
      table: 'customers',
      filter: { age: { gt: 30 } },
      sort: '-age',
      fields: 'email,age,status',
    });
    const { select, cells } = exportBinarySelect(query, true);
    expect(select).toBe(
      `SELECT (t."id")::text AS "id", (t."email")::text AS "email", (t."age")::text AS "age", ` +
        `(t."status")::text AS "status" FROM "tenant_a"."customers" t WHERE t."age" > '30' ORDER BY t."age" DESC, t."id" DESC`,
    );
    expect(cells).toEqual([
      { kind: 'plain' },
      { kind: 'text', neutralize: true },
      { kind: 'plain' },
      { kind: 'text', neutralize: true },
    ]);
    expect(exportBinarySelect(query, false).cells[1]).toEqual({ kind: 'text', neutralize: false });
  });

  it('spares enum columns none of whose values can start a formula', () => {
    const query = exportListQuery('tenant_a', definition, {
      table: 'customers',
      filter: null,
      sort: null,
      fields: 'status,sign',
    });
    const values = new Map(definition.tables[0].columns.filter((c) => c.values).map((c) => [c.name, c.values ?? []]));
    const text = exportSelect(query, true, values);
    expect(text).not.toContain('ascii(t."status")');
    expect(text).toContain('ascii(t."sign")');
    expect(exportSelect(query, true)).toContain('ascii(t."status")');
  });

  it('refuses an unknown filter column as a record list does', () => {
    expect(() =>
      exportListQuery('tenant_a', definition, {
        table: 'customers',
        filter: { nope: { eq: 1 } },
        sort: null,
        fields: null,
      }),
    ).toThrow(/Invalid list query/);
  });
});
