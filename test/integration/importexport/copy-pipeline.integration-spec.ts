import { compileRecordTable, RecordTable, SchemaDefinition } from '@app/dataschema';
import { collectItems, decodeCsv, RowPipeline, uniqueKeysOf } from '@app/importexport';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { dropScratchTenant, migrate, scratchTenant, withIds } from '../dataschema/dataschema-db';

const DEFINITION: SchemaDefinition = {
  tables: [
    {
      name: 'customers',
      columns: [
        { name: 'email', type: 'email', required: true, unique: true },
        { name: 'name', type: 'string', maxLength: 100, required: true },
        { name: 'notes', type: 'text' },
        { name: 'age', type: 'integer' },
        { name: 'score', type: 'decimal', precision: 10, scale: 2 },
        { name: 'ratio', type: 'float' },
        { name: 'active', type: 'boolean', required: true, default: true },
        { name: 'born', type: 'date' },
        { name: 'seen_at', type: 'timestamp' },
        { name: 'meta', type: 'json' },
      ],
    },
  ],
};

/** Awkward text: every COPY escape, quotes, commas, a backslash before N, non-ASCII. */
const NOTES = ['tab\there', 'line\nbreak', 'cr\rhere', 'back\\slash', '\\N', 'say "hi", ok', 'Zoë – 東京', ''];

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

describe('the row pipeline feeding COPY (real PostgreSQL)', () => {
  let client: Client;
  let schema: string;
  let table: RecordTable;

  beforeAll(async () => {
    ({ client, schema } = await scratchTenant('imp_copy'));
    const definition = withIds(DEFINITION);
    await migrate(client, schema, { tables: [] }, definition);
    table = compileRecordTable(schema, definition.tables[0]);
  });
  afterAll(() => dropScratchTenant(client, schema));

  it('stores every good row exactly as validated, and none of the bad ones', async () => {
    const lines = ['Email,Name,notes,age,score,ratio,active,born,seen_at,meta'];
    for (let i = 0; i < 400; i++) {
      lines.push(
        [
          `c${i}@example.com`,
          `Name ${i}`,
          csvCell(NOTES[i % NOTES.length]),
          i % 5 === 0 ? '' : String(i - 200),
          `${i}.5`,
          `${i / 8}`,
          i % 3 === 0 ? '' : i % 2 === 0 ? 'true' : 'false',
          `2000-01-${String((i % 28) + 1).padStart(2, '0')}`,
          '2024-05-01T12:00:00Z',
          csvCell(JSON.stringify({ i, s: 'a\tb' })),
        ].join(','),
      );
    }
    lines.push('c1@example.com,Dup,,,,,,,,'); // duplicate inside the file: row 402
    lines.push('bad-email,X,,,,,,,,'); // row 403
    const csv = Buffer.from(lines.join('\r\n'), 'utf8');

    const rows = new RowPipeline({ table, uniqueKeys: uniqueKeysOf(DEFINITION.tables[0]) });
    const out = rows.processBatch(await collectItems(decodeCsv(Readable.from([csv]))));
    expect(out.goodRows).toBe(400);
    expect(out.badRows.map((b) => b.row)).toEqual([402, 403]);

    const columns = rows.copyColumns.map((c) => c.quoted).join(', ');
    await pipeline(
      Readable.from([out.copyText]),
      client.query(copyFrom(`COPY ${table.qualified} (${columns}) FROM STDIN`)),
    );

    const stored = await client.query(
      `SELECT email, name, notes, age, score::text, ratio, active, born::text, seen_at, meta FROM ${table.qualified} ORDER BY age NULLS FIRST, email`,
    );
    expect(stored.rowCount).toBe(400);
    const byEmail = new Map(stored.rows.map((r) => [r.email, r]));
    for (let i = 0; i < 400; i++) {
      const row = byEmail.get(`c${i}@example.com`);
      expect(row).toEqual({
        email: `c${i}@example.com`,
        name: `Name ${i}`,
        notes: NOTES[i % NOTES.length] === '' ? null : NOTES[i % NOTES.length],
        age: i % 5 === 0 ? null : i - 200,
        score: `${i}.50`,
        ratio: i / 8,
        active: i % 3 === 0 ? true : i % 2 === 0,
        born: `2000-01-${String((i % 28) + 1).padStart(2, '0')}`,
        seen_at: new Date('2024-05-01T12:00:00Z'),
        meta: { i, s: 'a\tb' },
      });
    }
  });
});
